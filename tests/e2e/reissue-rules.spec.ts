// 再交付 by the dated rule table of the machine configuration: the fee and 特急 of a lost card are
// the configured table's figures for today (not the built-in one's), the reason step names the rule
// set, and the supervisor's 日報 names the same set beside the fee.
import { ruleSetOn } from '../../preload/contract/rules/rule-sets';
import { japanDate } from '../../preload/contract/rules/validity';
import { TABLE_CONFIGURED } from '../fixtures/future-rule-set';
import { expect, test } from './harness/fixtures';
import { approveAsSupervisor, openHistory, SERIAL, start } from './harness/lifecycle-steps';
import { loginAs, logout } from './harness/login';

/** An amount as the screens write it: 2,000円. */
const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

// IT's table: a set in force today with fees and a 特急 window of its own.
test.use({ core: { ruleSets: TABLE_CONFIGURED } });

test('再交付 of a lost card with 特急: fee and window from the rule table, the 日報 names the set', async ({
  page,
  harness,
}) => {
  const rules = ruleSetOn(japanDate(harness.clock.now()), TABLE_CONFIGURED);
  expect(rules.id).toBe('2025-04-01');
  await harness.open();
  await loginAs(page, 'renshu01');
  const card = await openHistory(page, SERIAL.suspended, '仮名　幸子');
  await start(card, 'reissue');
  await page.getByLabel('紛失', { exact: true }).check();
  await expect(page.getByTestId('fee-total')).toHaveText(
    yen(rules.fees.reissueCardYen + rules.fees.reissueCertificatesYen),
  );
  // 特急 within the table's window after the loss: its own fee in place of the standard one.
  await page.getByTestId('express').check();
  const lostOn = new Date(
    harness.clock.now().getTime() - (rules.express.windowDays - 1) * 86_400_000,
  );
  await page.getByLabel('できごとの日（紛失した日・転入した日）').fill(japanDate(lostOn));
  await expect(page.getByTestId('fee-total')).toHaveText(
    yen(rules.fees.expressWithCertificatesYen),
  );
  await expect(page.getByTestId('rule-set')).toContainText(rules.label.ja);
  // The hints name the same set's figures.
  await expect(page.locator('#express-hint')).toContainText(
    `手数料は${yen(rules.fees.expressWithCertificatesYen)}`,
  );
  await expect(page.locator('#event-date-hint')).toContainText(`${rules.express.windowDays}日以内`);
  await harness.screenshot('reissue-rules-reason');
  await page.getByTestId('reason-next').click();
  await approveAsSupervisor(page, '紛失による特急の再交付を確認した。');
  await expect(page.getByTestId('step-fee')).toBeVisible();
  await page.getByLabel('受領した').check();
  await page.getByTestId('record-fee').click();
  await expect(page.getByTestId('fee-status')).toHaveText(
    `${yen(rules.fees.expressWithCertificatesYen)}を受領しました`,
  );

  await logout(page);
  await loginAs(page, 'sekinin');
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('report-rule-set')).toHaveText(`適用した規則：${rules.label.ja}`);
  await expect(page.getByTestId('report-fees')).toContainText(
    `1件（合計 ${yen(rules.fees.expressWithCertificatesYen)}）`,
  );
  await expect(
    page.getByTestId('report-procedures').locator('tr[data-kind="reissue"] td').first(),
  ).toHaveText('1件');
  await harness.screenshot('reissue-rules-daily-report');
});
