// Counter 1 of an office meets 窓口花子's 交付 left open at counter 2: the unfinished list and the
// refused resume say 「窓口2で手続き中」, and 「責任者が引き継ぐ」 asks a 責任者's approval (saying
// that counter 2 can no longer resume it), then the 交付 goes on here at its documents step.
import type { Result } from '../../preload/contract/result';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import { recordAtCounter } from '../fixtures/other-counter';
import { expect, test } from './harness/fixtures';
import { loginAs, seedOperator } from './harness/login';

test.use({ core: { officeCounter: 1 } });

test('a 責任者 takes over another counter’s open 交付 to this counter', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'renshu01');
  // Counter 2's 交付 of 花子, as its start leaves it in the office database.
  const clerk = { url: `${harness.origin}/clerk.html`, isMainFrame: true };
  const found = (await harness.core.router.handle(clerk, 'lookup:by-notice', {
    noticeNumber: 'MD-2026-0001',
    birthDate: '1992-07-08',
  })) as Result<ResidentMatchDto>;
  if (!found.ok) throw new Error(found.error.code);
  const started = (await harness.core.router.handle(clerk, 'procedure:start', {
    kind: 'issuance',
    applicationId: found.value.applications[0]!.id,
  })) as Result<ProcedureDto>;
  if (!started.ok) throw new Error(started.error.code);
  await recordAtCounter(harness.core, started.value.procedureId, 2);

  // The unfinished list names counter 2 and offers the takeover, not a resume.
  await page.getByTestId('nav-issuance').click();
  const row = page.getByTestId('open-procedures').locator(`[data-procedure]`);
  await expect(row.getByTestId('open-other-counter')).toHaveText('窓口2で手続き中');
  await expect(row.getByTestId('take-over')).toHaveText('責任者が引き継ぐ');

  // Resuming it from the search is refused, naming counter 2, with the same way on.
  await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('19920708');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await page.getByTestId('start-issuance').click();
  const refusal = page.getByTestId('other-counter-refusal');
  await expect(refusal.locator('[data-error-code="other-counter-open"]')).toBeVisible();
  await expect(refusal.getByRole('heading', { level: 2 })).toHaveText('窓口2で手続き中');
  await harness.screenshot('counter-takeover-refused');

  await refusal.getByTestId('take-over').click();
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog.getByTestId('takeover-means')).toContainText(
    '窓口2では、この手続きを再開できなくなります。',
  );
  const supervisor = seedOperator('sekinin');
  await dialog.getByLabel('責任者の職員ID').fill(supervisor.loginId);
  await dialog.getByLabel('責任者のパスワード').fill(supervisor.password);
  await dialog.getByLabel('承認の理由').fill('窓口2を閉じたため');
  await harness.screenshot('counter-takeover-approval');
  await dialog.getByLabel('承認の理由').press('Enter');

  await expect(page.getByTestId('step-documents')).toBeVisible();
  await expect(page.getByTestId('counter-takeover')).toHaveCount(0);
  await harness.screenshot('counter-takeover-resumed');
  expect(harness.calls).toContain('procedure:take-over');
  expect(harness.invalidRequests).toEqual([]);
});
