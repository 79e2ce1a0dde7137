// The administrator's screens: staff accounts, the audit log (filter, tamper check, CSV), backup.
import type { Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { heading } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs, submitLogin } from './harness/login';

async function openAsAdmin(page: Page, open: () => Promise<void>): Promise<void> {
  await open();
  await loginAs(page, 'kanri');
  await expect(heading(page)).toHaveText('職員の管理');
}

test.describe('administrator', () => {
  test('adds a clerk, resets their password, disables them; the disabled clerk cannot log in', async ({
    page,
    harness,
  }) => {
    await openAsAdmin(page, () => harness.open());
    const table = page.getByTestId('operators');
    await expect(table.locator('tr[data-login-id="renshu01"]')).toContainText('窓口職員');
    await expect(table.locator('tr[data-login-id="sekinin"]')).toContainText('責任者');
    await harness.screenshot('admin-operators');

    const form = page.getByTestId('add-operator');
    await form.getByLabel('職員ID').fill('shokuin03');
    await form.getByLabel('氏名').fill('佐藤 一郎');
    await form.getByLabel('役割').selectOption({ label: '窓口職員' });
    await form.getByLabel('初期パスワード', { exact: true }).fill('shokai-pass-1');
    await form.getByLabel('初期パスワード（確認のため、もう一度）').fill('shokai-pass-1');
    await form.getByLabel('初期パスワード（確認のため、もう一度）').press('Enter');
    await expect(page.getByTestId('operators-done')).toHaveText(
      '佐藤 一郎（職員ID shokuin03）を追加しました。初期パスワードは本人に直接伝えてください。',
    );
    const row = table.locator('tr[data-login-id="shokuin03"]');
    await expect(row).toContainText('佐藤 一郎');
    await expect(row.getByTestId('operator-state')).toHaveText('有効');
    // The form was emptied, passwords included.
    await expect(form.getByLabel('初期パスワード', { exact: true })).toHaveValue('');

    // Reset the password: typed twice in a dialog; a mismatch is caught before anything is sent.
    await row.getByRole('button', { name: 'パスワードを再設定' }).click();
    const dialog = page.getByTestId('reset-password-dialog');
    await expect(dialog).toContainText('対象の職員：佐藤 一郎（職員ID shokuin03）');
    await expect(dialog.getByLabel('新しいパスワード', { exact: true })).toBeFocused();
    await dialog.getByLabel('新しいパスワード', { exact: true }).fill('atarashii-2026');
    await dialog.getByLabel('新しいパスワード（確認のため、もう一度）').fill('atarashii-2062');
    await dialog.getByLabel('新しいパスワード（確認のため、もう一度）').press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('2つのパスワードが一致しません');
    await harness.screenshot('admin-reset-password');
    expect(harness.calls).not.toContain('admin:reset-operator-password');
    await dialog.getByLabel('新しいパスワード（確認のため、もう一度）').fill('atarashii-2026');
    await dialog.getByLabel('新しいパスワード（確認のため、もう一度）').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('operators-done')).toContainText(
      '佐藤 一郎 のパスワードを再設定しました。',
    );
    await expect(row.getByTestId('must-change')).toHaveText('次回ログイン時にパスワード変更');

    // Esc closes the dialog without doing anything.
    await row.getByRole('button', { name: 'パスワードを再設定' }).click();
    await expect(page.getByTestId('reset-password-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('reset-password-dialog')).toHaveCount(0);

    await row.getByRole('button', { name: '無効にする' }).click();
    await expect(row.getByTestId('operator-state')).toHaveText('無効');
    await expect(page.getByTestId('operators-done')).toHaveText(
      '佐藤 一郎 を無効にしました。このIDではログインできません。',
    );
    await expect(row.getByRole('button', { name: '有効に戻す' })).toBeVisible();
    await harness.screenshot('admin-operators-after');

    await page.getByTestId('logout').click();
    await submitLogin(page, 'shokuin03', 'atarashii-2026');
    const error = page.getByTestId('login-error');
    await expect(error).toHaveAttribute('data-error-code', 'login-disabled');
    await expect(error).toContainText('このIDは無効にされています。管理者に連絡してください。');
    await harness.screenshot('login-disabled');
  });

  test('a new clerk replaces the first password before reaching the counter screens', async ({
    page,
    harness,
  }) => {
    await openAsAdmin(page, () => harness.open());
    const form = page.getByTestId('add-operator');
    await form.getByLabel('職員ID').fill('shokuin04');
    await form.getByLabel('氏名').fill('鈴木 花子');
    await form.getByLabel('役割').selectOption({ label: '窓口職員' });
    await form.getByLabel('初期パスワード', { exact: true }).fill('shokai-pass-4');
    await form.getByLabel('初期パスワード（確認のため、もう一度）').fill('shokai-pass-4');
    await form.getByLabel('初期パスワード（確認のため、もう一度）').press('Enter');
    await expect(page.getByTestId('operators-done')).toContainText('鈴木 花子');
    await page.getByTestId('logout').click();

    await submitLogin(page, 'shokuin04', 'shokai-pass-4');
    const screen = page.getByTestId('change-password-screen');
    await expect(screen).toBeVisible();
    await expect(heading(page)).toHaveText('パスワードの変更');
    await expect(screen.getByLabel('今のパスワード（管理者から伝えられたもの）')).toBeFocused();
    await harness.screenshot('change-password');

    const fill = async (current: string, next: string) => {
      await screen.getByLabel('今のパスワード（管理者から伝えられたもの）').fill(current);
      await screen.getByLabel('新しいパスワード', { exact: true }).fill(next);
      await screen.getByLabel('新しいパスワード（確認のため、もう一度）').fill(next);
      await screen.getByLabel('新しいパスワード（確認のため、もう一度）').press('Enter');
    };
    await fill('shokai-pass-4', 'shokai-pass-4');
    await expect(screen.getByRole('alert')).toContainText('今のパスワードと違うもの');
    await fill('shokai-pass-4', 'jibun-no-pass');
    await expect(screen).toHaveCount(0);
    await expect(heading(page)).toHaveText('カードの状態確認');
  });

  test('audit log: login rows, filter, tamper check, CSV export', async ({ page, harness }) => {
    await openAsAdmin(page, () => harness.open());
    await page.getByRole('link', { name: '監査ログ' }).click();
    await expect(heading(page)).toHaveText('監査ログ');
    const rows = page.getByTestId('audit-rows');
    await expect(rows.locator('tr[data-action="operator.login"]').first()).toContainText('kanri');
    await expect(page.getByTestId('audit-range')).toHaveText(/^全\d+件中 1〜\d+件目を表示$/);

    await page.getByLabel('操作').selectOption({ label: 'ログイン' });
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect(rows.locator('tbody tr')).toHaveCount(1);
    await expect(rows.locator('tbody tr').first()).toHaveAttribute('data-action', 'operator.login');

    await page.getByTestId('audit-verify').click();
    const verified = page.getByTestId('audit-verify-result');
    await expect(verified).toHaveAttribute('data-ok', 'true');
    await expect(verified).toHaveText(/^改ざんは見つかりませんでした（\d+件）$/);

    await page.getByTestId('audit-export').click();
    const path = (await page.getByTestId('audit-export-path').textContent()) ?? '';
    expect(path.startsWith(harness.dataDir)).toBe(true);
    const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"seq","at","operator","action","resident_id","card_id","details"');
    // The export follows the filter on screen: logins only; then the log's anchor at export time.
    expect(lines.length).toBe(2 + 1 + 5);
    expect(lines[1]).toContain('"operator.login"');
    expect(lines.slice(3).map((l) => l.split(',')[1])).toEqual([
      '"key"',
      '"seq"',
      '"head"',
      '"mac"',
      '"at"',
    ]);
    await expect(page.getByTestId('audit-exported')).toContainText('（1件）');
    await harness.screenshot('admin-audit');

    // A row changed behind the app's back (triggers dropped, as an attacker with the file would):
    // the check of every row names the first broken row (the quick check covers only the rows
    // since the last check, which this one is older than).
    const db = harness.core.db();
    if (!db) throw new Error('no database');
    await db.exec(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'operator.logout' WHERE seq = 2;",
    );
    await page.getByTestId('audit-verify-full').click();
    await expect(verified).toHaveAttribute('data-ok', 'false');
    await expect(verified).toContainText('改ざんが見つかりました：');
    await expect(verified.locator('li[data-kind="rewritten"]')).toHaveText(
      '2番の記録が書き換えられています（2番以降の記録は正しいと確認できません）。',
    );
    await expect(verified.locator('li[data-kind="triggers"]')).toContainText('元に戻しました');
    await harness.screenshot('admin-audit-tampered');

    // The finding stays on every screen of the administrator until acknowledged.
    await page.getByRole('link', { name: 'バックアップ' }).click();
    const banner = page.getByTestId('audit-alarm-banner');
    await expect(banner).toContainText('改ざん・削除の疑い');
    await harness.screenshot('admin-audit-alarm-banner');
    await banner.getByRole('link', { name: '監査ログを開く' }).click();
    const alarm = page.getByTestId('audit-alarm');
    await expect(alarm.locator('li[data-kind="rewritten"]')).toHaveAttribute('data-seq', '2');
    await alarm.getByTestId('audit-acknowledge').click();
    await expect(alarm).toHaveCount(0);
    await expect(rows.locator('tr[data-action="audit.alarm-acknowledged"]')).toHaveCount(1);
    await page.getByRole('link', { name: 'バックアップ' }).click();
    await expect(heading(page)).toHaveText('バックアップ');
    await expect(banner).toHaveCount(0);
  });

  test('backup writes a verified copy and says where and how big', async ({ page, harness }) => {
    await openAsAdmin(page, () => harness.open());
    await page.getByRole('link', { name: 'バックアップ' }).click();
    await expect(heading(page)).toHaveText('バックアップ');
    await page.getByTestId('backup-run').click();
    await expect(page.getByTestId('backup-done')).toContainText(
      'バックアップを作成し、検査で問題がないことを確かめました。',
    );
    const path = (await page.getByTestId('backup-path').textContent()) ?? '';
    // In the backup folder, never in the data folder beside the database.
    expect(path.startsWith(harness.backupDir)).toBe(true);
    expect(path.startsWith(harness.dataDir)).toBe(false);
    const bytes = statSync(path).size;
    expect(bytes).toBeGreaterThan(0);
    await expect(page.getByTestId('backup-size')).toContainText(
      `（${bytes.toLocaleString('en-US')} バイト）`,
    );
    // The copy is an SQLite database file.
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    await harness.screenshot('admin-backup');
  });
});
