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

/**
 * A household member's application counts when its card waits at the counter (ready), or it was
 * issued today: two people applying together come together, and their photos can be swapped.
 */
export function householdApplicationCounts(
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
