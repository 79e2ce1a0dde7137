// One resident at a time, as a clerk meets it: 窓口花子's 交付 is open, the trainer offers 窓口一郎's
// card (the same household), the refusal names whose card it is; searching for 一郎 names her open
// procedure and offers to park it (保留) or go back; parked, 一郎 is found.
import type { Page } from '@playwright/test';
import { documentsWithLicence, heading, insertApplicationCard } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

async function findByNotice(page: Page, notice: string, birthDate: string): Promise<void> {
  await page.getByTestId('nav-issuance').click();
  await expect(heading(page)).toHaveText('マイナンバーカードの交付');
  await page.getByLabel('交付通知書番号').fill(notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(birthDate);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
}

test('another resident’s card and search are refused while one resident’s 交付 is open', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  await harness.open();
  await loginAs(page, 'renshu01');
  await findByNotice(page, 'MD-2026-0001', '19920708');
  await expect(page.getByTestId('resident-name')).toHaveText('窓口　花子');
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await expect(page.getByTestId('step-card')).toBeVisible();
  await expect(page.getByTestId('trainer-wrong-person')).toContainText('窓口 一郎');

  // The trainer offers 一郎's card: checked on insertion, refused, and it says whose it is.
  await insertApplicationCard(page, 'MD-2026-0012');
  const refusal = page.getByTestId('call-error');
  // The card is made for the application first (its keys and certificates take a while).
  await expect(refusal).toHaveAttribute('data-error-code', 'wrong-card', { timeout: 90_000 });
  await expect(refusal.getByTestId('card-holder')).toHaveText(
    'このカードは 窓口　一郎 さんのカードです。',
  );
  await expect(page.getByTestId('step-card')).toBeVisible();
  await harness.screenshot('one-resident-wrong-card');

  // The clerk looks 一郎 up instead: refused, naming her open 交付, with the two ways on.
  await findByNotice(page, 'MD-2026-0012', '19890107');
  const other = page.getByTestId('other-resident-refusal');
  await expect(other).toBeVisible();
  await expect(other.locator('[data-error-code="other-resident-open"]')).toBeVisible();
  await expect(other.getByTestId('other-resident-open')).toContainText('窓口　花子 さんの交付');
  await expect(page.getByTestId('application')).toHaveCount(0);
  await harness.screenshot('one-resident-search-refused');

  // Back to hers: the same procedure, still at the card step.
  await other.getByTestId('go-back-open').click();
  await expect(page.getByTestId('step-card')).toBeVisible();
  await expect(page.getByTestId('procedure-held')).toHaveCount(0);

  // Parked from the search: 一郎 is found, and hers waits in 未完了の手続 as 保留.
  await findByNotice(page, 'MD-2026-0012', '19890107');
  await page.getByTestId('other-resident-refusal').getByTestId('park-open').click();
  await expect(page.getByTestId('resident-name')).toHaveText('窓口　一郎');
  await expect(page.getByTestId('other-resident-refusal')).toHaveCount(0);
  await harness.screenshot('one-resident-parked-found');
  expect(harness.calls).toContain('procedure:hold');
});
