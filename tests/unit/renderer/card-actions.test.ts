// What a card found at the counter offers: the procedures its state allows, and where a next action leads.
import { describe, expect, it } from 'vitest';
import type { LifeCardDto } from '../../../preload/contract/lifecycle';
import {
  actionKey,
  actionOfNext,
  proceduresOf,
} from '../../../renderer/src/workflows/find/card-actions';

const card: LifeCardDto = {
  id: 2,
  serial: '990000000000002',
  state: 'issued',
  expiry: '2035-07-08',
  issuedAt: '2025-07-08T01:00:00Z',
  terminatedAt: null,
  destroyedAt: null,
  replacesSerial: null,
  replacedBySerial: null,
};

describe('what a card offers', () => {
  it('an issued card: suspension and every counter procedure, reissue once', () => {
    expect(proceduresOf(card).map(actionKey)).toEqual([
      'suspension',
      'pin-reset',
      'renewal',
      'revocation',
      'reissue',
    ]);
    expect(
      proceduresOf({ ...card, replacedBySerial: '990000000000009' }).map(actionKey),
    ).not.toContain('reissue');
  });

  it('a suspended card is released, not suspended again', () => {
    const keys = proceduresOf({ ...card, state: 'suspended' }).map(actionKey);
    expect(keys).toContain('release');
    expect(keys).not.toContain('suspension');
  });

  it('a terminated card not yet destroyed offers the return; once destroyed, only reissue', () => {
    const terminated = {
      ...card,
      state: 'terminated' as const,
      terminatedAt: '2026-01-01T00:00:00Z',
    };
    expect(proceduresOf(terminated).map(actionKey)).toEqual(['return', 'reissue']);
    expect(
      proceduresOf({ ...terminated, destroyedAt: '2026-01-02T00:00:00Z' }).map(actionKey),
    ).toEqual(['reissue']);
  });

  it('a card before 交付 offers 交付 only', () => {
    expect(proceduresOf({ ...card, state: 'received' }).map(actionKey)).toEqual(['issuance']);
  });

  it('next actions lead to their procedure; record-return is the return-only revocation', () => {
    expect(actionOfNext('release-suspension')).toEqual({ kind: 'release' });
    expect(actionOfNext('record-return')).toEqual({ kind: 'revocation', returnOnly: true });
    expect(actionOfNext('issue-card')).toEqual({ kind: 'issuance' });
    expect(actionOfNext('none')).toBeNull();
  });
});
