// axe-core over the screens of a walk: each screen's violations collected, the list asserted empty at the end.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from './fixtures';

export interface Audit {
  /** Runs axe over the page as it stands and keeps its picture as `a11y-<screen>`. */
  check(page: Page, screen: string): Promise<void>;
  /** Each screen's violations as `screen: rule (impact) nodes`: a walk asserts it empty at its end. */
  readonly found: string[];
}

/**
 * Legacy mode runs axe.run in the page itself: the default runs axe in each frame and then again
 * in a blank page it opens for every screen, about three times the cost for the same rules on
 * these pages (they have no frames). Only the violations are asked for: axe then builds a
 * selector for every node of a passed rule no longer, which is most of its time on a large
 * screen, and the violations it finds are the same.
 */
export function axeAudit(harness: Harness): Audit {
  const found: string[] = [];
  return {
    found,
    async check(page, screen) {
      const results = await new AxeBuilder({ page })
        .setLegacyMode(true)
        .options({ resultTypes: ['violations'] })
        .analyze();
      for (const v of results.violations) {
        const nodes = v.nodes.map((n) => n.target.join(' ')).join(', ');
        found.push(`${screen}: ${v.id} (${v.impact}) ${nodes}`);
      }
      await harness.screenshot(`a11y-${screen}`, page);
    },
  };
}
