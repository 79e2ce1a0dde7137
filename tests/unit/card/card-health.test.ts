// Health rules: certificate validity classes, card expiry in Japan time, and the next actions.
import { describe, expect, it } from 'vitest';
import type { PinStatusDto } from '../../../preload/contract/dto';
import { cardExpiryState, certificateValidity, nextActions } from '../../../main/card/card-health';

const okPins: PinStatusDto[] = [
  { kind: 'signing', state: 'ok', triesLeft: 5, maxTries: 5 },
  { kind: 'auth', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'juki', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'text', state: 'ok', triesLeft: 3, maxTries: 3 },
];

const base = {
  pins: okPins,
  presence: { signing: true, auth: true },
  authValidity: 'valid' as const,
  cardExpiry: '2035-02-17',
  chipState: 'active' as const,
  now: new Date('2026-11-25T03:00:00Z'),
};

describe('card health: certificate validity', () => {
  const nb = new Date('2025-02-17T00:00:00Z');
  const na = new Date('2030-02-17T14:59:59Z');

  it('valid until 3 months before notAfter, then expiring, then expired', () => {
    expect(certificateValidity(nb, na, new Date('2029-11-17T14:59:58Z'))).toBe('valid');
    expect(certificateValidity(nb, na, new Date('2029-11-17T14:59:59Z'))).toBe('expiring');
    expect(certificateValidity(nb, na, new Date('2030-02-17T15:00:00Z'))).toBe('expired');
  });

  it('not yet valid before notBefore', () => {
    expect(certificateValidity(nb, na, new Date('2025-02-16T00:00:00Z'))).toBe('not-yet-valid');
  });
});

describe('card health: card expiry (Japan time)', () => {
  it('the card is valid through its expiry date in JST', () => {
    // 2035-02-17 23:00 JST is 14:00 UTC: still the expiry day.
    expect(cardExpiryState('2035-02-17', new Date('2035-02-17T14:00:00Z'))).toBe('expiring');
    // 2035-02-18 00:30 JST is 2035-02-17 15:30 UTC: the day after.
    expect(cardExpiryState('2035-02-17', new Date('2035-02-17T15:30:00Z'))).toBe('expired');
  });

  it('expiring from 3 months before (end-of-month clamped)', () => {
    expect(cardExpiryState('2035-02-17', new Date('2034-11-16T03:00:00Z'))).toBe('valid');
    expect(cardExpiryState('2035-02-17', new Date('2034-11-17T03:00:00Z'))).toBe('expiring');
    expect(cardExpiryState('2035-05-31', new Date('2035-02-27T03:00:00Z'))).toBe('valid');
    expect(cardExpiryState('2035-05-31', new Date('2035-02-28T03:00:00Z'))).toBe('expiring');
  });
});

describe('card health: next actions', () => {
  it('a healthy card needs nothing', () => {
    expect(nextActions(base)).toEqual(['none']);
  });

  it('no PIN set and no certificate: issue the card', () => {
    const pins = okPins.map((p) => ({ ...p, state: 'not-set' as const, triesLeft: 0 }));
    expect(nextActions({ ...base, pins, presence: { signing: false, auth: false } })).toEqual([
      'issue-card',
    ]);
  });

  it('PINs set but no certificates: an issuance stopped half-way, to be resumed', () => {
    expect(
      nextActions({ ...base, presence: { signing: false, auth: false }, authValidity: 'absent' }),
    ).toEqual(['finish-issuance']);
  });

  it('a locked PIN asks for a reset', () => {
    const pins = okPins.map((p) =>
      p.kind === 'juki' ? { ...p, state: 'locked' as const, triesLeft: 0 } : p,
    );
    expect(nextActions({ ...base, pins })).toEqual(['reset-locked-pin']);
  });

  it('certificates expiring or expired', () => {
    expect(nextActions({ ...base, authValidity: 'expiring' })).toEqual(['renew-certificates']);
    expect(nextActions({ ...base, authValidity: 'expired' })).toEqual(['certificates-expired']);
  });

  it('card expiring, card expired, suspension', () => {
    expect(nextActions({ ...base, cardExpiry: '2027-01-10' })).toEqual(['card-expiring']);
    expect(nextActions({ ...base, cardExpiry: '2026-11-24' })).toEqual(['card-expired']);
    expect(nextActions({ ...base, chipState: 'suspended' })).toEqual(['release-suspension']);
  });
});
