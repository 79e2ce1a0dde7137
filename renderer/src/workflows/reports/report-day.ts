// The day a 日報 is about: the town hall's day, whatever the machine's time zone.

/** Today in Japan (YYYY-MM-DD): 23:30 UTC is already the next day there. */
export function japanToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
