// Logging in (and out) as the clerk does, with the practice operators of resources/practice/seed.json.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';

export interface SeedOperator {
  readonly loginId: string;
  readonly displayName: string;
  readonly role: 'clerk' | 'supervisor' | 'trainer' | 'admin';
  readonly password: string;
}

const SEED = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'resources/practice/seed.json'), 'utf8'),
) as { operators: SeedOperator[] };

/** A practice operator as the seed defines it (the seed is the one source of these passwords). */
export function seedOperator(loginId: string): SeedOperator {
  const found = SEED.operators.find((o) => o.loginId === loginId);
  if (!found) throw new Error(`no practice operator ${loginId} in seed.json`);
  return found;
}

/** Types ID and password on the login screen and presses Enter. */
export async function submitLogin(page: Page, loginId: string, password: string): Promise<void> {
  const screen = page.getByTestId('login-screen');
  await screen.getByLabel('職員ID').fill(loginId);
  await screen.getByLabel('パスワード').fill(password);
  await screen.getByLabel('パスワード').press('Enter');
}

/** Logs in as a practice operator and waits until the header names them. */
export async function loginAs(page: Page, loginId: string): Promise<SeedOperator> {
  const operator = seedOperator(loginId);
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await submitLogin(page, operator.loginId, operator.password);
  await expect(page.getByTestId('current-operator')).toContainText(operator.displayName);
  return operator;
}

/** Logs out from the header and waits for the login screen. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
}
