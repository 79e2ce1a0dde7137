// The resident's PIN and password rules (CARD.md Secrets): what main enforces and the resident window explains.
import { describe, expect, it } from 'vitest';
import {
  checkFourDigitPin,
  checkPinEntry,
  checkSigningPassword,
  FOUR_DIGIT_KINDS,
  normaliseSigningPassword,
  requiredPinKinds,
} from '../../../preload/contract/pin-rules';

const BORN = '1987-04-23';

describe('4-digit PINs', () => {
  it('accept four digits that break no rule', () => {
    for (const pin of ['5831', '0429', '9090', '1357', '2580']) {
      expect(checkFourDigitPin(pin, BORN), pin).toBeNull();
    }
  });

  it('must be exactly four digits', () => {
    for (const pin of ['', '583', '58310', '58a1', '５８３１', ' 583', '58.1']) {
      expect(checkFourDigitPin(pin, BORN), JSON.stringify(pin)).toBe('pin-format');
    }
  });

  it('may not be four equal digits', () => {
    for (const d of '0123456789') {
      expect(checkFourDigitPin(d.repeat(4), BORN)).toBe('pin-same-digits');
    }
  });

  it('may not be an ascending or descending run', () => {
    for (const pin of ['0123', '1234', '6789', '3210', '9876', '5432']) {
      expect(checkFourDigitPin(pin, BORN), pin).toBe('pin-sequence');
    }
    // Runs do not wrap around, and a run of three in four digits is allowed.
    expect(checkFourDigitPin('7890', BORN)).toBeNull();
    expect(checkFourDigitPin('1235', BORN)).toBeNull();
  });

  it("may not be the holder's birth date as MMDD, YYMM or YYYY", () => {
    expect(checkFourDigitPin('0423', BORN)).toBe('pin-birth-date');
    expect(checkFourDigitPin('8704', BORN)).toBe('pin-birth-date');
    expect(checkFourDigitPin('1987', BORN)).toBe('pin-birth-date');
    // DDMM and MMYY are not among the forms.
    expect(checkFourDigitPin('2304', BORN)).toBeNull();
    expect(checkFourDigitPin('0487', BORN)).toBeNull();
    // Someone else's birthday is fine.
    expect(checkFourDigitPin('0423', '1990-12-01')).toBeNull();
  });

  it('without a birth date (the resident window does not get one) skip only that rule', () => {
    expect(checkFourDigitPin('0423', '')).toBeNull();
    expect(checkFourDigitPin('1111', '')).toBe('pin-same-digits');
    expect(checkFourDigitPin('4321', '')).toBe('pin-sequence');
  });
});

describe('the signing password', () => {
  it('is 6 to 16 of A–Z and 0–9 with at least one of each', () => {
    expect(checkSigningPassword('ABC123')).toBeNull();
    expect(checkSigningPassword('A1B2C3D4E5F6G7H8')).toBeNull();
    expect(checkSigningPassword('AB123')).toBe('password-format');
    expect(checkSigningPassword('A1B2C3D4E5F6G7H8I')).toBe('password-format');
    expect(checkSigningPassword('ABC-123')).toBe('password-format');
    expect(checkSigningPassword('abc123')).toBe('password-format');
    expect(checkSigningPassword('ABCDEFG')).toBe('password-letter-digit');
    expect(checkSigningPassword('1234567')).toBe('password-letter-digit');
  });

  it('is upper-cased as typed, so lower-case letters are the same password', () => {
    expect(normaliseSigningPassword('abc123')).toBe('ABC123');
    expect(checkPinEntry('signing', 'abc123', 'ABC123', BORN)).toBeNull();
  });
});

describe('an entry with its confirmation', () => {
  it('checks the rule of its kind first, then that both entries agree', () => {
    expect(checkPinEntry('auth', '5831', '5831', BORN)).toBeNull();
    expect(checkPinEntry('auth', '5831', '5832', BORN)).toBe('pin-confirmation-differs');
    expect(checkPinEntry('juki', '1111', '1111', BORN)).toBe('pin-same-digits');
    expect(checkPinEntry('text', '0423', '0423', BORN)).toBe('pin-birth-date');
    expect(checkPinEntry('signing', 'ABCDEF', 'ABCDEF', BORN)).toBe('password-letter-digit');
    expect(checkPinEntry('signing', 'ABC123', 'ABC124', BORN)).toBe('pin-confirmation-differs');
  });

  it('applies the 4-digit rule to every 4-digit kind, and the password rule to the signing one', () => {
    for (const kind of FOUR_DIGIT_KINDS) {
      expect(checkPinEntry(kind, 'ABC123', 'ABC123', BORN), kind).toBe('pin-format');
    }
    expect(checkPinEntry('signing', '5831', '5831', BORN)).toBe('password-format');
  });
});

describe('the secrets a resident sets', () => {
  it('are the signing password and three PINs, the password first; under 15 no password', () => {
    expect(requiredPinKinds(false)).toEqual(['signing', 'auth', 'juki', 'text']);
    expect(requiredPinKinds(true)).toEqual(['auth', 'juki', 'text']);
    expect(FOUR_DIGIT_KINDS).toEqual(['auth', 'juki', 'text']);
  });
});
