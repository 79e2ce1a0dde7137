// axe-core over every main screen of both windows: login, home, the searches, a resident's page, each
// step of a 交付, reports, the administrator's screens and the resident's screens. Zero violations.
// The 交付's walk goes on to the resident's history, as a clerk reads it: the visit as one entry in
// Japanese, opened from the keyboard to its steps, no internal code anywhere on the page; then 再発行
// from that entry: the 受領書 is written again, marked 再発行, and the reprint is audited.
import { axeAudit } from './harness/axe';
import { openTrainer, screensAtCounterSizes } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { issuanceToPins, residentEntersAll } from './harness/issuance-steps';
import { loginAs, logout } from './harness/login';
import { pdfText, squash } from '../unit/documents/pdf-text';

const SERIAL = '990000000000001'; // 窓口 花子, MD-2026-0001

/** Words a clerk should never meet: codes of the database and the engine. */
const CODES =
  /\b(completed|started|cancelled|application-\w+|procedure-\w+|callcentre|telephone|auth|signing|on_hold)\b/;

test('the clerk and resident windows through a whole 交付: no axe violation on any screen; the visit reads as one entry in Japanese, opened from the keyboard; its 受領書 printed again, marked 再発行', async ({
  page,
  harness,
}) => {
  // axe over a dozen screens of two windows, beside other test runs on two cores.
  test.setTimeout(420_000);
  const { check, found } = axeAudit(harness);
  await harness.open();
  await check(page, 'login');
  await loginAs(page, 'renshu01');
  await expect(page.getByTestId('reader-list')).toBeVisible();
  await check(page, 'home');
  const resident = await harness.openResident();
  await check(resident, 'resident-waiting');
  await openTrainer(page);
  await check(page, 'home-trainer-drawer');
  await page.getByTestId('trainer-drawer-toggle').click();

  await issuanceToPins(
    page,
    resident,
    (screen) => check(page, `issuance-${screen}`),
    (screen) => check(resident, screen),
  );
  await page.getByTestId('open-pin-entry').click();
  await residentEntersAll(resident, (screen) => check(resident, screen));
  await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 60_000 });
  await check(resident, 'resident-done');
  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
  await check(page, 'issuance-handover');
  await page.getByTestId('complete-issuance').click();
  await expect(page.getByTestId('step-completed')).toBeVisible();
  await check(page, 'issuance-completed');

  // カード・住民の検索 and the resident's page, with the card just issued.
  await page.getByTestId('nav-life').click();
  await expect(page.getByLabel('カード製造番号（15桁）')).toBeFocused();
  await check(page, 'find-card');
  await page.getByLabel('カード製造番号（15桁）').fill(SERIAL);
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  await expect(page.getByTestId('history-name')).toHaveText('窓口　花子');
  await check(page, 'resident-history');
  expect(found).toEqual([]);

  // The 交付 just walked, on the resident's page: one visit, closed.
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

test('reports and the administrator screens: no axe violation', async ({ page, harness }) => {
  test.setTimeout(240_000);
  const { check, found } = axeAudit(harness);
  await harness.open();
  await loginAs(page, 'sekinin');
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('daily-report')).toBeVisible();
  await check(page, 'reports-daily');
  await page.getByTestId('nav-stock').click();
  await expect(page.getByTestId('uncollected-cards').locator('tbody tr').first()).toBeVisible();
  await check(page, 'stock');
  await logout(page);

  await loginAs(page, 'kanri');
  for (const [link, screen] of [
    ['職員の管理', 'admin-operators'],
    ['監査ログ', 'admin-audit'],
    ['バックアップ', 'admin-backup'],
  ] as const) {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(page, screen);
  }
  expect(found).toEqual([]);
});
