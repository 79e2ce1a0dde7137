// The card's later life end to end in Chromium: the clerk's window and the resident's window against
// the real core (practice seed, simulated reader, fake camera), one test per procedure and the two
// lost-card stories; each step done through the screens a clerk and a resident use.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type Harness } from './harness/fixtures';
import { loginAs, seedOperator } from './harness/login';
import { pageMemory, typeOnKeyboard, typeOnPad } from './harness/resident-input';
import { readable } from './harness/resident-text';

/** The practice presets' values in use (resources/cards/*.json). */
const PRESET = { signing: 'MADO2025', auth: '1234' } as const;

const SERIAL = {
  issued: '990000000000002', // 見本 太郎
  signingLocked: '990000000000003', // 試験 次郎
  suspended: '990000000000005', // 仮名 幸子
  certExpired: '990000000000007', // 模擬 五月
} as const;

const PRESET_SERIAL: Readonly<Record<string, string>> = {
  issued: SERIAL.issued,
  'signing-locked': SERIAL.signingLocked,
  suspended: SERIAL.suspended,
  'cert-expired': SERIAL.certExpired,
};

async function shot(harness: Harness, name: string, of?: Page): Promise<void> {
  await harness.screenshot(`lifecycle-e2e-${name}`, of);
}

/** The trainer picks a simulated card and puts it in the reader. */
async function insertPreset(page: Page, preset: string): Promise<void> {
  const panel = page.getByTestId('trainer-panel');
  await panel.getByLabel('模擬カードの種類').selectOption(preset);
  await panel.getByRole('button', { name: 'カードを挿入' }).click();
}

async function removeCard(page: Page): Promise<void> {
  await page.getByTestId('trainer-panel').getByRole('button', { name: 'カードを取り出す' }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('模擬カードリーダーは空です。');
}

/** カード・住民の検索 by the card's serial, then the resident's page. */
async function openHistory(page: Page, serial: string, name: string): Promise<Locator> {
  await page.getByTestId('nav-life').click();
  await page.getByLabel('カード製造番号（15桁）').fill(serial);
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  await expect(page.getByTestId('history-name')).toHaveText(name);
  return page.locator(`[data-card="${serial}"]`);
}

async function start(card: Locator, action: string): Promise<void> {
  await card.locator(`[data-start="${action}"]`).click();
}

async function documentsWithLicence(page: Page): Promise<void> {
  await expect(page.getByTestId('step-documents')).toBeVisible();
  await page.getByTestId('resident-list-A').getByLabel('運転免許証').check();
  await page.getByTestId('documents-next').click();
}

/** The chip's photo beside the application's and the camera's; the clerk says they match. */
async function faceMatches(page: Page): Promise<void> {
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('face-match').click();
}

/**
 * A licence shown; the card asked for by its serial, the trainer puts the preset in (it is checked
 * on insertion); the face check when the procedure has one; then the choice of secrets.
 */
async function documentsAndCard(
  page: Page,
  preset: string,
  face: 'face' | 'no-face',
  shots?: { harness: Harness; name: string },
) {
  await expect(page.getByTestId('step-documents')).toBeVisible();
  if (shots) await shot(shots.harness, `${shots.name}-documents`);
  await documentsWithLicence(page);
  await expect(page.getByTestId('step-card')).toContainText(PRESET_SERIAL[preset] ?? '?');
  if (shots) await shot(shots.harness, `${shots.name}-card`);
  await insertPreset(page, preset);
  if (face === 'face') await faceMatches(page);
  await expect(page.getByTestId('step-choose')).toBeVisible({ timeout: 20_000 });
}

/** A second operator, the practice supervisor, approves at the clerk's screen. */
async function approveAsSupervisor(page: Page, reason: string): Promise<void> {
  await page.getByTestId('open-approval').click();
  const dialog = page.getByTestId('approval-dialog');
  await dialog.getByLabel('責任者の職員ID').fill('sekinin');
  await dialog.getByLabel('責任者のパスワード').fill(seedOperator('sekinin').password);
  await dialog.getByLabel('承認の理由').fill(reason);
  await dialog.getByLabel('承認の理由').press('Enter');
  await expect(dialog).toHaveCount(0);
}

/** 一時停止の登録 from the resident's page: a call to the 24-hour centre, taken now. */
async function registerSuspension(page: Page, harness: Harness, card: Locator): Promise<void> {
  await start(card, 'suspension');
  await expect(page.getByTestId('step-report')).toBeVisible();
  await page.getByLabel('コールセンター（24時間受付）').check();
  await page.getByLabel('電話').check();
  await page.getByLabel('メモ（任意）').fill('駅で紛失したとの電話。');
  await shot(harness, 'suspension-report');
  await page.getByTestId('register-suspension').click();
  await expect(page.getByTestId('step-completed')).toContainText('一時停止を登録しました');
}

/**
 * The window the next actions go to is brought to the front: Chromium throttles the animation
 * frames of a background tab, and each click's stability check would wait about 2 s there.
 */
async function turnTo(window: Page): Promise<Page> {
  await window.bringToFront();
  return window;
}

/** The clerk opens the resident's entry; the resident's window shows why first. */
async function openEntry(page: Page, resident: Page): Promise<void> {
  await expect(page.getByTestId('step-pins')).toBeVisible();
  await page.getByTestId('open-pin-entry').click();
  await turnTo(resident);
  await expect(resident.getByTestId('resident-intro')).toBeVisible();
  await resident.getByTestId('intro-start').click();
}

/** The practice clerk logged in, the resident's window open beside, the clerk's in front. */
async function counterWithResident(page: Page, harness: Harness): Promise<Page> {
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();
  await turnTo(page);
  return resident;
}

/** The resident is thanked; the clerk's window comes to the front again. */
async function residentDone(page: Page, resident: Page): Promise<void> {
  await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 30_000 });
  await turnTo(page);
}

