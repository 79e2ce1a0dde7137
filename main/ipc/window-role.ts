// Which of our two windows sent an IPC call, from the URL of its page: the resident's or the clerk's.

/** The clerk's window (everything of our origin but the resident page) or the resident's window. */
export type WindowRole = 'clerk' | 'resident';

/** The resident window's page; main/index.ts loads it and the renderer builds it (resident.html). */
export const RESIDENT_PAGE_PATH = '/resident.html';

/**
 * The role of the page at `url`. Only the path counts: the router checks the origin separately,
 * and the hash (the clerk's routes) or a query string cannot turn one window into the other.
 * An unparseable URL is a clerk page here; the origin check refuses it before the role matters.
 */
export function windowRoleOf(url: string): WindowRole {
  try {
    return new URL(url).pathname === RESIDENT_PAGE_PATH ? 'resident' : 'clerk';
  } catch {
    return 'clerk';
  }
}
