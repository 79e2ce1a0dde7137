// The dated rule table: the set in force on a day, and a future card generation as a new entry
// changing fees, 特急発行, PINs and validity without a line of code.
import { describe, expect, it } from 'vitest';
import { expressRefusal } from '../../../preload/contract/rules/express';
import { reissueFee } from '../../../preload/contract/rules/fees';
import { requiredPinKinds } from '../../../preload/contract/rules/pins';
import {
  RULE_SETS,
  RULE_SET_2024_12,
  ruleSetById,
  ruleSetOn,
} from '../../../preload/contract/rules/rule-sets';
import { certificateBirthdaysOn, renewalOpensOn } from '../../../preload/contract/rules/validity';
import { FUTURE_RULE_SET, TABLE_WITH_FUTURE } from '../../fixtures/future-rule-set';

describe('the dated rule table', () => {
  it('has today’s rules from 2024-12-02, and the first set for older days', () => {
    expect(RULE_SETS.map((s) => s.id)).toEqual(['2024-12-02']);
    expect(ruleSetOn('2026-12-07')).toBe(RULE_SET_2024_12);
    expect(ruleSetOn('2020-01-01')).toBe(RULE_SET_2024_12);
    expect(ruleSetById('2024-12-02')).toBe(RULE_SET_2024_12);
    expect(() => ruleSetById('1999-01-01')).toThrow('unknown rule set');
  });

  it('switches to a new entry on its first day, not before', () => {
    expect(ruleSetOn('2028-03-31', TABLE_WITH_FUTURE)).toBe(RULE_SET_2024_12);
    expect(ruleSetOn('2028-04-01', TABLE_WITH_FUTURE)).toBe(FUTURE_RULE_SET);
    // The order of the table does not matter: the day does.
    expect(ruleSetOn('2029-01-01', [...TABLE_WITH_FUTURE].reverse())).toBe(FUTURE_RULE_SET);
  });

  it('a future generation changes PINs, validity and fees by data alone', () => {
    const future = ruleSetOn('2028-04-01', TABLE_WITH_FUTURE);
    expect(requiredPinKinds(false, future)).toEqual(['signing', 'auth']);
    expect(requiredPinKinds(true, future)).toEqual(['auth']);
    expect(requiredPinKinds(false)).toEqual(['signing', 'auth', 'juki', 'text']);
    expect(certificateBirthdaysOn('2028-04-01', TABLE_WITH_FUTURE)).toBe(10);
    expect(certificateBirthdaysOn('2028-03-31', TABLE_WITH_FUTURE)).toBe(5);
    expect(renewalOpensOn('2030-05-31', future)).toBe('2030-02-28');
    expect(reissueFee({ reason: 'lost', express: false, withCertificates: true }, future)).toEqual({
      amountYen: 1200,
      lines: [
        { item: 'card', yen: 900 },
        { item: 'certificates', yen: 300 },
      ],
      freeByRule: false,
    });
    expect(
      reissueFee({ reason: 'lost', express: true, withCertificates: false }, future).amountYen,
    ).toBe(2100);
    // 60 days under the future entry, 30 today.
    const q = {
      category: 'lost-card' as const,
      reason: 'lost' as const,
      eventDate: '2028-04-01',
      birthDate: '1990-01-01',
      today: '2028-05-15',
    };
    expect(expressRefusal(q, future)).toBeNull();
    expect(expressRefusal(q, RULE_SET_2024_12)).toBe('window-passed');
  });
});
