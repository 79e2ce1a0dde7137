// Counter 1 of an office meets procedures left open at counter 2: 仮名幸子's page offers her card's
// 解除 only to take over, and for 窓口花子's 交付 the unfinished list and the search say
// 「窓口2で手続き中」 (the search offers no resume), and 「責任者が引き継ぐ」 asks a
// 責任者's approval (saying that counter 2 can no longer resume it), then the 交付 goes on here at
// its documents step, and it and the resident's page say it came from counter 2.
import type { Channel } from '../../preload/contract/channels';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import type { Result } from '../../preload/contract/result';
import { recordAtCounter } from '../fixtures/other-counter';
import { expect, test } from './harness/fixtures';
import { openHistory, SERIAL } from './harness/lifecycle-steps';
import { loginAs, seedOperator } from './harness/login';

test.use({ core: { officeCounter: 1 } });

test('a 責任者 takes over another counter’s open 交付 to this counter', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'renshu01');
  const clerk = { url: `${harness.origin}/clerk.html`, isMainFrame: true };
  async function handle<T>(channel: Channel, payload: unknown): Promise<T> {
    const r = (await harness.core.router.handle(clerk, channel, payload)) as Result<T>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value;
  }
  // Counter 2's 交付 of 花子, as its start leaves it in the office database.
  const found = await handle<ResidentMatchDto>('lookup:by-notice', {
    noticeNumber: 'MD-2026-0001',
    birthDate: '1992-07-08',
  });
  const started = await handle<ProcedureDto>('procedure:start', {
    kind: 'issuance',
    applicationId: found.applications[0]!.id,
  });
  await recordAtCounter(harness.core, started.procedureId, 2);
  // And counter 2's 一時停止の解除 of 仮名 幸子's card.
  const sachiko = await handle<ResidentMatchDto>('lookup:by-serial', { serial: SERIAL.suspended });
  const release = await handle<ProcedureDto>('procedure:start', {
    kind: 'release',
    cardId: sachiko.cards[0]!.id,
  });
  await recordAtCounter(harness.core, release.procedureId, 2);

  // Her page offers the takeover where the card's 解除 button was.
  const card = await openHistory(page, SERIAL.suspended, '仮名　幸子');
  await expect(card.locator('[data-start="release"]')).toHaveCount(0);
  const elsewhere = card.getByTestId('card-elsewhere');
  await expect(elsewhere).toContainText('窓口2で手続き中');
  await expect(
    elsewhere.getByRole('button', {
      name: '仮名　幸子 さんの一時停止の解除（窓口2で手続き中）を責任者が引き継ぐ',
    }),
  ).toBeVisible();
  await harness.screenshot('counter-takeover-card');

  // The unfinished list names counter 2 and offers the takeover, not a resume.
  await page.getByTestId('nav-issuance').click();
  const row = page
    .getByTestId('open-procedures')
    .locator(`[data-procedure="${started.procedureId}"]`);
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
  await openHistory(page, found.applications[0]!.card!.serial, '窓口　花子');
  const visit = page.getByTestId('timeline').locator('[data-procedure="issuance"]');
  await expect(visit.getByTestId('taken-over')).toHaveText(from);
  await expect(page.getByTestId('history-other-counter')).toHaveCount(0);
  await harness.screenshot('counter-takeover-history');
  expect(harness.calls).toContain('procedure:take-over');
  expect(harness.invalidRequests).toEqual([]);
});
