// Driving a page with the keyboard only, counting every key: Tab presses apart, characters typed apart.
import { expect, type Locator, type Page } from '@playwright/test';

/** The counts a keyboard-only run adds up (keys = every key pressed, typed characters excluded). */
export interface KeyCounts {
  keys: number;
  tabs: number;
  typed: number;
}

/** How many Tabs a search for one control may take before it counts as unreachable. */
const MAX_TABS = 60;

export class KeyboardOnly {
  readonly counts: KeyCounts = { keys: 0, tabs: 0, typed: 0 };
  /** Each Tab search as `control: Tabs`, to see where the Tabs go. */
  readonly trail: string[] = [];

  constructor(private readonly page: Page) {}

  /** One key (Enter, Space, ArrowDown, Escape, …). */
  async press(key: string): Promise<void> {
    this.counts.keys += 1;
    await this.page.keyboard.press(key);
  }

  /** Characters typed into the focused field: counted apart from the keys that move and press. */
  async type(text: string): Promise<void> {
    this.counts.typed += text.length;
    await this.page.keyboard.type(text);
  }

  /**
   * Presses Tab until `target` has the focus (none when it has it already), as a clerk who looks
   * for it would; fails if it is not reached within MAX_TABS.
   */
  async tabTo(target: Locator): Promise<number> {
    await expect(target).toBeVisible();
    let tabs = 0;
    while (!(await target.evaluate((el) => el.matches(':focus')))) {
      if (tabs === MAX_TABS) throw new Error(`not reached with ${MAX_TABS} Tabs: ${target}`);
      await this.page.keyboard.press('Tab');
      tabs += 1;
    }
    this.trail.push(`${await describe(target)}: ${tabs}`);
    this.counts.tabs += tabs;
    this.counts.keys += tabs;
    return tabs;
  }
}

/** A control's test id, or its label, for the trail. */
function describe(target: Locator): Promise<string> {
  return target.evaluate(
    (el) =>
      el.getAttribute('data-testid') ??
      (
        el as unknown as { labels?: { textContent: string | null }[] }
      ).labels?.[0]?.textContent?.trim() ??
      el.tagName,
  );
}
