// The audit screen's 詳細 in readable Japanese: operators by name, codes by their words, times to the second.
import { heading, screensAtCounterSizes } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

test('the audit rows name operators and say their details in Japanese', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'kanri');
  await page.getByRole('link', { name: '監査ログ' }).click();
  await expect(heading(page)).toHaveText('監査ログ');
  await page.getByLabel('操作').selectOption({ label: '職員の追加' });
  await page.getByRole('button', { name: '絞り込む' }).click();
  const rows = page.getByTestId('audit-rows').locator('tbody tr');
  const clerk = rows.filter({ hasText: 'renshu01' });
  await expect(clerk).toHaveCount(1);
  // Not {"operator":6,"role":"clerk","practice":true}.
  await expect(clerk.locator('td').nth(5)).toHaveText(
    /^職員：.+（renshu01）、練習用：はい、役割：窓口職員$/,
  );
  await expect(clerk.locator('td').nth(1)).toHaveText(/^\d{4}年\d+月\d+日 \d{2}時\d{2}分\d{2}秒$/);
  for (const text of await page
    .getByTestId('audit-rows')
    .locator('td:nth-child(6)')
    .allInnerTexts())
    expect(text).not.toMatch(/[{}"]|\b(operator|role|clerk|true)\b/);
  await screensAtCounterSizes(harness, page, 'audit-details');
});
