// What the resident window says, as the resident reads it: the furigana left out of a text.
import type { Locator } from '@playwright/test';

/** A locator's text without its <rt> readings, whitespace folded. */
export async function readable(locator: Locator): Promise<string> {
  type Node = {
    cloneNode(deep: boolean): Node;
    querySelectorAll(selector: string): Iterable<{ remove(): void }>;
    textContent: string | null;
  };
  return locator.evaluate((el) => {
    const copy = (el as unknown as Node).cloneNode(true);
    for (const rt of copy.querySelectorAll('rt')) rt.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}