const entry = (resident: Page, kind: string) => resident.getByTestId(`resident-entry-${kind}`);

/** A value in use, once; then (mode change / new) the new value twice. */
async function enterCurrent(resident: Page, kind: 'signing' | 'auth', value: string) {
  await expect(entry(resident, kind)).toHaveAttribute('data-stage', 'current');
  if (kind === 'signing') await typeOnKeyboard(resident, value);
  else await typeOnPad(resident, value);
}

async function enterNew(resident: Page, kind: 'signing' | 'auth', value: string) {
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

async function submitReview(resident: Page): Promise<void> {
  await expect(resident.getByTestId('resident-review')).toBeVisible();
  await resident.getByTestId('review-submit').click();
}

/** Card health, read again with the card in the reader. */
async function rereadHealth(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
  const status = page.getByTestId('card-health-status');
  await page.getByTestId('reread').click();
  await expect(status).toHaveAttribute('data-state', 'health', { timeout: 20_000 });
  return status;
}

const pinRow = (page: Page, kind: string) =>
  page.getByTestId('pins').locator(`tr[data-pin="${kind}"]`);

async function certificateRows(harness: Harness, serial: string) {
  return harness.core.db()!.all<{ kind: string; status: string; reason: string | null }>(
    `SELECT c.kind AS kind, c.status AS status, c.revocation_reason AS reason
         FROM certificates c JOIN cards k ON k.id = c.card_id
        WHERE k.serial = ? ORDER BY c.id`,
    [serial],
  );
}

test.describe('the card’s later life with the real core', () => {
  test('カード・住民の検索 by name: the resident with their application and card, what the card allows; Enter opens the page', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    await page.getByTestId('nav-life').click();
    // The card in hand comes first on this entry: its serial has the cursor.
    await expect(page.getByLabel('カード製造番号（15桁）')).toBeFocused();
    const byName = page.getByTestId('find-by-name');
    await byName.getByLabel('氏名（カナまたは漢字）').fill('ミホン　タ');
    await byName.getByLabel('生年月日').fill('昭和60年9月20日');
    await byName.getByLabel('生年月日').press('Enter');

    const match = page.getByTestId('match');
    await expect(match).toHaveCount(1);
    await expect(match.getByTestId('resident-name')).toHaveText('見本　太郎');
    // Her card was issued long ago: the application says so and offers no 交付.
    await expect(match.getByTestId('application-blocked')).toHaveText(
      'この申請のカードはすでに交付済みです。',
    );
    await expect(match.getByTestId('start-issuance')).toHaveCount(0);
    const card = match.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(card).toContainText('交付済');
    await expect(card.locator('[data-start]')).toHaveText([
      '一時停止を登録する',
      '暗証番号の初期化・再設定',
      '電子証明書を更新する',
      '廃止する',
      '再交付の手続き',
    ]);
    // Nothing to issue: the resident's page is the next thing to open.
    await expect(match.getByRole('button', { name: '見本　太郎 さんの履歴を開く' })).toBeFocused();
    await shot(harness, 'find-by-name');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('history-name')).toHaveText('見本　太郎');
  });

  test('lost card A: 一時停止 by phone, the card found, 解除 with a new signing password and new certificates', async ({
    page,
    harness,
  }) => {
    test.setTimeout(90_000);
    const resident = await counterWithResident(page, harness);

    let card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await shot(harness, 'history');
    await registerSuspension(page, harness, card);
    await shot(harness, 'suspension-done');
    await page.getByTestId('to-history').click();
    card = page.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(card.getByTestId('card-state')).toHaveText('一時停止中');
    await expect(card.locator('[data-next="release-suspension"]')).toBeVisible();
    await expect(
      page.getByTestId('timeline').locator('[data-event="suspension-registered"]'),
    ).toHaveCount(1);
    // Its certificates are on hold (certificateHold), not revoked.
    expect(await certificateRows(harness, SERIAL.issued)).toEqual([
      { kind: 'signing', status: 'on_hold', reason: null },
      { kind: 'auth', status: 'on_hold', reason: null },
    ]);

    // The resident comes back with the card and a licence.
    await start(card, 'release');
    await documentsAndCard(page, 'issued', 'face', { harness, name: 'release' });
    await expect(page.getByTestId('mode-auth-current')).toBeChecked();
    await page.getByTestId('mode-signing-new').check();
    await shot(harness, 'release-choose');
    await page.getByTestId('choose-next').click();
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await shot(harness, 'release-pins');

    await openEntry(page, resident);
    await enterNew(resident, 'signing', 'mitsuketa2026');
    await enterCurrent(resident, 'auth', PRESET.auth);
    expect(await readable(resident.getByTestId('review-auth'))).toContain('そのまま使います');
    await shot(harness, 'release-resident-review', resident);
    await submitReview(resident);
    await residentDone(page, resident);
    expect(await pageMemory(resident)).not.toMatch(/MITSUKETA2026|mitsuketa2026|1234/);

    await expect(page.getByTestId('step-completed')).toContainText('一時停止を解除しました', {
      timeout: 30_000,
    });
    await shot(harness, 'release-done');
    await page.getByTestId('to-history').click();
    card = page.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(card.getByTestId('card-state')).toHaveText('交付済');
    const timeline = page.getByTestId('timeline');
    await expect(timeline.locator('[data-event="suspension-released"]')).toHaveCount(1);
    await expect(timeline.locator('[data-event="procedure-release"]').first()).toBeVisible();
    await shot(harness, 'release-history');
    // The seeded certificates, put on hold by the suspension, revoked (a hold is never lifted);
    // one new certificate of each kind.
    expect(await certificateRows(harness, SERIAL.issued)).toEqual([
      { kind: 'signing', status: 'revoked', reason: 'keyCompromise' },
      { kind: 'auth', status: 'revoked', reason: 'keyCompromise' },
      { kind: 'signing', status: 'issued', reason: null },
      { kind: 'auth', status: 'issued', reason: null },
    ]);
  });

  test('lost card B: 一時停止, 廃止, 再交付 with its fee, the new card issued, the old one returned and punched; the 日報', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    const resident = await counterWithResident(page, harness);

    let card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await registerSuspension(page, harness, card);
    await page.getByTestId('to-history').click();

    // Not found: 廃止, the card absent, approved by the supervisor.
    card = page.locator(`[data-card="${SERIAL.issued}"]`);
    await start(card, 'revocation');
    await expect(page.getByTestId('step-reason')).toBeVisible();
    await page.getByLabel(/^紛失（発見されず）/).check();
    await page.getByLabel('カードはない（紛失・盗難など）').check();
    await shot(harness, 'revocation-reason');
    await page.getByTestId('reason-next').click();
    await expect(page.getByTestId('approval-summary')).toContainText('紛失（発見されず）');
    await shot(harness, 'revocation-approval');
    await approveAsSupervisor(page, '紛失届の内容を確認した。');
    await expect(page.getByTestId('step-completed')).toContainText('カードを廃止しました');
    await shot(harness, 'revocation-done');
    await page.getByTestId('to-history').click();

    // 再交付: lost, ¥1,000, approved, paid, receipt.
    card = page.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(card.getByTestId('card-state')).toHaveText('廃止');
    await start(card, 'reissue');
    await page.getByLabel('紛失', { exact: true }).check();
    await expect(page.getByTestId('fee-total')).toHaveText('1,000円');
    await shot(harness, 'reissue-reason');
    await page.getByTestId('reason-next').click();
    await approveAsSupervisor(page, '紛失による再交付を確認した。');
    await expect(page.getByTestId('step-fee')).toBeVisible();
    await page.getByLabel('受領した').check();
    await shot(harness, 'reissue-fee');
    await page.getByTestId('record-fee').click();
    await expect(page.getByTestId('step-completed')).toContainText('再交付の申請を記録しました');
    await expect(page.getByTestId('fee-status')).toHaveText('1,000円を受領しました');
    const notice = (await page.getByTestId('new-notice').textContent())?.trim() ?? '';
    expect(notice).toMatch(/^MD-\d{4}-R?\d{4}$/);
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt')).toContainText('.pdf');
    await shot(harness, 'reissue-done');

    // The new card arrives (practice 入庫) and goes through 交付.
    const receive = page.getByTestId('trainer-receive');
    await receive.getByLabel('再交付の申請の番号（交付通知書の番号）').fill(notice);
    await receive.getByTestId('receive-card').click();
    await expect(page.getByTestId('received-card')).toContainText(notice);

    await page.getByTestId('nav-issuance').click();
    await page.getByLabel('交付通知書番号').fill(notice);
    await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('昭和60年9月20日');
    await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
    await expect(page.getByTestId('resident-name')).toHaveText('見本　太郎');
    await page.getByTestId('start-issuance').click();
    await documentsWithLicence(page);
    const trainer = page.getByTestId('trainer-issuance');
    await trainer.getByLabel('申請', { exact: true }).selectOption(notice);
    await trainer.getByTestId('insert-application-card').click();
    await faceMatches(page);
    await page.getByTestId('open-pin-entry').click();
    await turnTo(resident);
    await expect(entry(resident, 'signing')).toBeVisible();
    await typeOnKeyboard(resident, 'atarashii2026');
    await typeOnKeyboard(resident, 'atarashii2026');
    await resident.getByTestId('same-yes').click();
    await typeOnPad(resident, '7395');
    await typeOnPad(resident, '7395');
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('complete-issuance').click();
    await expect(page.getByTestId('step-completed')).toBeVisible();
    const newSerial = await harness.core.db()!.get<{ serial: string }>(
      `SELECT n.serial AS serial FROM cards n JOIN cards o ON o.id = n.replaces_card_id
          WHERE o.serial = ?`,
      [SERIAL.issued],
    );
    expect(newSerial?.serial).toMatch(/^99\d{13}$/);

    // The old card turns up: card health knows it is to be returned.
    await removeCard(page);
    await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
    await insertPreset(page, 'issued');
    const health = page.getByTestId('next-action');
    await expect(health.locator('[data-action="record-return"]')).toBeVisible({ timeout: 20_000 });
    await expect(health.locator('[data-action="reissue"]')).toHaveCount(0);
    await shot(harness, 'old-card-health');
    await health.getByTestId('open-history').click();
    card = page.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(card.locator('[data-next="record-return"]')).toBeVisible();
    await expect(page.locator(`[data-card="${newSerial!.serial}"]`)).toContainText(SERIAL.issued);
    await start(card, 'return');
    await expect(page.getByTestId('step-header')).toContainText('返納・廃棄の記録');
    await shot(harness, 'return-card');
    await page.getByTestId('check-card').click();
    await expect(page.getByTestId('step-destroy')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('punched').check();
    await shot(harness, 'return-destroy');
    await page.getByTestId('record-destroyed').click();
    await expect(page.getByTestId('step-completed')).toContainText('返納・廃棄を記録しました');
    await expect(page.getByTestId('destroyed')).toContainText('に記録しました');
    await shot(harness, 'return-done');
    // Revoked once (lost), then returned and punched: no second revocation row.
    const db = harness.core.db()!;
    expect(
      await db.all(
        `SELECT k.state AS state, k.destroyed_at IS NOT NULL AS destroyed, r.reason AS reason,
                r.destroyed_at IS NOT NULL AS punched
           FROM cards k JOIN revocations r ON r.card_id = k.id WHERE k.serial = ?`,
        [SERIAL.issued],
      ),
    ).toEqual([{ state: 'terminated', destroyed: 1, reason: 'lost', punched: 1 }]);

    // The day's 日報, by the supervisor.
    await page.getByTestId('logout').click();
    await loginAs(page, 'sekinin');
    await page.getByTestId('nav-reports').click();
    const report = page.getByTestId('daily-report');
    const procedures = page.getByTestId('report-procedures');
    const row = (kind: string) => procedures.locator(`tr[data-kind="${kind}"]`);
    await expect(row('reissue').locator('td').first()).toHaveText('1件');
    await expect(row('revocation').locator('td').first()).toHaveText('2件');
    await expect(row('suspension').locator('td').first()).toHaveText('1件');
    await expect(row('issuance').locator('td').first()).toHaveText('1件');
    await expect(page.getByTestId('report-fees')).toContainText('1件（合計 1,000円）');
    const cards = page.getByTestId('report-cards');
    await expect(cards.locator('tr', { hasText: '廃棄' })).toContainText('1枚');
    await shot(harness, 'daily-report');
    await page.getByTestId('report-pdf').click();
    await expect(page.getByTestId('report-written')).toContainText('.pdf');
    const pdfPath = /(\/\S+\.pdf)/.exec(
      (await page.getByTestId('report-written').textContent()) ?? '',
    )?.[1];
    expect(
      readFileSync(pdfPath ?? '')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await page.getByTestId('report-csv').click();
    await expect(page.getByTestId('report-written')).toContainText('.csv');
    const written = (await page.getByTestId('report-written').textContent()) ?? '';
    const csvPath = /(\/\S+\.csv)/.exec(written)?.[1] ?? '';
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv).toContain('"fees","paid","yen","1000"');
    expect(csv).toContain('"procedures","reissue","completed","1"');
    expect(csv).toContain('"cards","destroyed","","1"');
    await expect(report).toBeVisible();
  });

  test('暗証番号の初期化・再設定: the locked password set anew, the PIN changed with its current value; fresh counters', async ({
    page,
    harness,
  }) => {
    test.setTimeout(60_000);
    const resident = await counterWithResident(page, harness);

    const card = await openHistory(page, SERIAL.signingLocked, '試験　次郎');
    await start(card, 'pin-reset');
    // Licence (list A): no face check.
    await documentsAndCard(page, 'signing-locked', 'no-face');
    const health = page.getByTestId('choose-health');
    await expect(health.locator('[data-pin="signing"]')).toContainText('ロック中');
    await expect(page.getByTestId('include-signing')).toBeChecked();
    await expect(page.getByTestId('mode-signing-new')).toBeChecked();
    await expect(page.getByTestId('mode-signing-change')).toBeDisabled();
    await page.getByTestId('include-auth').check();
    await page.getByTestId('mode-auth-change').check();
    await shot(harness, 'pin-reset-choose');
    await page.getByTestId('choose-next').click();

    await openEntry(page, resident);
    await enterNew(resident, 'signing', 'shokika2026');
    await enterCurrent(resident, 'auth', PRESET.auth);
    await enterNew(resident, 'auth', '5831');
    await shot(harness, 'pin-reset-resident-review', resident);
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText(
      '暗証番号の初期化・再設定が終わりました',
      { timeout: 30_000 },
    );
    await shot(harness, 'pin-reset-done');

    await rereadHealth(page);
    await expect(pinRow(page, 'signing')).toContainText('残り5回 / 5回');
    await expect(pinRow(page, 'signing')).toContainText('設定済み');
    await expect(pinRow(page, 'auth')).toContainText('残り3回 / 3回');
    await expect(page.getByTestId('next-action').locator('[data-action="none"]')).toBeVisible();
    await shot(harness, 'pin-reset-health');
  });

  test('電子証明書の更新 of the expired certificates: both renewed, the values in use kept', async ({
    page,
    harness,
  }) => {
    test.setTimeout(60_000);
    const resident = await counterWithResident(page, harness);

    const card = await openHistory(page, SERIAL.certExpired, '模擬　五月');
    await start(card, 'renewal');
    await documentsAndCard(page, 'cert-expired', 'no-face');
    await expect(page.getByTestId('choose-certs')).toContainText('有効期限切れ');
    await page.getByLabel(/^署名用と利用者証明用の両方/).check();
    await expect(page.getByTestId('mode-signing-current')).toBeChecked();
    await expect(page.getByTestId('mode-auth-current')).toBeChecked();
    await shot(harness, 'renewal-choose');
    await page.getByTestId('choose-next').click();

    await openEntry(page, resident);
    await enterCurrent(resident, 'signing', PRESET.signing);
    await enterCurrent(resident, 'auth', PRESET.auth);
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText('電子証明書を更新しました', {
      timeout: 30_000,
    });
    await shot(harness, 'renewal-done');
    const certs = await certificateRows(harness, SERIAL.certExpired);
    expect(certs.filter((c) => c.status === 'issued').map((c) => c.kind)).toEqual([
      'signing',
      'auth',
    ]);

    await rereadHealth(page);
    await expect(page.getByTestId('certs').locator('tr[data-cert="auth"]')).toContainText('有効');
    await expect(
      page.getByTestId('next-action').locator('[data-action="certificates-expired"]'),
    ).toHaveCount(0);
  });

  test('a wrong PIN in use during 解除 of the seeded suspended card: tries left shown, entered again, released', async ({
    page,
    harness,
  }) => {
    test.setTimeout(60_000);
    const resident = await counterWithResident(page, harness);

    const card = await openHistory(page, SERIAL.suspended, '仮名　幸子');
    await expect(card.getByTestId('card-state')).toHaveText('一時停止中');
    await start(card, 'release');
    await documentsAndCard(page, 'suspended', 'face');
    await page.getByTestId('choose-next').click();

    await openEntry(page, resident);
    await enterCurrent(resident, 'signing', PRESET.signing);
    await enterCurrent(resident, 'auth', '9085');
    await submitReview(resident);
    const wrong = resident.getByTestId('resident-wrong-current');
    await expect(wrong).toBeVisible({ timeout: 30_000 });
    expect(await readable(wrong.getByTestId('wrong-secret'))).toBe(
      '利用者証明用電子証明書の暗証番号',
    );
    expect(await readable(wrong)).toContain('あと2回間違えると');
    await shot(harness, 'wrong-current-resident', resident);
    await turnTo(page);
    await expect(page.getByTestId('procedure-notice')).toBeVisible();
    await shot(harness, 'wrong-current-clerk');

    await turnTo(resident);
    await resident.getByTestId('wrong-again').click();
    await resident.getByTestId('intro-start').click();
    await enterCurrent(resident, 'signing', PRESET.signing);
    await expect(resident.getByTestId('entry-tries')).toBeVisible();
    await enterCurrent(resident, 'auth', PRESET.auth);
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText('一時停止を解除しました', {
      timeout: 30_000,
    });
    const certs = await certificateRows(harness, SERIAL.suspended);
    expect(certs.filter((c) => c.status === 'issued').map((c) => c.kind)).toEqual([
      'signing',
      'auth',
    ]);
    // The right value resets the counter on the card.
    await rereadHealth(page);
    await expect(pinRow(page, 'auth')).toContainText('残り3回 / 3回');
  });
});
