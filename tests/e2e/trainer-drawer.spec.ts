// The trainer's tools out of the trainee's way: a drawer closed by default, opened and closed from the
// keyboard, and its card names in the clerk's language; each state pictured at both counter sizes.
import { screensAtCounterSizes } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

test('the trainer drawer: closed after login, opened and closed by keyboard, English names (both screen sizes)', async ({
  page,
  harness,
}) => {
  await harness.open();
  await loginAs(page, 'renshu01');
  const toggle = page.getByTestId('trainer-drawer-toggle');
  const drawer = page.getByTestId('trainer-drawer');
  // The trainee's screen: the drawer's toggle only, the focus on the navigation.
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('link', { name: 'カードの状態確認' })).toBeFocused();
  await screensAtCounterSizes(harness, page, 'trainer-drawer-closed');

  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(drawer.getByLabel('模擬カードの種類')).toBeFocused();
  await expect(
    drawer.getByLabel('模擬カードの種類').locator('option[value="suspended"]'),
  ).toHaveText('一時停止中');
  await screensAtCounterSizes(harness, page, 'trainer-drawer-open');
  // The pictures moved nothing: the focus is still in the drawer, and Escape closes it.
  await expect(drawer.getByLabel('模擬カードの種類')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();

  await page.getByRole('button', { name: 'English' }).click();
  await toggle.click();
  const presets = drawer.getByLabel('Simulated card');
  await expect(presets.locator('option[value="issued"]')).toHaveText('Issued (standard)');
  await expect(presets.locator('option[value="suspended"]')).toHaveText('Suspended');
  await screensAtCounterSizes(harness, page, 'trainer-drawer-english');
});
