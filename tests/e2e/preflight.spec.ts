// 端末の点検: the administrator's list of checks and the support bundle; the strip a failed start-up check puts on every operator's screen.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { heading } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

test('the administrator sees every check with what it found and what to do, and writes the support file', async ({
  page,
  harness,
}) => {
  // Two full runs of the checks (programs asked about disks and printers): slow on a busy machine.
  test.slow();
  await harness.open();
  await loginAs(page, 'kanri');
  await page.getByRole('link', { name: '端末の点検' }).click();
  await expect(heading(page)).toHaveText('端末の点検');
  const table = page.getByTestId('preflight-checks');
  // The clerk window reported its camera (Chromium's fake one).
  await expect(table.locator('tr[data-check="camera"]')).toHaveAttribute('data-status', 'pass');
  await expect(table.locator('tr[data-check="pcsc-service"]')).toContainText(
    '練習モードのため、模擬リーダーを使います',
  );
  await expect(table.locator('tr[data-check="database"]')).toHaveAttribute('data-status', 'pass');
  await expect(table.locator('tr[data-check="database"]')).toContainText('quick_check: ok');
  await expect(table.locator('tr[data-check="versions"]')).toContainText('アプリ e2e');
  await expect(table.locator('tr[data-check="fuses"]')).toHaveAttribute('data-status', 'skip');
  await expect(table.locator('tbody tr')).toHaveCount(17);
  await expect(page.getByTestId('preflight-summary')).toContainText('の点検: 失敗');
  // The version on the footer, as on every screen.
  await expect(page.getByTestId('app-version')).toContainText('e2e');
  await harness.screenshot('admin-preflight');

  await page.getByTestId('support-bundle').click();
  await expect(page.getByTestId('support-bundle-done')).toContainText(
    '暗証番号、パスワード、個人番号、セットアップコード、鍵は含まれていません',
  );
  const path = (await page.getByTestId('support-bundle-path').textContent()) ?? '';
  expect(basename(path)).toMatch(/^support-\d{8}-\d{6}-\d{3}\.json$/);
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as { preflight: { checks: unknown[] } };
  expect(bundle.preflight.checks).toHaveLength(17);
  expect(readFileSync(path, 'utf8')).not.toContain('kanri-2026');
});

test.describe('a check that fails at start', () => {
  test.use({ core: { auditAnchorsDir: '/nonexistent/madoguchi-anchors' } });

  test('puts a strip on the clerk screen; the administrator opens the detail from it', async ({
    page,
    harness,
  }) => {
    test.slow();
    await harness.open();
    await loginAs(page, 'renshu01');
    const strip = page.getByTestId('preflight-strip');
    await expect(strip).toContainText('この端末の点検で問題が見つかりました（監査ログの照合情報）');
    await expect(strip).toContainText('管理者またはIT担当者に連絡してください');
    await expect(strip.getByRole('link')).toHaveCount(0);
    await harness.screenshot('preflight-strip-clerk');
    await page.getByTestId('logout').click();

    await loginAs(page, 'kanri');
    await strip.getByRole('link', { name: '端末の点検を開く' }).click();
    await expect(heading(page)).toHaveText('端末の点検');
    await expect(strip).toHaveCount(0);
    const audit = page.getByTestId('preflight-checks').locator('tr[data-check="audit"]');
    await expect(audit).toHaveAttribute('data-status', 'fail');
    await expect(audit).toContainText('/nonexistent/madoguchi-anchors');
  });
});
