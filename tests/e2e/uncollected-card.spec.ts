// A card nobody collected, past its day: the clerk finds it in the card stock, destroys it with a
// supervisor's approval, and the supervisor's 日報 counts it among the cards destroyed.
import { UNCOLLECTED_CASE } from '../../main/practice/seed-dated-rules';
import { fillApproval, heading } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs, logout } from './harness/login';

test('an uncollected card past its date: destroyed with a supervisor, counted in the 日報', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'renshu01');
  // The clerk's own way to the stock (the 日報 is not theirs).
  await expect(page.getByTestId('nav-reports')).toHaveCount(0);
  await page.getByTestId('nav-stock').click();
  await expect(heading(page)).toHaveText('カードの在庫');
  const row = page.locator(`tr[data-serial="${UNCOLLECTED_CASE.serial}"]`);
  await expect(row).toContainText(UNCOLLECTED_CASE.noticeNumber);
  await expect(row).toContainText('廃棄の期日を過ぎています');
  await harness.screenshot('uncollected-stock');

  await row.getByTestId('destroy-uncollected').click();
  await fillApproval(page, '保管の期日を過ぎ、督促にも応答がないため廃棄する。');
  await expect(page.getByTestId('uncollected-destroyed')).toContainText(
    `（${UNCOLLECTED_CASE.serial}）の廃棄を記録しました`,
  );
  await expect(row).toHaveCount(0);
  await harness.screenshot('uncollected-destroyed');

  await logout(page);
  await loginAs(page, 'sekinin');
  await page.getByTestId('nav-reports').click();
  const cards = page.getByTestId('report-cards');
  await expect(cards.getByTestId('stock-destroyed')).toContainText('1枚');
  await expect(cards.getByTestId('stock-uncollectedDestroyed')).toContainText(
    'うち受け取られなかったカードの廃棄',
  );
  await expect(cards.getByTestId('stock-uncollectedDestroyed')).toContainText('1枚');
  await harness.screenshot('uncollected-daily-report');
});
