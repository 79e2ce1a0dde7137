// Validity rules: the Japan day, the renewal window's first day (month ends clamped), certificate
// validity classes and the card's expiry state.
import { describe, expect, it } from 'vitest';
import {
  cardExpiryState,
  certificateRenewalOpensOn,
  certificateValidity,
  isRenewalOpen,
  japanDate,
  renewalOpensOn,
} from '../../../preload/contract/rules/validity';

describe('the Japan day', () => {
  it('turns at 15:00 UTC', () => {
    expect(japanDate(new Date('2030-02-17T14:59:59Z'))).toBe('2030-02-17');
    expect(japanDate(new Date('2030-02-17T15:00:00Z'))).toBe('2030-02-18');
  });
});

describe('the renewal window opens on', () => {
  it('the same day three months earlier', () => {
    expect(renewalOpensOn('2030-02-17')).toBe('2029-11-17');
    expect(renewalOpensOn('2027-01-31')).toBe('2026-10-31');
    expect(renewalOpensOn('2027-12-01')).toBe('2027-09-01');
  });

  it("that month's last day when it is shorter (leap years included)", () => {
    expect(renewalOpensOn('2027-05-31')).toBe('2027-02-28');
    expect(renewalOpensOn('2028-05-31')).toBe('2028-02-29');
    expect(renewalOpensOn('2028-05-30')).toBe('2028-02-29');
    expect(renewalOpensOn('2028-05-29')).toBe('2028-02-29');
    expect(renewalOpensOn('2027-12-31')).toBe('2027-09-30');
    expect(renewalOpensOn('2028-02-29')).toBe('2027-11-29');
  });

  it('refuses what is not a date', () => {
    expect(() => renewalOpensOn('2028-5-31')).toThrow(RangeError);
  });

  it('for a certificate: its last day is the Japan day of notAfter', () => {
    // 09:00 in Japan on 2027-01-31.
    expect(certificateRenewalOpensOn(new Date('2027-01-31T00:00:00.000Z'))).toBe('2026-10-31');
    // Midnight starting 2030-06-16 in Japan, still 2030-06-15 in UTC.
    expect(certificateRenewalOpensOn(new Date('2030-06-15T15:00:00.000Z'))).toBe('2030-03-16');
  });

  it('is open from the first moment of that Japan day, and stays open once expired', () => {
    const notAfter = new Date('2030-02-17T14:59:59Z');
    expect(isRenewalOpen(notAfter, new Date('2029-11-16T14:59:59Z'))).toBe(false);
    expect(isRenewalOpen(notAfter, new Date('2029-11-16T15:00:00Z'))).toBe(true);
    expect(isRenewalOpen(notAfter, new Date('2031-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('certificate validity', () => {
  const nb = new Date('2025-02-17T00:00:00Z');
  // 23:59:59 on 2030-02-17 in Japan, as the authority writes a last day.
  const na = new Date('2030-02-17T14:59:59Z');

  it('valid until the Japan day 3 months before its last day, then expiring, then expired', () => {
    expect(certificateValidity(nb, na, new Date('2029-11-16T14:59:59Z'))).toBe('valid');
    expect(certificateValidity(nb, na, new Date('2029-11-16T15:00:00Z'))).toBe('expiring');
    expect(certificateValidity(nb, na, new Date('2029-11-17T14:59:58Z'))).toBe('expiring');
    expect(certificateValidity(nb, na, new Date('2030-02-17T14:59:59Z'))).toBe('expiring');
    expect(certificateValidity(nb, na, new Date('2030-02-17T15:00:00Z'))).toBe('expired');
  });

  it('not yet valid before notBefore', () => {
    expect(certificateValidity(nb, na, new Date('2025-02-16T00:00:00Z'))).toBe('not-yet-valid');
  });
});

describe('card expiry (Japan time)', () => {
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

  it('expiring from the first moment of the opening Japan day', () => {
    // 2034-11-17 00:00 JST is 2034-11-16 15:00 UTC.
    expect(cardExpiryState('2035-02-17', new Date('2034-11-16T14:59:59Z'))).toBe('valid');
    expect(cardExpiryState('2035-02-17', new Date('2034-11-16T15:00:00Z'))).toBe('expiring');
  });
});
