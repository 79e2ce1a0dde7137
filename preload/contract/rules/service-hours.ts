// When the national certificate service (J-LIS) takes certificate operations: its daily hours and
// the maintenance windows IT enters, on the Japan clock. Pure: main refuses a step that needs the
// authority outside them, the home screen and the start of a procedure say so beforehand.
import type { ProcedureKind } from '../procedure-kinds';

/** The hours as the machine configuration gives them (HH:MM, Japan time; ISO instants). */
export interface ServiceHours {
  readonly opens: string;
  readonly closes: string;
  readonly maintenance: readonly { readonly from: string; readonly to: string }[];
}

/** Certificate operations stop at 20:00; the morning start is the counter's own opening. */
export const DEFAULT_SERVICE_HOURS: ServiceHours = {
  opens: '08:30',
  closes: '20:00',
  maintenance: [],
};

/**
 * Open all day (closes at 24:00, the next midnight): the hours of the test machines, so that no
 * test depends on the time of day it runs; the hours' own tests give the real ones.
 */
export const ALL_DAY_SERVICE_HOURS: ServiceHours = {
  opens: '00:00',
  closes: '24:00',
  maintenance: [],
};

export type ServiceState =
  | { readonly open: true }
  | {
      readonly open: false;
      readonly why: 'before-hours' | 'after-hours' | 'maintenance';
      /** ISO instant the service takes operations again. */
      readonly reopensAt: string;
    };

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError('not HH:MM');
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of HH:MM Japan time on the Japan day of `instant`, shifted by `days`. */
function japanTimeOn(instant: Date, hhmm: string, days: number): Date {
  const japan = new Date(instant.getTime() + JAPAN_OFFSET_MS);
  const midnightUtc = Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth(), japan.getUTCDate());
  return new Date(midnightUtc + (days * 24 * 60 + minutesOf(hhmm)) * 60_000 - JAPAN_OFFSET_MS);
}

/** The instant at Japan time of day `hhmm` on the Japan day of `instant` (the practice clock). */
export function atJapanTime(instant: Date, hhmm: string): Date {
  return japanTimeOn(instant, hhmm, 0);
}

/** Whether certificate operations are taken at `now`, and if not, why and from when. */
export function certificateServiceAt(
  now: Date,
  hours: ServiceHours = DEFAULT_SERVICE_HOURS,
): ServiceState {
  const window = hours.maintenance.find((w) => new Date(w.from) <= now && now < new Date(w.to));
  if (window) {
    // After the window the daily hours still apply: a window ending at night reopens next morning.
    const after = certificateServiceAt(new Date(window.to), hours);
    return { open: false, why: 'maintenance', reopensAt: after.open ? window.to : after.reopensAt };
  }
  const opensToday = japanTimeOn(now, hours.opens, 0);
  if (now < opensToday)
    return { open: false, why: 'before-hours', reopensAt: opensToday.toISOString() };
  if (now >= japanTimeOn(now, hours.closes, 0))
    return {
      open: false,
      why: 'after-hours',
      reopensAt: japanTimeOn(now, hours.opens, 1).toISOString(),
    };
  return { open: true };
}

/**
 * The procedures main refuses outside the hours: those whose PIN step sets a secret through the
 * authority or whose certificates are issued (交付, 代理人交付's second visit, 解除, 更新, 初期化,
 * 券面記載事項の変更 with a new signing certificate, 顔認証 back to a normal card), and 再交付,
 * whose old card's certificates are revoked at its end. 一時停止 and 廃止 go on at any hour.
 */
export const KINDS_USING_SERVICE: readonly ProcedureKind[] = [
  'issuance',
  'representative',
  'release',
  'renewal',
  'pin-reset',
  'reissue',
  'card-change',
  'card-kind',
];

export function usesCertificateService(kind: ProcedureKind): boolean {
  return KINDS_USING_SERVICE.includes(kind);
}

/**
 * Whether the PIN step of a `kind` procedure goes through the authority: always, but for a
 * 初期化・再設定 only when a secret is set anew (`new`); one that only changes values in use
 * (`current`, `change`) is the card's alone and goes on at any hour. Main refuses the entry on it,
 * and the PIN step puts what works first when the service is closed.
 */
export function pinEntryUsesService(kind: ProcedureKind, modes: readonly string[]): boolean {
  if (kind !== 'pin-reset') return usesCertificateService(kind);
  return modes.includes('new');
}
