// The resident window during the long card work: a progress bar moved by main's steps, and 「職員を呼ぶ」
// that reaches the clerk's window as a notice the clerk dismisses (and the audit log).
import { COUNTER_SIZES, openTrainer, screensAtCounterSizes } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { issuanceToPins, residentEntersAll } from './harness/issuance-steps';
import { loginAs } from './harness/login';
import { readable } from './harness/resident-text';

test('the progress bar follows the card work; the call reaches the clerk (both screen sizes)', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();
  await resident.setViewportSize(COUNTER_SIZES[0]);
  await openTrainer(page);
  await page.getByTestId('trainer-drawer-toggle').click();
  await issuanceToPins(page, resident, async () => undefined);
  // Real-card timing from here: the certificate work lasts long enough to see each stage.
  const cardTiming = harness.realCardTiming();
  await page.getByTestId('open-pin-entry').click();
  await residentEntersAll(resident, async () => undefined);

  // Main's steps move the bar: the write stage arrives with its place in the sequence.
  const progress = resident.getByTestId('work-progress');
  await expect(progress).toHaveAttribute('data-stage', 'write', { timeout: 60_000 });
  const bar = progress.getByRole('progressbar', { name: '進み具合' });
  await expect(bar).toHaveAttribute('aria-valuenow', '5');
  await expect(bar).toHaveAttribute('aria-valuemax', '9');
  await expect(bar).toHaveAttribute('aria-valuetext', '電子証明書をカードに書き込んでいます');
  await harness.screenshot('resident-progress-write-1280x800', resident);

  // The resident calls for staff while waiting; the clerk's window says so until dismissed. The
  // resident's pictures come first, while the card is still worked on: the one at 1366x768 also
  // shows the progress screen at that size.
  await resident.getByTestId('call-staff').click();
  const said = resident.getByTestId('call-staff-said');
  await expect.poll(() => readable(said)).toBe('職員を呼びました。少しお待ちください');
  await screensAtCounterSizes(harness, resident, 'resident-called-staff');
  const notice = page.getByTestId('staff-call-notice');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('住民の方が「職員を呼ぶ」を押しました');
  await screensAtCounterSizes(harness, page, 'clerk-staff-call-notice');
  await notice.getByTestId('staff-call-dismiss').click();
  await expect(notice).toBeEmpty();
  // Everything that needed the slow card is seen: the rest of the card work at the simulator's speed.
  cardTiming.off();

  await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
  const calls = await harness.core
    .db()!
    .all<{ n: number }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'resident.staff-called'`,
    );
  expect(calls).toEqual([{ n: 1 }]);
  expect(harness.invalidRequests).toEqual([]);
});
