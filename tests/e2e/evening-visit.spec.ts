// An evening visit on the practice clock: the trainer sets 20:30, the home screen and the start of 交付
// say the certificate service is closed, and the 交付 goes on to its PIN step and parks as 後日交付.
import { DEFAULT_SERVICE_HOURS } from '../../preload/contract/rules/service-hours';
import { EVENING_VISIT } from '../../main/practice/seed-dated-rules';
import { closeTrainer, openTrainer } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { issuanceToPins } from './harness/issuance-steps';
import { loginAs } from './harness/login';

// The real hours (the harness opens the service all day); the practice clock moves the time of day.
test.use({ core: { certificateService: DEFAULT_SERVICE_HOURS } });

test('an evening visit: the hours said first, the 交付 parked as 後日交付 before the PINs', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();
  await page.bringToFront();

  // The trainer sets the practice clock in the drawer; the header shows it while it is set.
  await openTrainer(page);
  const clock = page.getByTestId('practice-clock');
  await clock.getByLabel('練習の時刻', { exact: true }).fill(EVENING_VISIT.time);
  await clock.getByTestId('practice-clock-set').click();
  await expect(page.getByTestId('practice-clock-now')).toHaveText('練習の時刻 20:30');
  await expect(clock.getByTestId('practice-clock-state')).toContainText('練習の時刻：20:30');
  await harness.screenshot('evening-drawer-clock');
  await closeTrainer(page);

  // Home: what to tell a resident who comes now.
  const home = page.locator('[data-testid="service-closed"][data-place="home"]');
  await expect(home).toContainText('受付時間（08:30～20:00）を過ぎています');
  await expect(home).toContainText('「後日交付にする」');
  await harness.screenshot('evening-home');

  await issuanceToPins(
    page,
    resident,
    async (screen) => {
      if (screen !== 'documents') return;
      // The 交付 says it from its first step, before anything is asked of the resident.
      await expect(
        page.locator('[data-testid="service-closed"][data-place="start"]'),
      ).toContainText('暗証番号の画面で「後日交付にする」を選んでください');
      await harness.screenshot('evening-issuance-documents');
    },
    undefined,
    async () => {
      // Asked before the 交付 starts: go on as 後日交付, or ask the resident to come back.
      const dialog = page.getByTestId('service-closed-dialog');
      await expect(dialog).toContainText('電子証明書サービスの受付時間外です');
      await harness.screenshot('evening-start-dialog');
      await dialog.getByTestId('start-anyway').click();
    },
  );

  // The PIN step: the entry is not opened; 後日交付 parks the 交付 with its reason.
  const pins = page.locator('[data-testid="service-closed"][data-place="pins"]');
  await expect(pins).toBeVisible();
  // What works is the primary action: 後日交付, focused; the entry main would refuse is not.
  await expect(pins.getByTestId('defer-certificates')).toHaveClass(/button--primary/);
  await expect(pins.getByTestId('defer-certificates')).toBeFocused();
  const entry = page.getByTestId('open-pin-entry');
  await expect(entry).not.toHaveClass(/button--primary/);
  await expect(entry).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('[data-testid="step-pins"] .button--primary')).toHaveCount(1);
  await harness.screenshot('evening-pins');
  await pins.getByTestId('defer-certificates').click();
  await expect(page.getByTestId('step-parked')).toBeVisible();
  await expect(page.getByTestId('parked-lead')).toContainText('受付時間外のため');
  await expect(page.getByTestId('procedure-notice')).toHaveCount(0);
  await harness.screenshot('evening-parked');

  // Back to the real time: the header no longer shows a practice time.
  await openTrainer(page);
  await page.getByTestId('practice-clock-real').click();
  await expect(page.getByTestId('practice-clock-now')).toHaveCount(0);
  await expect(page.getByTestId('practice-clock-state')).toHaveText('実際の時刻で動いています。');
});
