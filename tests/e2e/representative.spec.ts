// 代理人交付 as a clerk walks it, by mouse: the first visit of 大森ウメ's son (the reason, his name,
// relation and documents, the 照会書兼回答書 printed), then the second visit of 小川正男's daughter
// with the 照会書 back (the practice data's first visit): its number typed from the paper, both
// people's documents, the face check without the camera, the card face and the PINs from the
// sealed sheet typed on the resident window, the handover and the receipt.
import type { Page } from '@playwright/test';
import { insertApplicationCard, residentConfirmsCardFace } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { residentEntersAll } from './harness/issuance-steps';
import { loginAs } from './harness/login';

/** The year (Japan) of the practice case's first visit, six days ago: its 照会書's number has it. */
function sentYear(): string {
  return new Date(Date.now() - 6 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 4);
}

/** The clerk finds the application by its notice number and the birth date as written (和暦). */
async function findApplication(page: Page, notice: string, birth: string, name: string) {
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill(notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(birth);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('resident-name')).toHaveText(name);
}

test('代理人交付: the first visit sends the 照会書, the second issues the card', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();

  // ---- 大森ウメ (80): her son comes for the first visit ----
  await findApplication(page, 'MD-2026-0601', '昭和21年4月10日', '大森　ウメ');
  await page.getByTestId('start-delivery').click();
  const request = page.getByTestId('step-request');
  await expect(request).toBeVisible();
  await expect(page.getByTestId('header-kind')).toHaveText('代理人交付');
  await expect(page.getByTestId('request-why')).toHaveText('来庁できない理由を選んでください。');
  await request.getByTestId('delivery-reasons').getByLabel('75歳以上').check();
  await request.getByTestId('representative-name').fill('大森　健一');
  await request.getByTestId('delivery-relations').getByLabel('子', { exact: true }).check();
  await request.getByTestId('representative-list-A').getByLabel('運転免許証').check();
  await expect(page.getByTestId('request-why')).toContainText('A欄から2点');
  await request.getByTestId('representative-list-B').getByLabel('健康保険').check();
  await expect(page.getByTestId('request-why')).toContainText('そろっています');
  await harness.screenshot('delivery-request');
  await page.getByTestId('record-request').click();

  const waiting = page.getByTestId('step-awaiting-reply');
  await expect(waiting).toBeVisible();
  // The header shows the wait as a wait (nothing went wrong), not in a stop's red.
  const replyStep = page.getByTestId('step-header').locator('[data-header-step="reply"]');
  await expect(replyStep).toHaveClass(/steps__item--waiting/);
  await expect(replyStep).not.toHaveClass(/steps__item--stopped/);
  await expect(replyStep).toContainText('照会書の回答待ち');
  // Shown in full once printed (the clerk posts that paper); hidden again at the second visit.
  await expect(waiting.getByTestId('inquiry-number')).toHaveText(/^SK-\d{4}-••••\d{2}$/);
  await expect(waiting.getByTestId('inquiry-facts')).toContainText('大森　健一（子）');
  await page.getByTestId('print-inquiry').click();
  await expect(page.getByTestId('inquiry-written')).toContainText('.pdf');
  await expect(waiting.getByTestId('inquiry-number')).toHaveText(/^SK-\d{4}-\d{6}$/);
  await harness.screenshot('delivery-waiting');

  // ---- 小川正男 (80): his daughter brings the 照会書 back ----
  await findApplication(page, 'MD-2026-0602', '昭和21年8月30日', '小川　正男');
  await expect(page.getByTestId('delivery-open')).toBeVisible();
  await expect(page.getByTestId('start-issuance')).toHaveCount(0);
  await page.getByTestId('start-delivery').click();
  await expect(waiting).toBeVisible();
  // The screen shows only the end of the number; she hands over the 照会書 printed six days ago
  // (the practice data), and the clerk types its number from the paper.
  await expect(waiting.getByTestId('inquiry-number')).toHaveText(/^SK-\d{4}-••••01$/);
  await waiting.getByTestId('reply-number').fill(`SK-${sentYear()}-060201`);
  await waiting.getByTestId('reply-answered').check();
  await expect(page.getByTestId('reply-why')).toContainText('暗証番号設定依頼書');
  await waiting.getByTestId('reply-sealed').check();
  await harness.screenshot('delivery-reply');
  await page.getByTestId('record-reply').click();

  const documents = page.getByTestId('step-documents');
  await expect(documents).toBeVisible();
  await documents.getByTestId('resident-list-B').getByLabel('健康保険').check();
  await documents.getByTestId('resident-list-B').getByLabel('年金手帳').check();
  await documents.getByTestId('resident-list-B').getByLabel('介護保険被保険者証').check();
  // Three of list B, none with a photo: the screen says what is missing.
  await expect(page.getByTestId('documents-why')).toContainText('写真付き');
  await documents.getByTestId('resident-list-B').getByLabel('介護保険被保険者証').uncheck();
  await documents.getByTestId('resident-list-B').getByLabel('社員証').check();
  await documents.getByTestId('representative-list-A').getByLabel('運転免許証').check();
  await documents.getByTestId('representative-list-A').getByLabel('旅券').check();
  await expect(page.getByTestId('documents-why')).toContainText('委任状');
  await documents.getByTestId('authority-seen').check();
  await harness.screenshot('delivery-documents');
  await page.getByTestId('documents-next').click();

  await expect(page.getByTestId('step-card')).toBeVisible();
  await insertApplicationCard(page, 'MD-2026-0602');
  // The face check: the application and chip photos against the resident's photo document; the
  // resident is not here, so no camera.
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-absent')).toBeVisible();
  await expect(page.getByTestId('face-live')).toBeHidden();
  await harness.screenshot('delivery-face');
  await page.getByTestId('face-match').click();
  await residentConfirmsCardFace(page, resident);

  await expect(page.getByTestId('step-pins')).toBeVisible();
  await expect(page.getByTestId('step-pins')).toContainText('暗証番号設定依頼書');
  await harness.screenshot('delivery-pins');
  await page.getByTestId('open-pin-entry').click();
  await resident.bringToFront();
  await residentEntersAll(resident, async () => undefined);
  await page.bringToFront();
  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('complete-issuance').click();
  await expect(page.getByTestId('step-completed')).toBeVisible();
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('receipt')).toContainText('.pdf');
  await harness.screenshot('delivery-completed');
});
