// The card kinds and the compared facts: which kind a chip shows, the facts compared with the
// record, and what a 顔認証 card is offered (no PIN reset: it is switched back instead).
import { describe, expect, it } from 'vitest';
import { cardActions } from '../../../preload/contract/rules/card-actions';
import {
  CARD_KIND_RULES,
  cardKindOfChip,
  sameCardFacts,
} from '../../../preload/contract/rules/card-kinds';

const facts = {
  name: '転居\u3000健',
  address: '見本県窓口市桜町８－８－８',
  birthDate: '1980-06-06',
  sex: 'male',
};

describe('cardKindOfChip', () => {
  it('an authentication certificate alone, no secret set: 顔認証', () => {
    expect(cardKindOfChip({ anyPinSet: false, signingPresent: false, authPresent: true })).toBe(
      'face-auth',
    );
  });
  it('secrets set or a signing certificate: a normal card; nothing at all: not issued yet', () => {
    expect(cardKindOfChip({ anyPinSet: true, signingPresent: false, authPresent: true })).toBe(
      'standard',
    );
    expect(cardKindOfChip({ anyPinSet: true, signingPresent: true, authPresent: true })).toBe(
      'standard',
    );
    expect(cardKindOfChip({ anyPinSet: false, signingPresent: false, authPresent: false })).toBe(
      null,
    );
  });
  it('a face-auth card allows no PIN and no signing certificate, and is noted 顔認証', () => {
    expect(CARD_KIND_RULES['face-auth']).toMatchObject({
      pins: false,
      signingCertificate: false,
      authCertificate: true,
      note: '顔認証',
    });
  });
});

describe('sameCardFacts', () => {
  it('the four facts, names and addresses in NFC', () => {
    expect(sameCardFacts(facts, { ...facts })).toBe(true);
    // が as か + the combining voiced mark is the same name once composed.
    expect(sameCardFacts({ ...facts, name: 'が' }, { ...facts, name: '\u304b\u3099' })).toBe(true);
    expect(sameCardFacts(facts, { ...facts, address: '見本県窓口市柳町１－１' })).toBe(false);
    expect(sameCardFacts(facts, { ...facts, sex: 'female' })).toBe(false);
    expect(sameCardFacts(facts, { ...facts, birthDate: '1980-06-07' })).toBe(false);
  });
});

describe('cardActions by kind', () => {
  const issued = {
    state: 'issued' as const,
    destroyed: false,
    reissueRecorded: false,
    certificates: [],
  };
  const now = new Date('2026-12-07T12:00:00+09:00');
  it('a normal card offers the change of its facts and the switch to 顔認証', () => {
    const keys = cardActions(issued, now).map((o) => o.action);
    expect(keys).toContain('card-change');
    expect(keys).toContain('to-face-auth');
    expect(keys).not.toContain('to-standard');
  });
  it('a 顔認証 card offers the switch back and no PIN reset', () => {
    const keys = cardActions({ ...issued, kind: 'face-auth' }, now).map((o) => o.action);
    expect(keys).toContain('to-standard');
    expect(keys).not.toContain('to-face-auth');
    expect(keys).not.toContain('pin-reset');
    expect(keys).not.toContain('renewal');
  });
});
