// The card's later life at the counter, as the specs against the real core go through it: the
// seeded cards, the resident's page, the procedure's steps in both windows, and what the core
// recorded.
import { expect, type Locator, type Page } from '@playwright/test';
import { documentsWithLicence, fillApproval, insertPreset } from './counter-steps';
import type { Harness } from './fixtures';
import { loginAs } from './login';
import { typeOnKeyboard, typeOnPad } from './resident-input';

/** The practice presets' values in use (resources/cards/*.json). */
export const PRESET = { signing: 'MADO2025', auth: '1234' } as const;

/** The seeded cards of the practice data (resources/practice/seed.json). */
export const SERIAL = {
  issued: '990000000000002', // 見本 太郎
  signingLocked: '990000000000003', // 試験 次郎
  suspended: '990000000000005', // 仮名 幸子
  certExpired: '990000000000007', // 模擬 五月
  moved: '990000000000023', // 転居 健: the chip's address is the old one
} as const;

const PRESET_SERIAL: Readonly<Record<string, string>> = {
  issued: SERIAL.issued,
  'signing-locked': SERIAL.signingLocked,
  suspended: SERIAL.suspended,
  'cert-expired': SERIAL.certExpired,
  moved: SERIAL.moved,
};

/** カード・住民の検索 by the card's serial, then the resident's page. */
export async function openHistory(page: Page, serial: string, name: string): Promise<Locator> {
  await page.getByTestId('nav-life').click();
  await page.getByLabel('カード製造番号（15桁）').fill(serial);
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  await expect(page.getByTestId('history-name')).toHaveText(name);
  return page.locator(`[data-card="${serial}"]`);
}

/** Starts a procedure from the card's row on the resident's page. */
export async function start(card: Locator, action: string): Promise<void> {
  await card.locator(`[data-start="${action}"]`).click();
}

/** The chip's photo beside the application's and the camera's; the clerk says they match. */
export async function faceMatches(page: Page): Promise<void> {
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('face-match').click();
}

/**
 * The choice of secrets, once it shows the card's read: the screen sets its starting choice from
 * the card's lock states when the read arrives, over whatever was clicked before.
 */
export async function choiceReady(page: Page): Promise<void> {
  await expect(page.getByTestId('step-choose')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('choose-health').locator('[data-pin]').first()).toBeVisible();
}

/** Takes a screenshot of the step just shown, by its name. */
export type Snap = (step: string) => Promise<void>;

/**
 * A licence shown; the card asked for by its serial, the trainer puts the preset in (it is checked
 * on insertion); the face check when the procedure has one; then the choice of secrets.
 */
export async function documentsAndCard(
  page: Page,
  preset: string,
  face: 'face' | 'no-face',
  snap?: Snap,
) {
  await expect(page.getByTestId('step-documents')).toBeVisible();
  await snap?.('documents');
  await documentsWithLicence(page);
  await expect(page.getByTestId('step-card')).toContainText(PRESET_SERIAL[preset] ?? '?');
  await snap?.('card');
  await insertPreset(page, preset);
  if (face === 'face') await faceMatches(page);
  await choiceReady(page);
}

/** A second operator, the practice supervisor, approves at the clerk's screen. */
export async function approveAsSupervisor(page: Page, reason: string): Promise<void> {
  await page.getByTestId('open-approval').click();
  await fillApproval(page, reason);
  await expect(page.getByTestId('approval-dialog')).toHaveCount(0);
}

/** 一時停止の登録 from the resident's page: a call to the 24-hour centre, taken now. */
export async function registerSuspension(page: Page, card: Locator, snap?: Snap): Promise<void> {
  await start(card, 'suspension');
  await expect(page.getByTestId('step-report')).toBeVisible();
  await page.getByLabel('コールセンター（24時間受付）').check();
  await page.getByLabel('電話').check();
  await page.getByLabel('メモ（任意）').fill('駅で紛失したとの電話。');
  await snap?.('report');
  await page.getByTestId('register-suspension').click();
  await expect(page.getByTestId('step-completed')).toContainText('一時停止を登録しました');
}

/**
 * The window the next actions go to is brought to the front: Chromium throttles the animation
 * frames of a background tab, and each click's stability check would wait about 2 s there.
 */
export async function turnTo(window: Page): Promise<Page> {
  await window.bringToFront();
  return window;
}

/** The clerk opens the resident's entry; the resident's window shows why first. */
export async function openEntry(page: Page, resident: Page): Promise<void> {
  await expect(page.getByTestId('step-pins')).toBeVisible();
  await page.getByTestId('open-pin-entry').click();
  await turnTo(resident);
  await expect(resident.getByTestId('resident-intro')).toBeVisible();
  await resident.getByTestId('intro-start').click();
}

/** The practice clerk logged in, the resident's window open beside, the clerk's in front. */
export async function counterWithResident(page: Page, harness: Harness): Promise<Page> {
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();
  await turnTo(page);
  return resident;
}

/** The resident is thanked; the clerk's window comes to the front again. */
export async function residentDone(page: Page, resident: Page): Promise<void> {
  await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 30_000 });
  await turnTo(page);
}

export const entry = (resident: Page, kind: string) =>
  resident.getByTestId(`resident-entry-${kind}`);

/** A value in use, once. */
export async function enterCurrent(resident: Page, kind: 'signing' | 'auth', value: string) {
  await expect(entry(resident, kind)).toHaveAttribute('data-stage', 'current');
  if (kind === 'signing') await typeOnKeyboard(resident, value);
  else await typeOnPad(resident, value);
}

/** A new value, twice. */
export async function enterNew(resident: Page, kind: 'signing' | 'auth', value: string) {
  await expect(entry(resident, kind)).toHaveAttribute('data-stage', 'first');
  if (kind === 'signing') {
    await typeOnKeyboard(resident, value);
    await expect(entry(resident, kind)).toHaveAttribute('data-stage', 'confirm');
    await typeOnKeyboard(resident, value);
  } else {
    await typeOnPad(resident, value);
    await expect(entry(resident, kind)).toHaveAttribute('data-stage', 'confirm');
    await typeOnPad(resident, value);
  }
}

export async function submitReview(resident: Page): Promise<void> {
  await expect(resident.getByTestId('resident-review')).toBeVisible();
  await resident.getByTestId('review-submit').click();
}

/** Card health, read again with the card in the reader. */
export async function rereadHealth(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
  const status = page.getByTestId('card-health-status');
  await page.getByTestId('reread').click();
  await expect(status).toHaveAttribute('data-state', 'health', { timeout: 20_000 });
  return status;
}

export const pinRow = (page: Page, kind: string) =>
  page.getByTestId('pins').locator(`tr[data-pin="${kind}"]`);

/** The card's certificate rows in the core's database, oldest first. */
export async function certificateRows(harness: Harness, serial: string) {
  return harness.core.db()!.all<{ kind: string; status: string; reason: string | null }>(
    `SELECT c.kind AS kind, c.status AS status, c.revocation_reason AS reason
         FROM certificates c JOIN cards k ON k.id = c.card_id
        WHERE k.serial = ? ORDER BY c.id`,
    [serial],
  );
}
