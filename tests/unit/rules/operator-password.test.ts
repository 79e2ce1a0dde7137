// The operator password rule: at least 8 characters counted in code points, the same for main and the screens.
import { describe, expect, it } from 'vitest';
import {
  isAcceptableOperatorPassword,
  OPERATOR_PASSWORD_MIN_LENGTH,
  operatorPasswordLength,
} from '../../../preload/contract/rules/operator-password';

/** 𠮷 lies outside the BMP: one code point, two UTF-16 units. */
const YOSHI = '𠮷';

describe('operator password rule', () => {
  it('asks for at least 8 characters', () => {
    expect(OPERATOR_PASSWORD_MIN_LENGTH).toBe(8);
    expect(isAcceptableOperatorPassword('abcdefgh')).toBe(true);
    expect(isAcceptableOperatorPassword('abcdefg')).toBe(false);
    expect(isAcceptableOperatorPassword('')).toBe(false);
  });

  it('counts a surrogate pair as one character: 8 of them pass, 7 do not', () => {
    const eight = YOSHI.repeat(8);
    expect(eight.length).toBe(16);
    expect(operatorPasswordLength(eight)).toBe(8);
    expect(isAcceptableOperatorPassword(eight)).toBe(true);

    const seven = '🔑'.repeat(7);
    expect(seven.length).toBe(14);
    expect(operatorPasswordLength(seven)).toBe(7);
    expect(isAcceptableOperatorPassword(seven)).toBe(false);
  });

  it('counts mixed text by code points', () => {
    expect(operatorPasswordLength(`ab${YOSHI}🔑cd`)).toBe(6);
    expect(isAcceptableOperatorPassword(`abcdef${YOSHI}🔑`)).toBe(true);
    expect(isAcceptableOperatorPassword(`abcde${YOSHI}🔑`)).toBe(false);
  });
});
