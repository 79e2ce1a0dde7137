// The face step's similarity score, as the specs about it take it: up to the face step of 窓口花子's 交付 (the trainer's photo scenario on or off), a still and its score.
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import config from '../../../playwright.config';
import {
  closeTrainer,
  documentsWithLicence,
  insertApplicationCard,
  openTrainer,
} from './counter-steps';
import { HANAKO } from './issuance-steps';
import { loginAs } from './login';

/** Launch options whose fake camera shows `file` (a drawing), or the test face in front of the camera (npm run photos). */
export function cameraShowing(file: string) {
  const args = (config.use?.launchOptions?.args ?? []).map((arg) =>
    arg.startsWith('--use-file-for-fake-video-capture=')
      ? `--use-file-for-fake-video-capture=${resolve(import.meta.dirname, '../../../resources/practice/photos', file)}`
      : arg,
  );
  return { ...config.use?.launchOptions, args };
}

/** Up to the face step of 窓口花子's 交付, with the photos read; photos: the trainer's photo scenario. */
export async function upToFace(page: Page, photos: boolean): Promise<void> {
  await loginAs(page, 'renshu01');
  if (photos) {
    await openTrainer(page);
    await page.getByTestId('face-photos').check();
    await expect(page.getByTestId('face-photos')).toBeChecked();
  }
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill(HANAKO.notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(HANAKO.birth);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('resident-name')).toHaveText(HANAKO.name);
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await insertApplicationCard(page, HANAKO.notice);
  await closeTrainer(page);
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-application').locator('img')).toBeVisible();
  // The models, loaded after login: the panel asks for a still once they are ready.
  await expect(page.getByTestId('face-scores')).toContainText('撮影すると', { timeout: 30_000 });
}

/** Takes the still and returns the score of the still against the card photo, and how long it took. */
export async function takeStill(page: Page): Promise<{ liveChip: number; ms: number }> {
  await expect(page.getByTestId('capture')).toHaveAttribute('aria-disabled', 'false');
  const started = Date.now();
  await page.getByTestId('capture').click();
  const value = page.getByTestId('face-score-liveChip').locator('.face-scores__value');
  await expect(value).toBeVisible({ timeout: 10_000 });
  const ms = Date.now() - started;
  return { liveChip: Number(await value.textContent()), ms };
}
