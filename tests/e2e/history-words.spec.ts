// The resident's history after a full 交付, as a clerk reads it: the visit as one entry in
// Japanese, opened from the keyboard to its steps, and no internal code anywhere on the page. Then
// 再発行 from that entry: the 受領書 is written again, marked 再発行, and the reprint is audited.
// One walk for both: the 交付 is the set-up, and the reprint comes after the words are read.
import { expect, test } from './harness/fixtures';
import { screensAtCounterSizes } from './harness/counter-steps';
import { issueHanakoAtCounter, openHistory } from './harness/lifecycle-steps';
import { pdfText, squash } from '../unit/documents/pdf-text';

const SERIAL = '990000000000001'; // 窓口 花子, MD-2026-0001

/** Words a clerk should never meet: codes of the database and the engine. */
const CODES =
  /\b(completed|started|cancelled|application-\w+|procedure-\w+|callcentre|telephone|auth|signing|on_hold)\b/;

test('a full 交付 reads as one visit in Japanese, opened to its steps from the keyboard; its 受領書 printed again, marked 再発行', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  await issueHanakoAtCounter(page, harness);

  await openHistory(page, SERIAL, '窓口　花子');
  const timeline = page.getByTestId('timeline');
  const visit = timeline.locator('[data-procedure="issuance"]');
  await expect(visit).toHaveCount(1);
  const toggle = visit.getByTestId('timeline-toggle');
  await expect(toggle).toHaveText(/交付の手続き/);
  await expect(visit).toContainText('完了');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(visit.locator('[data-event="card-issued"]')).toBeHidden();
  await screensAtCounterSizes(harness, page, 'history-issuance-closed');

  // Opened from the keyboard: the steps of the visit, each in words.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(visit.locator('[data-event="card-issued"]')).toContainText('カードを交付しました');
  await expect(visit.locator('[data-event="certificate-issued"]').first()).toContainText(
    '電子証明書を発行しました',
  );
  await expect(visit.locator('[data-event="procedure-issuance"]').first()).toContainText('完了');
  const text = (await timeline.innerText()).replace(/MD-\d{4}-\d{4}/g, '');
  expect(text).not.toMatch(CODES);
  // The seeded records before the visit stand as they are, each one line.
  expect(await timeline.locator('[data-testid="timeline-group"]').count()).toBeGreaterThan(1);
  await screensAtCounterSizes(harness, page, 'history-issuance-open');
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // 再発行 from the visit's entry.
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
  const pdf = await pdfText(path);
  expect(pdf).toContain(squash('再発行'));
  expect(pdf).toContain(squash('窓口 花子'));
  const audit = await harness.core.db()!.get<{ action: string; login: string }>(
    `SELECT a.action AS action, o.login_id AS login FROM audit_log a
         JOIN operators o ON o.id = a.operator_id ORDER BY a.seq DESC LIMIT 1`,
  );
  expect(audit).toEqual({ action: 'document.reprinted', login: 'renshu01' });
  await written.scrollIntoViewIfNeeded();
  await screensAtCounterSizes(harness, page, 'history-reprint-written');
});
