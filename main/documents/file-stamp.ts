// A moment as a file name part, in Japan time whatever the PC's zone: every file the counter writes.

/** Japan has kept +09:00 all year since 1952: a fixed offset needs no time-zone data. */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * `20261125-100203-456` for 2026-11-25T01:02:03.456Z (10:02:03 in Japan): sorts by time, has no
 * character Windows refuses, and keeps the milliseconds so two files written in the same second
 * never share a name.
 */
export function fileStamp(at: Date): string {
  const japan = new Date(at.getTime() + JAPAN_OFFSET_MS).toISOString();
  const [date, time] = [japan.slice(0, 10), japan.slice(11, 23)];
  return `${date.replace(/-/g, '')}-${time.slice(0, 8).replace(/:/g, '')}-${time.slice(9)}`;
}
