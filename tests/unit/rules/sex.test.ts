// The one table of sex codes: the card's codes and the app's values, both ways.
import { describe, expect, it } from 'vitest';
import { SEX_CODES, SEXES, sexCodeOf, sexOfCode } from '../../../preload/contract/rules/sex';

describe('sex codes', () => {
  it('are 1 male, 2 female, 9 not applicable, 0 unknown', () => {
    expect(SEXES.map(sexCodeOf)).toEqual(['1', '2', '9', '0']);
    expect(SEX_CODES.map(sexOfCode)).toEqual(['male', 'female', 'not-applicable', 'unknown']);
  });

  it('read back what they write, and nothing else', () => {
    for (const sex of SEXES) expect(sexOfCode(sexCodeOf(sex))).toBe(sex);
    for (const code of ['3', '8', '', '01', 'M', ' 1']) expect(sexOfCode(code), code).toBeNull();
  });
});
