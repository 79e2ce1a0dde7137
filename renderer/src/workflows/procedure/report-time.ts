// The time of a reported loss (一時停止) as the clerk types it, in the counter's time, and as main takes it.

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as <input type="datetime-local"> shows it, in the machine's (the counter's) time. */
export function toLocalInput(at: Date): string {
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(
    at.getHours(),
  )}:${pad(at.getMinutes())}`;
}

/** The value of a datetime-local field as an ISO timestamp (UTC), or null when it is not a moment. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  if (at.getMonth() !== mo - 1 || at.getDate() !== d) return null;
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type ReportProblem = 'no-time' | 'future';

/** The report of a loss cannot be dated after now (a minute's grace for the clock the clerk read). */
export function reportTimeProblem(value: string, now: Date): ReportProblem | null {
  const iso = fromLocalInput(value);
  if (!iso) return 'no-time';
  return new Date(iso).getTime() > now.getTime() + 60_000 ? 'future' : null;
}
