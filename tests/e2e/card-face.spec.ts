// 券面確認 on both windows: the clerk shows the four facts read from the chip on the resident
// window, the resident confirms them (in Japanese, then in English) before any PIN; or says
// something is wrong, and the 交付 stops with the clerk's next steps and nothing more on the card.
import type { Page } from '@playwright/test';
import { documentsWithLicence, insertApplicationCard } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';
import { readable } from './harness/resident-text';

/** 窓口花子 (MD-2026-0001) found, documents recorded, her card read, her face matched. */
async function upToCardFace(page: Page): Promise<void> {
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('平成4年7月8日');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await insertApplicationCard(page, 'MD-2026-0001');
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('face-match').click();
  await expect(page.getByTestId('step-card-face')).toBeVisible();
}

test.describe('the resident confirms the card face (券面確認)', () => {
  test('the chip facts on the resident window in Japanese and English; confirmed, the PINs follow', async ({
    page,
    harness,
  }) => {
    test.setTimeout(90_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    const resident = await harness.openResident();
    await page.bringToFront();
    await upToCardFace(page);
    await expect(page.getByTestId('step-header')).toContainText('券面確認');
    // No PIN before the confirmation: the step offers only the card face.
    await expect(page.getByTestId('open-pin-entry')).toHaveCount(0);

    await page.getByTestId('show-card-face').click();
    await expect(page.getByTestId('card-face-waiting')).toBeVisible();
    await expect(page.getByTestId('card-face-facts')).toContainText('窓口　花子');
    await harness.screenshot('card-face-clerk-waiting');

    await resident.bringToFront();
    const face = resident.getByTestId('resident-card-face');
    await expect(face).toBeVisible();
    await expect(resident.getByTestId('card-face-name')).toHaveText('窓口　花子');
    await expect(resident.getByTestId('card-face-birth')).toHaveText('1992年7月8日（平成4年）');
    await expect(resident.getByTestId('card-face-sex')).toHaveText('女');
    expect(await readable(resident.getByTestId('card-face-yes'))).toBe('はい、正しいです');
    expect(await readable(resident.getByTestId('card-face-no'))).toBe(
      'いいえ、違うところがあります',
    );
    await harness.screenshot('card-face-resident-ja', resident);

    // In English the words change; the facts stay as printed, the sex with its translation.
    await resident.getByTestId('language-en').click();
    await expect(face.getByRole('heading', { level: 1 })).toHaveText(
      'Please check the details on your card',
    );
    await expect(resident.getByTestId('card-face-name')).toHaveText('窓口　花子');
    await expect(resident.getByTestId('card-face-birth')).toHaveText('July 8, 1992（平成4年）');
    await expect(resident.getByTestId('card-face-sex')).toHaveText('女（female）');
    await expect(resident.getByTestId('card-face-yes')).toHaveText('Yes, this is correct');
    await harness.screenshot('card-face-resident-en', resident);

    await resident.getByTestId('card-face-yes').click();
    await expect(resident.getByTestId('resident-card-face-thanks')).toContainText(
      'Thank you for checking',
    );
    await page.bringToFront();
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await expect(page.getByTestId('card-face-confirmed')).toContainText(
      '住民の方が券面の内容を確認しました',
    );
    await harness.screenshot('card-face-clerk-confirmed');

    // The PIN entry then opens in the language she chose.
    await page.getByTestId('open-pin-entry').click();
    await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
    await expect(resident.locator('html')).toHaveAttribute('lang', 'en');
    const journal = await harness.core
      .db()!
      .all<{ status: string }>(`SELECT status FROM procedure_journal WHERE step = 'card-face'`);
    expect(journal).toEqual([{ status: 'completed' }]);
    expect(harness.invalidRequests).toEqual([]);
  });

  test('"something is wrong": the 交付 stops, the clerk is told what to do, nothing is written', async ({
    page,
    harness,
  }) => {
    test.setTimeout(90_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    const resident = await harness.openResident();
    await page.bringToFront();
    await upToCardFace(page);
    await page.getByTestId('show-card-face').click();
    await resident.bringToFront();
    await resident.getByTestId('card-face-no').click();
    await expect(resident.getByTestId('resident-card-face-wrong')).toBeVisible();
    await harness.screenshot('card-face-resident-wrong', resident);

    await page.bringToFront();
    const step = page.getByTestId('step-card-face');
    await expect(step).toHaveAttribute('data-stopped', 'true');
    await expect(page.getByTestId('step-header')).toContainText('券面確認（停止中）');
    await expect(page.getByTestId('card-face-next')).toContainText(
      'カードは住民の方に渡さないでください',
    );
    await expect(page.getByTestId('card-face-next')).toContainText('J-LIS');
    await expect(page.getByTestId('open-pin-entry')).toHaveCount(0);
    await harness.screenshot('card-face-clerk-stopped');
    const keys = await harness.core
      .db()!
      .all<{ n: number }>(
        `SELECT count(*) AS n FROM procedure_journal WHERE step IN ('pins', 'keys-generated')`,
      );
    expect(keys).toEqual([{ n: 0 }]);

    await page.getByTestId('card-face-stop').click();
    await page
      .getByTestId('cancel-dialog')
      .getByLabel('中止の理由')
      .fill('券面の住所が住民票と違う');
    await page.getByTestId('cancel-dialog').getByLabel('中止の理由').press('Enter');
    await expect(page.getByTestId('step-cancelled')).toBeVisible();
    expect(harness.invalidRequests).toEqual([]);
  });
});
