// The resident's PIN and password rules: what main enforces and the resident window explains,
// and the detail of a pin-wrong refusal both read.
import { describe, expect, it } from 'vitest';
import {
  checkCurrentFormat,
  checkFourDigitPin,
  checkPinEntry,
  checkSigningPassword,
  FOUR_DIGIT_KINDS,
  normaliseSecret,
  normaliseSigningPassword,
  parsePinWrongDetail,
  pinWrongDetail,
  requiredPinKinds,
} from '../../../preload/contract/rules/pins';

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

describe('a value in use is checked for its format only', () => {
  it('a PIN: four digits, a run or four equal digits included', () => {
    expect(checkCurrentFormat('auth', '1234')).toBeNull();
    expect(checkCurrentFormat('text', '7777')).toBeNull();
    expect(checkCurrentFormat('juki', '123')).toBe('pin-format');
    expect(checkCurrentFormat('auth', '12a4')).toBe('pin-format');
  });

  it('the password: 6 to 16 upper-case letters and digits, at least one of each', () => {
    // Every signing password was set under that rule: one without a digit is a typing slip, and
    // is refused here rather than spending one of the card's five tries.
    expect(checkCurrentFormat('signing', 'ABCDEF')).toBe('password-letter-digit');
    expect(checkCurrentFormat('signing', '123456')).toBe('password-letter-digit');
    expect(checkCurrentFormat('signing', 'ABC123XYZ7890QRS')).toBeNull();
    expect(checkCurrentFormat('signing', 'ABC12')).toBe('password-format');
    expect(checkCurrentFormat('signing', 'abc123')).toBe('password-format');
    expect(checkCurrentFormat('signing', 'ABC123XYZ7890QRST')).toBe('password-format');
  });
});

describe('a value in use as typed', () => {
  it('is upper-cased for the signing password only, then checked for its format', () => {
    expect(normaliseSecret('signing', 'abc123')).toBe('ABC123');
    expect(normaliseSecret('auth', '12a4')).toBe('12a4');
    expect(checkCurrentFormat('signing', normaliseSecret('signing', 'abc123'))).toBeNull();
  });
});

describe('the detail of a pin-wrong refusal', () => {
  it('names the secret and the tries left, and reads back the same', () => {
    expect(pinWrongDetail({ kind: 'auth', triesLeft: 2 })).toBe('auth:2');
    expect(pinWrongDetail({ kind: 'signing', triesLeft: 4 })).toBe('signing:4');
    for (const d of [
      { kind: 'text', triesLeft: 1 },
      { kind: 'juki', triesLeft: 2 },
      { kind: 'signing', triesLeft: 5 },
    ] as const)
      expect(parsePinWrongDetail(pinWrongDetail(d))).toEqual(d);
  });

  it('is never built without a try left (that is pin-locked) or for something not a secret', () => {
    expect(() => pinWrongDetail({ kind: 'auth', triesLeft: 0 })).toThrow(RangeError);
    expect(() => pinWrongDetail({ kind: 'auth', triesLeft: 1.5 })).toThrow(RangeError);
    expect(() => pinWrongDetail({ kind: 'shared' as 'auth', triesLeft: 2 })).toThrow(RangeError);
  });

  it('does not read what is not one', () => {
    for (const detail of [
      undefined,
      '',
      'auth',
      'auth:',
      'auth:x',
      'auth:0',
      'shared:2',
      'AUTH:2',
      'auth:2:1',
      'auth:123',
    ])
      expect(parsePinWrongDetail(detail), String(detail)).toBeNull();
  });
});
