// Health rules: the next actions, the database's word. Validity and expiry are rules/validity's.
import { describe, expect, it } from 'vitest';
import type { CardHealthDto, PinStatusDto } from '../../../preload/contract/dto';
import { nextActions, withDatabaseState } from '../../../main/card/card-health';

const okPins: PinStatusDto[] = [
  { kind: 'signing', state: 'ok', triesLeft: 5, maxTries: 5 },
  { kind: 'auth', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'juki', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'text', state: 'ok', triesLeft: 3, maxTries: 3 },
];

const base = {
  pins: okPins,
  presence: { signing: true, auth: true },
  authValidity: 'valid' as const,
  cardExpiry: '2035-02-17',
  chipState: 'active' as const,
  now: new Date('2026-11-25T03:00:00Z'),
};

describe('card health: next actions', () => {
  it('a healthy card needs nothing', () => {
    expect(nextActions(base)).toEqual(['none']);
  });

  it('no PIN set and no certificate: issue the card', () => {
    const pins = okPins.map((p) => ({ ...p, state: 'not-set' as const, triesLeft: 0 }));
    expect(nextActions({ ...base, pins, presence: { signing: false, auth: false } })).toEqual([
      'issue-card',
    ]);
  });

  it('PINs set but no certificates: an issuance stopped half-way, to be resumed', () => {
    expect(
      nextActions({ ...base, presence: { signing: false, auth: false }, authValidity: 'absent' }),
    ).toEqual(['finish-issuance']);
  });

  it('a locked PIN asks for a reset', () => {
    const pins = okPins.map((p) =>
      p.kind === 'juki' ? { ...p, state: 'locked' as const, triesLeft: 0 } : p,
    );
    expect(nextActions({ ...base, pins })).toEqual(['reset-locked-pin']);
  });

  it('certificates expiring or expired', () => {
    expect(nextActions({ ...base, authValidity: 'expiring' })).toEqual(['renew-certificates']);
    expect(nextActions({ ...base, authValidity: 'expired' })).toEqual(['certificates-expired']);
  });

  it('card expiring, card expired, suspension', () => {
    expect(nextActions({ ...base, cardExpiry: '2027-01-10' })).toEqual(['card-expiring']);
    expect(nextActions({ ...base, cardExpiry: '2026-11-24' })).toEqual(['card-expired']);
    expect(nextActions({ ...base, chipState: 'suspended' })).toEqual(['release-suspension']);
  });
});

describe('card health with the database state', () => {
  // A lost card 廃止 in the database, found again: its chip still says active.
  const chip: CardHealthDto = {
    reader: 'Reader 0',
    atrHex: '3B',
    atrLabel: null,
    serial: '990000000000006',
    municipalityCode: '99999',
    cardExpiry: '2032-01-15',
    chipState: 'active',
    pins: okPins,
    certificates: [
      { kind: 'signing', present: true, validity: 'valid' },
      {
        kind: 'auth',
        present: true,
        notBefore: '2022-02-01',
        notAfter: '2027-01-31',
        serialHex: '1A2B3C4D5E6F7081',
        validity: 'valid',
      },
    ],
    nextActions: ['none'],
    readAt: '2026-11-25T03:00:00.000Z',
  };
  const revokedRows = [
    { kind: 'signing' as const, serial: '0c0d0e0f10111213', status: 'revoked' as const },
    { kind: 'auth' as const, serial: '1a2b3c4d5e6f7081', status: 'revoked' as const },
  ];

  it('a card terminated in the database says so, and its revoked certificates are revoked', () => {
    const health = withDatabaseState(chip, {
      state: 'terminated',
      destroyed: false,
      replaced: false,
      certificates: revokedRows,
    });
    expect(health.chipState).toBe('active');
    expect(health.databaseState).toBe('terminated');
    expect(health.certificates.map((c) => [c.kind, c.validity])).toEqual([
      ['signing', 'revoked'],
      ['auth', 'revoked'],
    ]);
    expect(health.nextActions).toEqual(['record-return', 'reissue']);
  });

  it('the auth certificate is matched by serial: a row of another certificate changes nothing', () => {
    const health = withDatabaseState(chip, {
      state: 'terminated',
      destroyed: true,
      replaced: true,
      certificates: [{ kind: 'auth', serial: 'ffff0000', status: 'revoked' }],
    });
    expect(health.certificates.map((c) => c.validity)).toEqual(['valid', 'valid']);
    expect(health.nextActions).toEqual(['none']);
  });

  it('certificates not revoked in the database keep what the chip says', () => {
    const held = revokedRows.map((r) => ({ ...r, status: 'on_hold' as const }));
    const health = withDatabaseState(
      { ...chip, chipState: 'suspended', nextActions: ['release-suspension'] },
      { state: 'suspended', destroyed: false, replaced: false, certificates: held },
    );
    expect(health.databaseState).toBe('suspended');
    expect(health.certificates.map((c) => c.validity)).toEqual(['valid', 'valid']);
  });

  it('a card the database does not know is reported as read', () => {
    expect(withDatabaseState(chip, undefined)).toEqual(chip);
    expect(withDatabaseState(chip, undefined).databaseState).toBeUndefined();
  });

  it('names the holder of a known card, and the reason and time of its 廃止', () => {
    const holder = {
      residentId: 7,
      kanjiName: '見本　太郎',
      kanaName: 'ミホン　タロウ',
      birthDate: '1985-09-20',
    };
    const revocation = { reason: 'lost' as const, revokedAt: '2026-11-25T01:00:00.000Z' };
    const issued = withDatabaseState(chip, {
      state: 'issued',
      destroyed: false,
      replaced: false,
      holder,
    });
    expect(issued.holder).toEqual(holder);
    expect(issued.revocation).toBeUndefined();
    const ended = withDatabaseState(chip, {
      state: 'terminated',
      destroyed: false,
      replaced: false,
      holder,
      revocation,
    });
    expect([ended.holder, ended.revocation]).toEqual([holder, revocation]);
    expect(withDatabaseState(chip, undefined).holder).toBeUndefined();
  });
});
