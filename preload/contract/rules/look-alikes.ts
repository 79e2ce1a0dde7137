// Residents a clerk can take for one another: the same name (kanji or kana) and birth date, or a
// household applying together. Such a 交付 is matched by its 交付通知書 number, never by name, and
// the face check shows the other application photos beside this resident's.
export const LOOK_ALIKE_REASONS = ['same-name', 'same-household'] as const;
export type LookAlikeReason = (typeof LOOK_ALIKE_REASONS)[number];

/** Another resident this one can be taken for, and the application of theirs that is at stake. */
export interface LookAlikeDto {
  readonly reason: LookAlikeReason;
  readonly residentId: number;
  readonly kanjiName: string;
  readonly kanaName: string;
  readonly birthDate: string;
  /** Their application waiting at the counter or handled today (the household), else their last. */
  readonly noticeNumber: string | null;
}

/** With a look-alike, the 交付 goes on only once its 交付通知書 number was entered. */
export function needsNoticeMatch(lookAlikes: readonly LookAlikeDto[]): boolean {
  return lookAlikes.length > 0;
}

/** An application at the counter: its card waits for 交付 (ready), or it was issued today. */
export function atTheCounter(
  application: { readonly status: string; readonly statusChangedAt: string },
  today: { readonly start: string; readonly end: string },
): boolean {
  if (application.status === 'ready') return true;
  return (
    application.status === 'issued' &&
    application.statusChangedAt >= today.start &&
    application.statusChangedAt < today.end
  );
}

const JST_MS = 9 * 3600_000;
const japanDay = (iso: string) => new Date(Date.parse(iso) + JST_MS).toISOString().slice(0, 10);

/**
 * Two applications of one household whose photos can be swapped: both at the counter, and either
 * applied for on the same day (Japan time) or the other one handled at the counter today.
 */
export function householdTogether(
  own: { readonly createdAt: string },
  other: { readonly createdAt: string; readonly handledToday: boolean },
): boolean {
  return other.handledToday || japanDay(own.createdAt) === japanDay(other.createdAt);
}
