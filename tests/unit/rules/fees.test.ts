// The reissue fee: which reasons are charged, what express costs, and what may be express.
import { describe, expect, it } from 'vitest';
import {
  CHARGED_REISSUE_REASONS,
  EXPRESS_REISSUE_REASONS,
  reissueFee,
} from '../../../preload/contract/rules/fees';
import { REISSUE_REASONS } from '../../../preload/contract/rules/reasons';

describe('the reissue fee', () => {
  it('is ¥800 for the card and ¥200 for the certificates for a charged reason', () => {
    for (const reason of CHARGED_REISSUE_REASONS)
      expect(reissueFee(reason, false), reason).toEqual({
        amountYen: 1000,
        lines: [
          { item: 'card', yen: 800 },
          { item: 'certificates', yen: 200 },
        ],
        freeByRule: false,
      });
    expect(CHARGED_REISSUE_REASONS).toEqual(['lost', 'damaged', 'own-wish', 'missed-renewal']);
  });

  it('is free by rule for every other reason', () => {
    const free = REISSUE_REASONS.filter((r) => !CHARGED_REISSUE_REASONS.includes(r));
    expect(free.length).toBe(6);
    for (const reason of free)
      expect(reissueFee(reason, false), reason).toEqual({
        amountYen: 0,
        lines: [],
        freeByRule: true,
      });
  });

  it('express is ¥2,000 in place of the standard fee, and only for a lost card', () => {
    expect(EXPRESS_REISSUE_REASONS).toEqual(['lost']);
    expect(reissueFee('lost', true)).toEqual({
      amountYen: 2000,
      lines: [{ item: 'express', yen: 2000 }],
      freeByRule: false,
    });
    expect(() => reissueFee('damaged', true)).toThrow('express not allowed');
    expect(() => reissueFee('theft', true)).toThrow('express not allowed');
  });
});
