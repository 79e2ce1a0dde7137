// 交付 of 窓口花子 (MD-2026-0001) by mouse, screen by screen: for specs that look at each screen on the way.
import { expect, type Page } from '@playwright/test';
import {
  documentsWithLicence,
  insertApplicationCard,
  residentConfirmsCardFace,
} from './counter-steps';
import { typeOnKeyboard, typeOnPad } from './resident-input';

/** Called on each screen reached, by its name (a screenshot, an accessibility check). */
export type AtScreen = (name: string) => Promise<void>;

export const HANAKO = { notice: 'MD-2026-0001', birth: '平成4年7月8日', name: '窓口　花子' };

/**
 * From the logged-in home to the PIN step, calling `at` on find, documents, card, face and card
 * face, and `atResident` on the resident's card face, which the resident confirms. `afterStart`
 * answers what the start asks first (the certificate service closed in the evening).
 */
export async function issuanceToPins(
  page: Page,
  resident: Page,
  at: AtScreen,
  atResident: AtScreen = async () => undefined,
  afterStart: () => Promise<void> = async () => undefined,
): Promise<void> {
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill(HANAKO.notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(HANAKO.birth);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('resident-name')).toHaveText(HANAKO.name);
  await at('find-issuance');
  await page.getByTestId('start-issuance').click();
  await afterStart();
  await expect(page.getByTestId('step-documents')).toBeVisible();
  await at('documents');
  await documentsWithLicence(page);
  await expect(page.getByTestId('step-card')).toBeVisible();
  await at('card');
  await insertApplicationCard(page, HANAKO.notice);
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
  await at('face');
  await page.getByTestId('face-match').click();
  await expect(page.getByTestId('step-card-face')).toBeVisible();
  await at('card-face');
  await residentConfirmsCardFace(page, resident, atResident);
  await expect(page.getByTestId('step-pins')).toBeVisible();
  await at('pins');
}

/** The resident's part after 開始: password twice, one PIN for three, twice, and 設定する. */
export async function residentEntersAll(resident: Page, at: AtScreen): Promise<void> {
  await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
  await at('resident-entry-signing');
  await typeOnKeyboard(resident, 'mado2026key');
  await typeOnKeyboard(resident, 'mado2026key');
  await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
  await at('resident-same-offer');
  await resident.getByTestId('same-yes').click();
  await expect(resident.getByTestId('keypad')).toBeVisible();
  await at('resident-entry-pin');
  await typeOnPad(resident, '7395');
  await typeOnPad(resident, '7395');
  await expect(resident.getByTestId('resident-review')).toBeVisible();
  await at('resident-review');
  await resident.getByTestId('review-submit').click();
}
