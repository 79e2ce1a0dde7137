// Timestamps as stored: ISO 8601 UTC text, so they sort and compare as strings.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock = systemClock): string {
  return clock().toISOString();
}
