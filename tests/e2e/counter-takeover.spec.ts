// Counter 1 of an office meets 窓口花子's 交付 left open at counter 2: the unfinished list and the
// search say 「窓口2で手続き中」 (the search offers no resume), and 「責任者が引き継ぐ」 asks a
// 責任者's approval (saying that counter 2 can no longer resume it), then the 交付 goes on here at
// its documents step, and it and the resident's page say it came from counter 2.
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

  // The search says the same of its application, with the same way on and no resume.
  await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('19920708');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  const application = page.getByTestId('application');
  await expect(application.getByTestId('other-counter')).toHaveText('窓口2で手続き中');
  await expect(application.getByTestId('start-issuance')).toHaveCount(0);
  await expect(application.getByTestId('start-delivery')).toHaveCount(0);
  await harness.screenshot('counter-takeover-search');

  await application
    .getByRole('button', { name: '窓口　花子 さんの交付（窓口2で手続き中）を責任者が引き継ぐ' })
    .click();
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
  const from = /^窓口2から窓口1に引き継ぎました（責任者：責任者（練習）、\d{2}:\d{2}）$/;
  await expect(page.getByTestId('procedure-taken-over')).toHaveText(from);
  await harness.screenshot('counter-takeover-resumed');

  // The resident's page: the 交付's entry of the timeline says it too.
  await page.getByTestId('nav-life').click();
  await page.getByLabel('カード製造番号（15桁）').fill(found.value.applications[0]!.card!.serial);
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  const visit = page.getByTestId('timeline').locator('[data-procedure="issuance"]');
  await expect(visit.getByTestId('taken-over')).toHaveText(from);
  await expect(page.getByTestId('history-other-counter')).toHaveCount(0);
  await harness.screenshot('counter-takeover-history');
  expect(harness.calls).toContain('procedure:take-over');
  expect(harness.invalidRequests).toEqual([]);
});
