// Card health with the database: a card 廃止 in the database is never usable again, whatever its
// chip says (a lost card found after its revocation): record its return, or reissue it.
import { describe, expect, it } from 'vitest';
import { withDatabaseState } from '../../../main/card/card-health';
import type { CardHealthDto } from '../../../preload/contract/dto';

const CHIP: CardHealthDto = {
  reader: 'sim',
  atrHex: '',
  atrLabel: null,
  serial: '990000000000002',
  municipalityCode: '99999',
  cardExpiry: '2034-09-20',
  chipState: 'active',
  pins: [],
  certificates: [],
  nextActions: ['renew-certificates'],
  readAt: '2026-11-25T01:00:00.000Z',
};

describe('card health with the database state', () => {
  it('a terminated card found again: record-return, and reissue while it has no replacement', () => {
    const found = { state: 'terminated' as const, destroyed: false, replaced: true };
    expect(withDatabaseState(CHIP, found).nextActions).toEqual(['record-return']);
    expect(withDatabaseState(CHIP, { ...found, replaced: false }).nextActions).toEqual([
      'record-return',
      'reissue',
    ]);
    expect(
      withDatabaseState(CHIP, { state: 'terminated', destroyed: true, replaced: true }).nextActions,
    ).toEqual(['none']);
  });

  it('a card suspended in the database needs its release even when the chip is active', () => {
    const h = withDatabaseState(CHIP, { state: 'suspended', destroyed: false, replaced: false });
    expect(h.nextActions).toEqual(['release-suspension', 'renew-certificates']);
  });

  it('an issued card, or one unknown to this database, keeps what the chip says', () => {
    // The chip's reading stands; only the database state is added beside it.
    expect(withDatabaseState(CHIP, { state: 'issued', destroyed: false, replaced: false })).toEqual(
      { ...CHIP, databaseState: 'issued' },
    );
    expect(withDatabaseState(CHIP, undefined)).toBe(CHIP);
  });
});
