// How a spec types on the resident window (its keypad, or a keyboard) and reads what the page keeps.
import { expect, type Page } from '@playwright/test';

/** Taps the digits on the on-screen keypad, then 決定. */
export async function typeOnPad(page: Page, value: string): Promise<void> {
  for (const key of value) await page.getByTestId('keypad').locator(`[data-key="${key}"]`).click();
  await page.getByTestId('keypad').locator('[data-key="ok"]').click();
}

/** Types on a physical keyboard, then Enter. */
export async function typeOnKeyboard(page: Page, value: string): Promise<void> {
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Everything the page shows or keeps in its Pinia stores, as text, to search for a value. */
export async function pageMemory(page: Page): Promise<string> {
  type Mounted = {
    __vue_app__?: { config: { globalProperties: { $pinia?: { state: { value: unknown } } } } };
    innerHTML: string;
  };
  return page.locator('#app').evaluate((el) => {
    const app = (el as unknown as Mounted).__vue_app__;
    const stores = JSON.stringify(app?.config.globalProperties.$pinia?.state.value ?? null);
    return `${(el as unknown as Mounted).innerHTML}\n${stores}`;
  });
}

/**
 * 交付's entry on the resident window: the signing password typed twice, the same PIN offered for
 * the three others and accepted, the PIN twice, then the review sent.
 */
export async function residentEntersForIssuance(
  resident: Page,
  signing: string,
  pin: string,
): Promise<void> {
  await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
  await typeOnKeyboard(resident, signing);
  await typeOnKeyboard(resident, signing);
  await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
  await resident.getByTestId('same-yes').click();
  await typeOnPad(resident, pin);
  await typeOnPad(resident, pin);
  await expect(resident.getByTestId('resident-review')).toBeVisible();
  await resident.getByTestId('review-submit').click();
}
