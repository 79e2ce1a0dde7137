// Where a screen's keyboard work starts: the control marked as the main one, else the first field,
// else the primary button, else the screen's title (the clerk's and the resident's windows alike).

const FIELDS = 'input:not([type="hidden"]), select, textarea';

function usable(el: HTMLElement): boolean {
  if ((el as HTMLInputElement).disabled) return false;
  if (el.closest('[inert], [hidden], [aria-hidden="true"]')) return false;
  // Not drawn (display: none, or inside something that is): no box to focus.
  return el.getClientRects().length > 0;
}

function first(root: HTMLElement, selector: string): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(selector)) if (usable(el)) return el;
  return null;
}

/**
 * Focuses the screen's main control inside `root` and says which it was: `[data-main-control]`
 * (a screen's own choice), the first usable field, the first primary button, then the title that
 * carries `[data-step-focus]`. Null when there is none.
 */
export function focusMainControl(root: HTMLElement): HTMLElement | null {
  const target =
    first(root, '[data-main-control]') ??
    first(root, FIELDS) ??
    first(root, '.button--primary, .big-button--primary') ??
    root.querySelector<HTMLElement>('[data-step-focus]');
  target?.focus();
  return target;
}

/**
 * After the login (or the password change that follows it): the focus goes to the top bar's first
 * entry, so Tab goes on through the navigation and into the screen, never from the page's end or
 * the practice panel. Without a navigation, to the screen's main control.
 */
export function focusNavigation(): void {
  const link = document.querySelector<HTMLElement>('nav.app-nav a');
  if (link) return link.focus();
  const main = document.querySelector<HTMLElement>('main');
  if (main) focusMainControl(main);
}
