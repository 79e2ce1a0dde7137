// axe-core over every main screen of both windows: login, home, the searches, a resident's page, each
// step of a 交付, reports, the administrator's screens and the resident's screens. Zero violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openTrainer } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import { issuanceToPins, residentEntersAll } from './harness/issuance-steps';
import { loginAs, logout } from './harness/login';

/**
 * Each screen's violations as `screen: rule (nodes)`; the test asserts the list empty at its end.
 * Legacy mode runs axe.run in the page itself: the default runs axe in each frame and then again
 * in a blank page it opens for every screen, which cost a screen about 7 s instead of 2 s beside
 * other runs, for the same rules on these pages (they have no frames).
 */
async function audit(found: string[], page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  for (const v of results.violations) {
    const nodes = v.nodes.map((n) => n.target.join(' ')).join(', ');
    found.push(`${screen}: ${v.id} (${v.impact}) ${nodes}`);
  }
}

/** Checks a screen and keeps its picture. */
function checker(found: string[], harness: Harness) {
  return async (page: Page, screen: string) => {
    await audit(found, page, screen);
    await harness.screenshot(`a11y-${screen}`, page);
  };
}

test('the clerk and resident windows through a whole 交付: no axe violation on any screen', async ({
  page,
  harness,
}) => {
  // axe over a dozen screens of two windows, beside other test runs on two cores.
  test.setTimeout(420_000);
  const found: string[] = [];
  const check = checker(found, harness);
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
  await page.getByLabel('カード製造番号（15桁）').fill('990000000000001');
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  await expect(page.getByTestId('history-name')).toBeVisible();
  await check(page, 'resident-history');

  expect(found).toEqual([]);
});

test('reports and the administrator screens: no axe violation', async ({ page, harness }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  const check = checker(found, harness);
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
