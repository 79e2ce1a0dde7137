// The card's later life end to end in Chromium: the clerk's window and the resident's window against
// the real core (practice seed, simulated reader, fake camera), one test per procedure and the two
// lost-card stories; each step done through the screens a clerk and a resident use.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  documentsWithLicence,
  insertApplicationCard,
  insertPreset,
  openTrainer,
  removeCard,
  residentConfirmsCardFace,
} from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import {
  approveAsSupervisor,
  certificateRows,
  counterWithResident,
  documentsAndCard,
  enterCurrent,
  enterNew,
  entry,
  faceMatches,
  openEntry,
  openHistory,
  pinRow,
  PRESET,
  registerSuspension,
  rereadHealth,
  residentDone,
  SERIAL,
  start,
  submitReview,
  turnTo,
} from './harness/lifecycle-steps';
import { loginAs, logout } from './harness/login';
import { pageMemory, typeOnKeyboard, typeOnPad } from './harness/resident-input';
import { readable } from './harness/resident-text';

async function shot(harness: Harness, name: string, of?: Page): Promise<void> {
  await harness.screenshot(`lifecycle-e2e-${name}`, of);
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
      '券面記載事項を変更する（転居・氏名の変更）',
      '顔認証マイナンバーカードに切り替える',
      '廃止する',
      '再交付の手続き',
      // Too early for a renewal by date (the card says from when); a move or a new name is not.
      '署名用電子証明書のみ更新する（基本4情報の変更）',
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
    await registerSuspension(page, card, (n) => shot(harness, `suspension-${n}`));
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
    await documentsAndCard(page, 'issued', 'face', (n) => shot(harness, `release-${n}`));
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
    const release = timeline.locator('[data-procedure="release"]');
    await release.getByTestId('timeline-toggle').click();
    await expect(release.locator('[data-event="procedure-release"]').first()).toBeVisible();
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
    await registerSuspension(page, card);
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
    await openTrainer(page);
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
    await insertApplicationCard(page, notice);
    await faceMatches(page);
    await residentConfirmsCardFace(page, resident);
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
    await shot(harness, 'return-history');
    const callsBeforeReturn = harness.calls.length;
    await start(card, 'return');
    await expect(page.getByTestId('step-header')).toContainText('返納・廃棄の記録');
    await shot(harness, 'return-card');
    // Only the card and the punching: no supervisor's approval for a return.
    await expect(page.getByTestId('step-card')).toContainText('責任者の承認は不要です');
    await page.getByTestId('check-card').click();
    await expect(page.getByTestId('step-destroy')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('punched').check();
    await shot(harness, 'return-destroy');
    await page.getByTestId('record-destroyed').click();
    await expect(page.getByTestId('step-completed')).toContainText('返納・廃棄を記録しました');
    await expect(page.getByTestId('destroyed')).toContainText('に記録しました');
    await shot(harness, 'return-done');
    expect(harness.calls.slice(callsBeforeReturn)).not.toContain('procedure:approve');
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

    // The day's 日報, by the supervisor: a clerk has no way to it.
    await expect(page.getByTestId('nav-reports')).toHaveCount(0);
    await logout(page);
    await loginAs(page, 'sekinin');
    await page.getByTestId('nav-reports').click();
    const report = page.getByTestId('daily-report');
    const procedures = page.getByTestId('report-procedures');
    await expect(procedures).toContainText('暗証番号の初期化・再設定');
    const row = (kind: string) => procedures.locator(`tr[data-kind="${kind}"]`);
    await expect(row('reissue').locator('td').first()).toHaveText('1件');
    await expect(row('revocation').locator('td').first()).toHaveText('2件');
    await expect(row('suspension').locator('td').first()).toHaveText('1件');
    await expect(row('issuance').locator('td').first()).toHaveText('1件');
    await expect(page.getByTestId('report-fees')).toContainText('1件（合計 1,000円）');
    const cards = page.getByTestId('report-cards');
    await expect(cards.getByTestId('stock-destroyed')).toContainText('1枚');
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

    // Another day picked: its date in words, its tables, the stock at its end.
    const todayInJapan = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${todayInJapan}T00:00:00Z`) - 86_400_000);
    const [y, m, d] = yesterday.toISOString().slice(0, 10).split('-').map(Number);
    await page.getByLabel('日付').fill(yesterday.toISOString().slice(0, 10));
    await expect(page.getByTestId('report-date-words')).toHaveText(`${y}年${m}月${d}日`);
    await page.getByRole('button', { name: '表示する' }).click();
    await expect(report).toContainText(`${y}年${m}月${d}日の日報`);
    // In stock when that day ended: received by then, neither handed over nor terminated by then.
    const dayEnd = new Date(`${todayInJapan}T00:00:00+09:00`).toISOString();
    const stock = await db.get<{ n: number }>(
      `SELECT count(*) AS n FROM cards WHERE received_at < ?
          AND (issued_at IS NULL OR issued_at >= ?) AND (terminated_at IS NULL OR terminated_at >= ?)`,
      [dayEnd, dayEnd, dayEnd],
    );
    await expect(page.getByTestId('in-stock')).toHaveText(`${stock!.n}枚`);
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
