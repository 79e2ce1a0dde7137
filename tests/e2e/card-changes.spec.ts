// 券面記載事項の変更 and the 顔認証 switch end to end in Chromium, as a clerk walks them with the real
// core (practice seed, simulated reader): card health names the difference and the card's kind, the
// resident's page starts the procedure, the write or the switch on the card, the resident's new
// password or PINs on their window, and the 追記欄 note printed.
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { documentsWithLicence, insertPreset, openTrainer } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import { residentEntersAll } from './harness/issuance-steps';
import {
  certificateRows,
  counterWithResident,
  enterNew,
  openEntry,
  openHistory,
  rereadHealth,
  residentDone,
  SERIAL,
  start,
  submitReview,
  turnTo,
} from './harness/lifecycle-steps';

const FACE_AUTH_SERIAL = '990000000000041';

async function shot(harness: Harness, name: string, of?: Page): Promise<void> {
  await harness.screenshot(`card-changes-${name}`, of);
}

/**
 * The trainer inserts the preset on the card health screen and waits for its read (building a
 * practice card takes a while on a loaded machine).
 */
async function insertAndRead(page: Page, preset: string): Promise<void> {
  await openTrainer(page);
  await insertPreset(page, preset);
  await expect(page.getByTestId('trainer-state')).not.toHaveText('模擬カードリーダーは空です。', {
    timeout: 90_000,
  });
  await rereadHealth(page);
}

/** The card asked for is in the reader already: the clerk presses カードを確認 if it was not read. */
async function checkInsertedCard(page: Page): Promise<void> {
  await expect(page.getByTestId('step-card')).toBeVisible();
  await page.getByTestId('check-card').click();
}

/** The 追記欄 note printed from the completed procedure: a PDF in the receipts folder. */
async function printNote(page: Page): Promise<void> {
  await page.getByTestId('print-card-note').click();
  const notice = page.getByTestId('card-note');
  // A PDF with its fonts: seconds alone, more beside npm test's other lanes.
  await expect(notice).toBeVisible({ timeout: 40_000 });
  const path = (await notice.locator('.path').textContent()) ?? '';
  expect(path).toContain('card-note-');
  expect(existsSync(path)).toBe(true);
}

test.describe('券面記載事項の変更 and 顔認証マイナンバーカード with the real core', () => {
  test('the resident who moved: card health says so, the address written, the signing certificate reissued', async ({
    page,
    harness,
  }) => {
    test.setTimeout(240_000);
    const resident = await counterWithResident(page, harness);
    await insertAndRead(page, 'moved');
    await expect(page.getByTestId('card-kind')).toHaveText('通常のカード');
    await expect(page.getByTestId('facts-match')).toHaveText(
      '住民票の記載と違います（転居・氏名の変更など）',
    );
    await expect(page.locator('[data-action="change-card-facts"]')).toBeVisible();
    await shot(harness, 'health-moved');

    const card = await openHistory(page, SERIAL.moved, '転居　健');
    await start(card, 'card-change');
    await documentsWithLicence(page);
    await checkInsertedCard(page);
    await expect(page.getByTestId('step-write-card')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('record-facts')).toContainText('見本県窓口市桜町８－８－８');
    await shot(harness, 'write-card');
    await page.getByTestId('write-card').click();

    await openEntry(page, resident);
    await enterNew(resident, 'signing', 'Kawa7Sora');
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText('券面記載事項を変更しました');
    await expect(page.getByTestId('changed-facts')).toHaveText('住所');
    await printNote(page);
    await shot(harness, 'change-completed');
    expect((await certificateRows(harness, SERIAL.moved)).map((c) => c.status)).toEqual([
      'revoked',
      'issued',
      'issued',
    ]);

    await rereadHealth(page);
    await expect(page.getByTestId('facts-match')).toHaveText('住民票の記載と同じ');
    await expect(page.locator('[data-action="change-card-facts"]')).toHaveCount(0);
  });

  test('a normal card switched to 顔認証 and back the same day; the practice face-auth card', async ({
    page,
    harness,
  }) => {
    test.setTimeout(240_000);
    const resident = await counterWithResident(page, harness);
    await insertAndRead(page, 'face-auth');
    await expect(page.getByTestId('serial')).toHaveText(FACE_AUTH_SERIAL);
    await expect(page.getByTestId('card-kind')).toHaveText('顔認証マイナンバーカード');
    await shot(harness, 'health-face-auth');

    await insertAndRead(page, 'issued');
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await start(card, 'to-face-auth');
    await documentsWithLicence(page);
    await checkInsertedCard(page);
    await expect(page.getByTestId('step-switch')).toBeVisible({ timeout: 20_000 });
    await shot(harness, 'switch');
    await page.getByTestId('write-card').click();
    await expect(page.getByTestId('step-completed')).toContainText('カードの種類を切り替えました');
    await expect(page.getByTestId('switched-to')).toHaveText('顔認証マイナンバーカード');
    await printNote(page);
    await shot(harness, 'switch-completed');

    await rereadHealth(page);
    await expect(page.getByTestId('card-kind')).toHaveText('顔認証マイナンバーカード');
    await shot(harness, 'health-switched');

    const again = await openHistory(page, SERIAL.issued, '見本　太郎');
    await expect(again.locator('[data-start="to-face-auth"]')).toHaveCount(0);
    await start(again, 'to-standard');
    await documentsWithLicence(page);
    await checkInsertedCard(page);
    // The four secrets set as at 交付: the resident window goes straight to the entry.
    await expect(page.getByTestId('step-pins')).toBeVisible({ timeout: 20_000 });
    await shot(harness, 'to-standard-pins');
    await page.getByTestId('open-pin-entry').click();
    await turnTo(resident);
    await residentEntersAll(resident, async () => undefined);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText('カードの種類を切り替えました');
    await expect(page.getByTestId('switched-to')).toHaveText('通常のカード');
    await turnTo(page);
    await rereadHealth(page);
    await expect(page.getByTestId('card-kind')).toHaveText('通常のカード');
    await expect(page.locator('[data-pin="auth"]')).toContainText('設定済み');
  });
});
