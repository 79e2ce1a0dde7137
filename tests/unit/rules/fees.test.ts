// The reissue fee by the rule set in force: which reasons are charged, with and without
// certificates, what express costs in place of the standard fee.
import { describe, expect, it } from 'vitest';
import { isChargedReissue, reissueFee } from '../../../preload/contract/rules/fees';
import { REISSUE_REASONS } from '../../../preload/contract/rules/reasons';
import { RULE_SET_2024_12 } from '../../../preload/contract/rules/rule-sets';

const CHARGED = REISSUE_REASONS.filter((r) => isChargedReissue(r));

describe('the reissue fee', () => {
  it('is ¥800 for the card and ¥200 for the certificates for a charged reason', () => {
    for (const reason of CHARGED)
      expect(reissueFee({ reason, express: false, withCertificates: true }), reason).toEqual({
        amountYen: 1000,
        lines: [
          { item: 'card', yen: 800 },
          { item: 'certificates', yen: 200 },
        ],
        freeByRule: false,
      });
    expect(CHARGED).toEqual(['lost', 'damaged', 'own-wish', 'missed-renewal']);
  });

  it('is ¥800 without certificates', () => {
    expect(reissueFee({ reason: 'damaged', express: false, withCertificates: false })).toEqual({
      amountYen: 800,
      lines: [{ item: 'card', yen: 800 }],
      freeByRule: false,
    });
  });

  it('is free by rule for every other reason', () => {
    const free = REISSUE_REASONS.filter((r) => !isChargedReissue(r));
    expect(free.length).toBe(6);
    for (const reason of free)
      expect(reissueFee({ reason, express: false, withCertificates: true }), reason).toEqual({
        amountYen: 0,
        lines: [],
        freeByRule: true,
      });
  });

  it('express is ¥2,000 (¥1,800 without certificates) in place of the standard fee', () => {
    expect(reissueFee({ reason: 'lost', express: true, withCertificates: true })).toEqual({
      amountYen: 2000,
      lines: [{ item: 'express', yen: 2000 }],
      freeByRule: false,
    });
    expect(
      reissueFee({ reason: 'lost', express: true, withCertificates: false }, RULE_SET_2024_12),
    ).toEqual({ amountYen: 1800, lines: [{ item: 'express', yen: 1800 }], freeByRule: false });
    expect(() => reissueFee({ reason: 'theft', express: true, withCertificates: true })).toThrow(
      'express not allowed',
    );
  });
});
