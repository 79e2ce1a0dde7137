// The workstation preflight's shapes: one list of checks, shared by the admin screen, the clerk's strip and the CLI.

/** pass: fine; warn: works, but IT should look; fail: the counter cannot work as it should; skip: not checkable here. */
export const PREFLIGHT_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;
export type PreflightStatus = (typeof PREFLIGHT_STATUSES)[number];

/** Every check, in the order the screen and the CLI list them. */
export const PREFLIGHT_CHECK_IDS = [
  'pcsc-service',
  'readers',
  'reader-name',
  'card-atr',
  'camera',
  'displays',
  'printer',
  'disk-data',
  'disk-backup',
  'backups',
  'database',
  'audit',
  'config',
  'disk-encryption',
  'clock',
  'versions',
  'fuses',
] as const;
export type PreflightCheckId = (typeof PREFLIGHT_CHECK_IDS)[number];

/**
 * One check: what it is, what it found, whether that is fine, and what IT does about it. The words
 * are Japanese and made in main, because the CLI prints the same ones.
 */
export interface PreflightCheckDto {
  readonly id: PreflightCheckId;
  readonly title: string;
  readonly status: PreflightStatus;
  readonly found: string;
  /** What to do; null when nothing is to be done. */
  readonly action: string | null;
}

export interface PreflightReportDto {
  /** When it ran (ISO). */
  readonly at: string;
  /** The quick checks only (the ones run at every start). */
  readonly quick: boolean;
  readonly checks: readonly PreflightCheckDto[];
  /** The worst status of the list (skip counts as pass). */
  readonly worst: PreflightStatus;
}

/** What the clerk window's strip needs: which checks failed at start (the administrator sees why). */
export interface PreflightSummaryDto {
  /** Null while the start-up checks still run. */
  readonly at: string | null;
  readonly failed: readonly { readonly id: PreflightCheckId; readonly title: string }[];
}

/** The worst of the statuses: fail, then warn, then pass (a skip is no finding). */
export function worstStatus(statuses: readonly PreflightStatus[]): PreflightStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return 'pass';
}
