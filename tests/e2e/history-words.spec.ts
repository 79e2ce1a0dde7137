// The resident's history after a full 交付, as a clerk reads it: the visit as one entry in
// Japanese, opened from the keyboard to its steps, and no internal code anywhere on the page.
import { expect, test } from './harness/fixtures';
import {
  documentsWithLicence,
  insertApplicationCard,
  residentConfirmsCardFace,
  screensAtCounterSizes,
} from './harness/counter-steps';
import {
  counterWithResident,
  faceMatches,
  openHistory,
  residentDone,
  submitReview,
  turnTo,
} from './harness/lifecycle-steps';
import { typeOnKeyboard, typeOnPad } from './harness/resident-input';

const SERIAL = '990000000000001'; // 窓口 花子, MD-2026-0001

/** Words a clerk should never meet: codes of the database and the engine. */
const CODES =
  /\b(completed|started|cancelled|application-\w+|procedure-\w+|callcentre|telephone|auth|signing|on_hold)\b/;

test('a full 交付 reads as one visit in Japanese, opened to its steps from the keyboard', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  const resident = await counterWithResident(page, harness);
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('平成4年7月8日');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('resident-name')).toHaveText('窓口　花子');
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await insertApplicationCard(page, 'MD-2026-0001');
  // The practice card is made (keys and all) before it goes in: slow on a busy PC.
  await expect(page.getByTestId('trainer-state')).not.toHaveText('模擬カードリーダーは空です。', {
    timeout: 90_000,
  });
  await faceMatches(page);
  await residentConfirmsCardFace(page, resident);
  await page.getByTestId('open-pin-entry').click();
  await turnTo(resident);
  await expect(resident.getByTestId('resident-entry-signing')).toBeVisible({ timeout: 60_000 });
  await typeOnKeyboard(resident, 'mado2026key');
  await typeOnKeyboard(resident, 'mado2026key');
  await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
  await resident.getByTestId('same-yes').click();
  await typeOnPad(resident, '7395');
  await typeOnPad(resident, '7395');
  await submitReview(resident);
  await residentDone(page, resident);
  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('complete-issuance').click();
  await expect(page.getByTestId('step-completed')).toBeVisible();

  await openHistory(page, SERIAL, '窓口　花子');
  const timeline = page.getByTestId('timeline');
  const visit = timeline.locator('[data-procedure="issuance"]');
  await expect(visit).toHaveCount(1);
  const toggle = visit.getByTestId('timeline-toggle');
  await expect(toggle).toHaveText(/交付の手続き/);
  await expect(visit).toContainText('完了');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(visit.locator('[data-event="card-issued"]')).toBeHidden();
  await screensAtCounterSizes(harness, page, 'history-issuance-closed');

  // Opened from the keyboard: the steps of the visit, each in words.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(visit.locator('[data-event="card-issued"]')).toContainText('カードを交付しました');
  await expect(visit.locator('[data-event="certificate-issued"]').first()).toContainText(
    '電子証明書を発行しました',
  );
  await expect(visit.locator('[data-event="procedure-issuance"]').first()).toContainText('完了');
  const text = (await timeline.innerText()).replace(/MD-\d{4}-\d{4}/g, '');
  expect(text).not.toMatch(CODES);
  // The seeded records before the visit stand as they are, each one line.
  expect(await timeline.locator('[data-testid="timeline-group"]').count()).toBeGreaterThan(1);
  await screensAtCounterSizes(harness, page, 'history-issuance-open');
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});
