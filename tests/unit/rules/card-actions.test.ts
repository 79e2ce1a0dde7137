// The rule of what a card allows now: by state, one 再交付 per card, and renewal from the day the
// window of the first live certificate to expire opens (an expired one is due at once).
import { describe, expect, it } from 'vitest';
import {
  cardActions,
  renewalRefusal,
  type CardActionFacts,
} from '../../../preload/contract/rules/card-actions';

const issued: CardActionFacts = {
  state: 'issued',
  destroyed: false,
  reissueRecorded: false,
  certificates: [
    { status: 'issued', notAfter: '2029-09-20T14:59:59.000Z' }, // the last day 2029-09-20 (Japan)
    { status: 'issued', notAfter: '2030-07-08T14:59:59.000Z' },
  ],
};

/** Noon in Japan on a day. */
const onDay = (day: string) => new Date(`${day}T12:00:00+09:00`);

describe('renewalRefusal', () => {
  it('refuses until the first certificate’s window opens, then accepts', () => {
    expect(renewalRefusal(issued.certificates, onDay('2029-06-19'))).toEqual({
      code: 'renewal-too-early',
      detail: '2029-06-20',
    });
    expect(renewalRefusal(issued.certificates, onDay('2029-06-20'))).toBeNull();
  });

  it('opens on the Japan day: 00:30 in Japan is still the day before in UTC', () => {
    expect(renewalRefusal(issued.certificates, new Date('2029-06-19T15:30:00Z'))).toBeNull();
    expect(renewalRefusal(issued.certificates, new Date('2029-06-19T14:30:00Z'))).not.toBeNull();
  });

  it('an expired certificate is due now; revoked ones do not count; none known: not refused', () => {
    const expired = [...issued.certificates, { status: 'expired', notAfter: '2026-01-01T00:00Z' }];
    expect(renewalRefusal(expired, onDay('2027-01-01'))).toBeNull();
    const revokedOnly = [{ status: 'revoked', notAfter: '2026-03-01T14:59:59.000Z' }];
    expect(renewalRefusal(revokedOnly, onDay('2026-02-01'))).toBeNull();
    expect(renewalRefusal([], onDay('2026-02-01'))).toBeNull();
  });
});

describe('cardActions', () => {
  it('an issued card before the window: every procedure, renewal with the day it opens', () => {
    expect(cardActions(issued, onDay('2027-01-01'))).toEqual([
      { action: 'suspension', refusal: null },
      { action: 'pin-reset', refusal: null },
      { action: 'renewal', refusal: { code: 'renewal-too-early', detail: '2029-06-20' } },
      { action: 'card-change', refusal: null },
      { action: 'to-face-auth', refusal: null },
      { action: 'revocation', refusal: null },
      { action: 'reissue', refusal: null },
    ]);
  });

  it('a recorded 再交付 is refused on the old card, whatever its state', () => {
    for (const state of ['issued', 'suspended', 'terminated'] as const) {
      const reissue = cardActions(
        { ...issued, state, reissueRecorded: true },
        onDay('2027-01-01'),
      ).filter((a) => a.action === 'reissue');
      expect(reissue).toEqual([
        { action: 'reissue', refusal: { code: 'reissue-exists', detail: null } },
      ]);
    }
  });

  it('suspended: release, revocation, reissue; terminated: return until destroyed; before 交付: none', () => {
    const now = onDay('2027-01-01');
    const keys = (facts: Partial<CardActionFacts>) =>
      cardActions({ ...issued, ...facts }, now).map((a) => a.action);
    expect(keys({ state: 'suspended' })).toEqual(['release', 'revocation', 'reissue']);
    expect(keys({ state: 'terminated' })).toEqual(['return', 'reissue']);
    expect(keys({ state: 'terminated', destroyed: true })).toEqual(['reissue']);
    expect(keys({ state: 'received' })).toEqual([]);
    expect(keys({ state: 'prepared' })).toEqual([]);
  });
});
