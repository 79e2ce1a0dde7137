// Errors for IT: the clerk is shown the number of the error log's entry, and IT finds it there.
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heading } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

/** The number the screen shows, checked against the entry IT finds in the data folder's log. */
async function shownErrorIdIsLogged(page: Page, dataDir: string): Promise<string> {
  const shown = page.getByTestId('error-id');
  await expect(shown).toHaveText(/^エラー番号 E-\d{8}-[A-Z]{6} をIT担当者にお伝えください。$/);
  const id = /E-\d{8}-[A-Z]{6}/.exec((await shown.textContent()) ?? '')?.[0] ?? '';
  const log = readFileSync(join(dataDir, 'logs', 'errors.log'), 'utf8');
  expect(log).toContain(`"id":"${id}"`);
  return id;
}

test.describe('startup error', () => {
  test.use({ core: { corruptDatabase: true } });

  test('a database file that cannot be opened shows only what happened, what to do, and the number of its log entry', async ({
    page,
    harness,
  }) => {
    await harness.open();
    const screen = page.getByTestId('startup-error');
    await expect(heading(page)).toHaveText('アプリを起動できませんでした');
    await expect(screen.getByRole('alert')).toHaveAttribute('data-error-code', /^db-/);
    await expect(screen.getByRole('alert')).toHaveAttribute('data-error-code', 'db-corrupt');
    await expect(screen).toContainText('IT担当者に連絡');
    await expect(screen).toContainText('ログインも含めて何も記録しません');
    await expect(page.getByTestId('login-screen')).toHaveCount(0);
    await expect(page.getByTestId('logout')).toHaveCount(0);
    await shownErrorIdIsLogged(page, harness.dataDir);
    await harness.screenshot('startup-error');
  });
});

test('an unexpected error names its entry; the log holds where it happened', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'kanri');
  await expect(heading(page)).toHaveText('職員の管理');
  await page.getByRole('link', { name: '監査ログ' }).click();
  await expect(heading(page)).toHaveText('監査ログ');
  // A file where the exports folder should be: the export fails in a way no message foresees.
  const exports = join(harness.dataDir, 'exports');
  writeFileSync(exports, 'not a folder');
  await page.getByTestId('audit-export').click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'internal');
  const id = await shownErrorIdIsLogged(page, harness.dataDir);
  const entry = readFileSync(join(harness.dataDir, 'logs', 'errors.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; channel?: string })
    .find((e) => e.id === id);
  expect(entry?.channel).toBe('audit:export-csv');
  expect(readFileSync(exports, 'utf8')).toBe('not a folder');
  await harness.screenshot('error-id');
});
