// Card health names whose card it is: the holder of every card the database knows, whatever its
// state, the reason and date of a 廃止, and what can be done for a chip that gives no serial.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { insertPreset, removeCard, screensAtCounterSizes } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import {
  approveAsSupervisor,
  counterWithResident,
  openHistory,
  SERIAL,
  start,
} from './harness/lifecycle-steps';
import { loginAs } from './harness/login';
import { REPO_ROOT } from './harness/paths';

const status = (page: Page) => page.getByTestId('card-health-status');
const holder = (page: Page) => page.getByTestId('card-holder');

async function openEmpty(harness: Harness, page: Page): Promise<void> {
  await harness.open();
  await loginAs(page, 'renshu01');
  await expect(status(page)).toContainText('カードをカードリーダーに差し込んでください。');
}

async function read(page: Page, preset: string): Promise<void> {
  await insertPreset(page, preset);
  await expect(status(page)).toHaveAttribute('data-state', /^(health|error)$/, {
    timeout: 20_000,
  });
}

/** The practice presets (resources/cards), each with the holder its data file names, if any. */
const PRESETS: readonly string[] = [
  'prepared',
  'issued',
  'signing-locked',
  'auth-locked',
  'suspended',
  'terminated',
  'cert-expired',
  'tampered',
  'unknown-card',
  'test-card',
  'minor',
  'moved',
];

function presetHolder(id: string): { name: string; birthDate: string } | null {
  const file = resolve(REPO_ROOT, 'resources/cards', `${id}.json`);
  return (
    JSON.parse(readFileSync(file, 'utf8')) as { holder: { name: string; birthDate: string } | null }
  ).holder;
}

/** A known card: name, kana and birth date from the database. */
async function knownCard(harness: Harness, page: Page): Promise<void> {
  await expect(holder(page)).toHaveAttribute('data-known', 'yes');
  await expect(page.getByTestId('holder-name')).toHaveText('見本　太郎');
  await expect(page.getByTestId('holder-kana')).toHaveText(/^ミホン/);
  await expect(page.getByTestId('holder-birth')).toContainText('1985年9月20日（昭和60年）');
  await expect(page.getByTestId('holder-revocation')).toHaveCount(0);
  await screensAtCounterSizes(harness, page, 'card-holder-known');
}

/** A tampered card: no serial to read; the clerk is sent to find the holder by the card face. */
async function tamperedCard(harness: Harness, page: Page): Promise<void> {
  await expect(status(page).getByRole('alert')).toContainText('改ざんまたは破損のおそれ');
  await expect(page.getByTestId('holder-unreadable')).toContainText(
    'カード表面の氏名と生年月日で住民を探し',
  );
  await screensAtCounterSizes(harness, page, 'card-holder-tampered');
  await page.getByTestId('holder-find').click();
  await expect(page.getByLabel('カード製造番号（15桁）')).toBeVisible();
  // Back to card health, where the card still in the reader reads as before.
  await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
  await expect(status(page).getByRole('alert')).toContainText('改ざんまたは破損のおそれ');
}

/** A card this counter does not know: said so, with what to check instead. */
async function unknownCard(harness: Harness, page: Page): Promise<void> {
  await expect(holder(page)).toHaveAttribute('data-known', 'no');
  await expect(page.getByTestId('holder-unknown')).toContainText('データベースに記録がありません');
  await screensAtCounterSizes(harness, page, 'card-holder-unknown');
}

test.describe('card health names the holder', () => {
  test('a card 廃止 while lost, found again: its holder, and the reason and date of the 廃止', async ({
    page,
    harness,
  }) => {
    test.setTimeout(90_000);
    await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await start(card, 'revocation');
    await page.getByLabel(/^紛失（発見されず）/).check();
    await page.getByLabel('カードはない（紛失・盗難など）').check();
    await page.getByTestId('reason-next').click();
    await approveAsSupervisor(page, '紛失届の内容を確認した。');
    await expect(page.getByTestId('step-completed')).toContainText('カードを廃止しました');

    await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
    await read(page, 'issued');
    await expect(page.getByTestId('holder-name')).toHaveText('見本　太郎');
    await expect(page.getByTestId('revocation-reason')).toHaveText('紛失（発見されず）');
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-').map(Number);
    await expect(page.getByTestId('revocation-at')).toContainText(`${y}年${m}月${d}日`);
    await expect(page.getByTestId('chip-state')).toHaveText('廃止済み（データベース）');
    await screensAtCounterSizes(harness, page, 'card-holder-revoked');
  });

  test('every practice card: its holder by name, or why the chip cannot tell; a known card, a tampered one and one this counter does not know, each with its way on', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await openEmpty(harness, page);
    for (const preset of PRESETS) {
      await read(page, preset);
      if (preset === 'issued') await knownCard(harness, page);
      if (preset === 'tampered') await tamperedCard(harness, page);
      if (preset === 'test-card') await unknownCard(harness, page);
      const facts = presetHolder(preset);
      const state = await status(page).getAttribute('data-state');
      if (state === 'health') {
        // Seeded cards are named from the database; the published test card is not seeded.
        if (preset === 'test-card') await expect(page.getByTestId('holder-unknown')).toBeVisible();
        else await expect(page.getByTestId('holder-name'), preset).toHaveText(facts!.name);
      } else if (preset === 'unknown-card') {
        await expect(status(page).getByRole('alert')).toContainText(
          'マイナンバーカードではありません',
        );
      } else {
        expect(['terminated', 'tampered'], preset).toContain(preset);
        await expect(page.getByTestId('holder-unreadable'), preset).toBeVisible();
      }
      await removeCard(page);
    }
    // A known card's one step to the history.
    await read(page, 'issued');
    await page.getByTestId('holder-history').click();
    await expect(page.getByTestId('history-name')).toHaveText('見本　太郎');
    await expect(page.locator(`[data-card="${SERIAL.issued}"]`)).toHaveClass(/life-card--searched/);
  });
});
