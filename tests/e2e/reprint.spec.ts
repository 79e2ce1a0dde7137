// 再発行 from the resident's history: after a 交付, the clerk prints the 受領書 again from the
// visit's entry; the file is written, marked 再発行, and the reprint is in the audit log.
import { expect, test } from './harness/fixtures';
import { screensAtCounterSizes } from './harness/counter-steps';
import { issueHanakoAtCounter, openHistory } from './harness/lifecycle-steps';
import { pdfText, squash } from '../unit/documents/pdf-text';

const SERIAL = '990000000000001'; // 窓口 花子, MD-2026-0001

test('the 受領書 of a 交付 is printed again from the history, marked 再発行', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  await issueHanakoAtCounter(page, harness);

  await openHistory(page, SERIAL, '窓口　花子');
  const visit = page.getByTestId('timeline').locator('[data-procedure="issuance"]');
  await expect(visit).toHaveCount(1);
  const button = visit.locator('[data-reprint="receipt"]');
  await expect(button).toHaveText('受領書を再発行');
  // Only the visit that made a document offers one: the seeded records offer none.
  await expect(page.locator('[data-reprint]')).toHaveCount(1);
  await screensAtCounterSizes(harness, page, 'history-reprint-offered');

  await button.click();
  const written = page.getByTestId('reprint-written');
  await expect(written).toContainText('受領書を再発行しました');
  const path = (await written.locator('.path').innerText()).trim();
  expect(path).toMatch(/receipt-MD-2026-0001-iss-[a-z]+-reprint-\d{8}-\d{6}-\d{3}\.pdf$/);
  const text = await pdfText(path);
  expect(text).toContain(squash('再発行'));
  expect(text).toContain(squash('窓口 花子'));
  const audit = await harness.core.db()!.get<{ action: string; login: string }>(
    `SELECT a.action AS action, o.login_id AS login FROM audit_log a
         JOIN operators o ON o.id = a.operator_id ORDER BY a.seq DESC LIMIT 1`,
  );
  expect(audit).toEqual({ action: 'document.reprinted', login: 'renshu01' });
  await written.scrollIntoViewIfNeeded();
  await screensAtCounterSizes(harness, page, 'history-reprint-written');
});
