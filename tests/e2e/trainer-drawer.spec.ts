// The trainer's tools out of the trainee's way: a drawer closed by default, opened and closed from the
// keyboard, and its card names in the clerk's language.
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
]) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`the trainer drawer at ${size}: closed after login, opened and closed by keyboard, English names`, async ({
    page,
    harness,
  }) => {
    await page.setViewportSize(viewport);
    await harness.open();
    await loginAs(page, 'renshu01');
    const toggle = page.getByTestId('trainer-drawer-toggle');
    const drawer = page.getByTestId('trainer-drawer');
    // The trainee's screen: the drawer's toggle only, the focus on the navigation.
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(drawer).toBeHidden();
    await expect(page.getByRole('link', { name: 'カードの状態確認' })).toBeFocused();
    await harness.screenshot(`trainer-drawer-closed-${size}`);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(drawer).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(drawer.getByLabel('模擬カードの種類')).toBeFocused();
    await expect(
      drawer.getByLabel('模擬カードの種類').locator('option[value="suspended"]'),
    ).toHaveText('一時停止中');
    await harness.screenshot(`trainer-drawer-open-${size}`);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(toggle).toBeFocused();

    await page.getByRole('button', { name: 'English' }).click();
    await toggle.click();
    const presets = drawer.getByLabel('Simulated card');
    await expect(presets.locator('option[value="issued"]')).toHaveText('Issued (standard)');
    await expect(presets.locator('option[value="suspended"]')).toHaveText('Suspended');
    await harness.screenshot(`trainer-drawer-english-${size}`);
  });
}
