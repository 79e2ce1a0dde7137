// Steps at the clerk's window that several specs take: the screen's heading, the trainer's
// drawer and simulated cards, the documents shown, the card face the resident confirms (交付), a
// supervisor's approval in the dialog.
import { expect, type Page } from '@playwright/test';
import { seedOperator, type SeedOperator } from './login';

/** The screen's one level-1 heading. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The trainer opens their drawer (closed by default), unless it is open already. */
export async function openTrainer(page: Page): Promise<void> {
  const toggle = page.getByTestId('trainer-drawer-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('trainer-drawer')).toBeVisible();
}

/** The trainer closes their drawer again: the counter's screen as the trainee sees it. */
export async function closeTrainer(page: Page): Promise<void> {
  const toggle = page.getByTestId('trainer-drawer-toggle');
  if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
}

/**
 * A button of the trainer's panel, once the simulator is free to answer it: while it is busy the
 * buttons are aria-disabled, and a click on one then does nothing.
 */
async function trainerButton(page: Page, name: string) {
  await openTrainer(page);
  const button = page.getByTestId('trainer-panel').getByRole('button', { name });
  await expect(button).toHaveAttribute('aria-disabled', 'false');
  return button;
}

/** The trainer picks a simulated card and puts it in the reader. */
export async function insertPreset(page: Page, preset: string): Promise<void> {
  const insert = await trainerButton(page, 'カードを挿入');
  await page.getByTestId('trainer-panel').getByLabel('模擬カードの種類').selectOption(preset);
  await insert.click();
}

/** The trainer takes the card out; the panel says the reader is empty. */
export async function removeCard(page: Page): Promise<void> {
  await (await trainerButton(page, 'カードを取り出す')).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('模擬カードリーダーは空です。');
}

/**
 * The trainer inserts the card prepared for this application (交付), once the screen asks for it:
 * the card step checks a card on its insertion, and one put in while the documents were still
 * being recorded waits for カードを確認 (as at a real counter), which this walk does not press.
 */
export async function insertApplicationCard(page: Page, notice: string): Promise<void> {
  await expect(page.getByTestId('step-card')).toBeVisible({ timeout: 30_000 });
  await openTrainer(page);
  const panel = page.getByTestId('trainer-issuance');
  await panel.getByLabel('申請', { exact: true }).selectOption(notice);
  const insert = panel.getByTestId('insert-application-card');
  await expect(insert).toHaveAttribute('aria-disabled', 'false');
  await insert.click();
}

/** The documents step: a driving licence (list A) is shown, and the clerk goes on. */
export async function documentsWithLicence(page: Page): Promise<void> {
  await expect(page.getByTestId('step-documents')).toBeVisible();
  await page.getByTestId('resident-list-A').getByLabel('運転免許証').check();
  await page.getByTestId('documents-next').click();
}

/**
 * 券面確認 (交付): the clerk shows the chip's four facts on the resident window, the resident
 * answers はい、正しいです there, and the clerk's window says the resident confirmed. Each click
 * goes to the window in front (Chromium throttles a background tab).
 */
export async function residentConfirmsCardFace(
  page: Page,
  resident: Page,
  atResident: (screen: string) => Promise<void> = async () => undefined,
): Promise<void> {
  await expect(page.getByTestId('step-card-face')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('show-card-face').click();
  await resident.bringToFront();
  await expect(resident.getByTestId('resident-card-face')).toBeVisible();
  await atResident('resident-card-face');
  await resident.getByTestId('card-face-yes').click();
  await expect(resident.getByTestId('resident-card-face-thanks')).toBeVisible();
  await page.bringToFront();
  await expect(page.getByTestId('card-face-confirmed')).toBeVisible();
}

/** Fills the open approval dialog as `approver` (the practice supervisor unless said) and sends it. */
export async function fillApproval(
  page: Page,
  reason: string,
  approver: SeedOperator = seedOperator('sekinin'),
): Promise<void> {
  const dialog = page.getByTestId('approval-dialog');
  await dialog.getByLabel('責任者の職員ID').fill(approver.loginId);
  await dialog.getByLabel('責任者のパスワード').fill(approver.password);
  await dialog.getByLabel('承認の理由').fill(reason);
  await dialog.getByLabel('承認の理由').press('Enter');
}

/** The two counter screens the app is laid out for. */
export const COUNTER_SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;

/**
 * The page's screenshot at each counter screen size (`<name>-1280x800.png`,
 * `<name>-1366x768.png`), the clerk's or the resident's window; the page is left at 1280x800, the
 * size the specs run at. No media query or script lays the two sizes out differently, so a walk
 * at one size with these pictures checks what a walk per size would.
 */
export async function screensAtCounterSizes(
  harness: { screenshot(name: string, of?: Page): Promise<void> },
  page: Page,
  name: string,
): Promise<void> {
  for (const size of [...COUNTER_SIZES].reverse()) {
    await page.setViewportSize(size);
    await harness.screenshot(`${name}-${size.width}x${size.height}`, page);
  }
}
