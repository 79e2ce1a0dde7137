// A moment as a file name part: the ISO time with the characters Windows refuses replaced.

/** `2026-11-25T01-00-00-000Z` for 2026-11-25T01:00:00.000Z. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}
