// Cards nobody collects: when the reminder is due after the 交付通知書, and from when the card may
// be destroyed (after the reminder, or after the first notice), by the municipality's periods.
// Pure: main refuses a destruction before its day; the stock screen shows the same days.

/** The municipality's periods, in calendar months (machine configuration `uncollectedCards`). */
export interface UncollectedPeriods {
  readonly reminderAfterMonths: number;
  readonly destroyAfterReminderMonths: number;
  readonly destroyAfterNoticeMonths: number;
}

export const DEFAULT_UNCOLLECTED_PERIODS: UncollectedPeriods = {
  reminderAfterMonths: 3,
  destroyAfterReminderMonths: 3,
  destroyAfterNoticeMonths: 12,
};

/** The same day `months` calendar months later, or that month's last day when it is shorter. */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface UncollectedDates {
  /** The day the reminder is due (督促). */
  readonly reminderDue: string;
  /** The first day the card may be destroyed. */
  readonly destroyFrom: string;
}

/**
 * The due days of a card whose 交付通知書 went out on `noticeDay` and whose reminder went out on
 * `reminderDay` (null: not yet): destruction from the earlier of the reminder's period and the
 * first notice's.
 */
export function uncollectedDates(
  noticeDay: string,
  reminderDay: string | null,
  p: UncollectedPeriods = DEFAULT_UNCOLLECTED_PERIODS,
): UncollectedDates {
  const afterNotice = addMonths(noticeDay, p.destroyAfterNoticeMonths);
  const afterReminder = reminderDay ? addMonths(reminderDay, p.destroyAfterReminderMonths) : null;
  return {
    reminderDue: addMonths(noticeDay, p.reminderAfterMonths),
    destroyFrom: afterReminder && afterReminder < afterNotice ? afterReminder : afterNotice,
  };
}

/** Where an uncollected card stands on `today`: waiting, reminder due, or due for destruction. */
export type UncollectedStage = 'waiting' | 'reminder-due' | 'reminded' | 'destruction-due';

export function uncollectedStage(
  dates: UncollectedDates,
  reminderDay: string | null,
  today: string,
): UncollectedStage {
  if (today >= dates.destroyFrom) return 'destruction-due';
  if (reminderDay) return 'reminded';
  return today >= dates.reminderDue ? 'reminder-due' : 'waiting';
}
