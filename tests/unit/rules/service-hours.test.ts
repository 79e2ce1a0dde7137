// The certificate service's hours on the Japan clock, and its maintenance windows.
import { describe, expect, it } from 'vitest';
import { PROCEDURE_KINDS } from '../../../preload/contract/procedure-kinds';
import {
  atJapanTime,
  certificateServiceAt,
  DEFAULT_SERVICE_HOURS,
  pinEntryUsesService,
  usesCertificateService,
} from '../../../preload/contract/rules/service-hours';

/** An instant given as Japan time. */
const jst = (s: string) => new Date(`${s}+09:00`);

describe('certificate service hours', () => {
  it('is open from 08:30 to 20:00 Japan time by default', () => {
    expect(certificateServiceAt(jst('2026-12-07T10:00:00'))).toEqual({ open: true });
    expect(certificateServiceAt(jst('2026-12-07T19:59:59'))).toEqual({ open: true });
    expect(certificateServiceAt(jst('2026-12-07T20:00:00'))).toEqual({
      open: false,
      why: 'after-hours',
      reopensAt: jst('2026-12-08T08:30:00').toISOString(),
    });
    expect(certificateServiceAt(jst('2026-12-07T07:00:00'))).toEqual({
      open: false,
      why: 'before-hours',
      reopensAt: jst('2026-12-07T08:30:00').toISOString(),
    });
  });

  it('a maintenance window closes it, reopening at its end or the next morning', () => {
    const hours = {
      ...DEFAULT_SERVICE_HOURS,
      maintenance: [
        { from: '2026-12-07T12:00:00+09:00', to: '2026-12-07T13:00:00+09:00' },
        { from: '2026-12-08T18:00:00+09:00', to: '2026-12-08T22:00:00+09:00' },
      ],
    };
    expect(certificateServiceAt(jst('2026-12-07T12:30:00'), hours)).toEqual({
      open: false,
      why: 'maintenance',
      reopensAt: '2026-12-07T13:00:00+09:00',
    });
    expect(certificateServiceAt(jst('2026-12-07T13:00:00'), hours)).toEqual({ open: true });
    expect(certificateServiceAt(jst('2026-12-08T18:30:00'), hours)).toEqual({
      open: false,
      why: 'maintenance',
      reopensAt: jst('2026-12-09T08:30:00').toISOString(),
    });
  });

  it('the practice clock sets the time of day on the same Japan day', () => {
    expect(atJapanTime(jst('2026-12-07T10:00:00'), '20:30').toISOString()).toBe(
      jst('2026-12-07T20:30:00').toISOString(),
    );
    // 01:00 Japan time is still the previous UTC day: the Japan day is kept.
    expect(atJapanTime(jst('2026-12-08T01:00:00'), '20:30').toISOString()).toBe(
      jst('2026-12-08T20:30:00').toISOString(),
    );
  });
});

describe('procedures that need the service', () => {
  it('every kind but 一時停止 and 廃止 is said to need it before it starts', () => {
    expect(PROCEDURE_KINDS.filter((k) => !usesCertificateService(k))).toEqual([
      'suspension',
      'revocation',
    ]);
  });

  it('a PIN step needs it, but a 初期化・再設定 only when a secret is set anew', () => {
    expect(pinEntryUsesService('issuance', [])).toBe(true);
    expect(pinEntryUsesService('renewal', ['current', 'current'])).toBe(true);
    expect(pinEntryUsesService('pin-reset', ['change', 'change'])).toBe(false);
    expect(pinEntryUsesService('pin-reset', ['change', 'new'])).toBe(true);
    expect(pinEntryUsesService('suspension', [])).toBe(false);
  });
});
