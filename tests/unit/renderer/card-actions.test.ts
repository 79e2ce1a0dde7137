// What a card found at the counter offers: only what main says it accepts (the card's actions),
// the others with their reason, and where a next action leads.
import { describe, expect, it } from 'vitest';
import type { LifeCardDto } from '../../../preload/contract/lifecycle';
import { cardActions, type CardActionFacts } from '../../../preload/contract/rules/card-actions';
import {
  actionKey,
  actionOfNext,
  isElsewhere,
  isOffered,
  openElsewhereOf,
  proceduresOf,
  refusedOf,
} from '../../../renderer/src/workflows/find/card-actions';

const NOW = new Date('2026-12-06T03:00:00Z');

/** A card DTO as main builds it: its actions by the contract's rule. */
function cardOf(
  facts: Partial<CardActionFacts> = {},
  more: Partial<LifeCardDto> = {},
): LifeCardDto {
  const all: CardActionFacts = {
    state: 'issued',
    destroyed: false,
    reissueRecorded: false,
    certificates: [],
    ...facts,
  };
  return {
    id: 2,
    serial: '990000000000002',
    state: all.state,
    expiry: '2035-07-08',
    issuedAt: '2025-07-08T01:00:00Z',
    terminatedAt: null,
    destroyedAt: all.destroyed ? '2026-01-02T00:00:00Z' : null,
    replacesSerial: null,
    replacedBySerial: null,
    actions: cardActions(all, NOW),
    openElsewhere: [],
    ...more,
  };
}

describe('what a card offers', () => {
  it('an issued card: suspension and every counter procedure, reissue once', () => {
    expect(proceduresOf(cardOf()).map(actionKey)).toEqual([
      'suspension',
      'pin-reset',
      'renewal',
      'card-change',
      'to-face-auth',
      'revocation',
      'reissue',
    ]);
    expect(isOffered(cardOf(), { kind: 'card-kind', to: 'face-auth' })).toBe(true);
    expect(isOffered(cardOf(), { kind: 'card-kind', to: 'standard' })).toBe(false);
    const recorded = cardOf({ reissueRecorded: true });
    expect(proceduresOf(recorded).map(actionKey)).not.toContain('reissue');
    expect(refusedOf(recorded)).toEqual([
      { action: 'reissue', refusal: { code: 'reissue-exists', detail: null } },
    ]);
    // A 更新 open at counter 2 is taken over, not restarted; a 交付 there is its application's.
    const renewal = { procedureId: 'ren-a', kind: 'renewal', counter: 2 } as const;
    const elsewhere = cardOf(
      {},
      { openElsewhere: [renewal, { procedureId: 'iss-a', kind: 'issuance', counter: 2 }] },
    );
    expect(openElsewhereOf(elsewhere)).toEqual([renewal]);
    expect(isElsewhere(elsewhere, { kind: 'renewal', factsChanged: true })).toBe(true);
    expect(isElsewhere(elsewhere, { kind: 'pin-reset' })).toBe(false);
    expect(isElsewhere(cardOf(), { kind: 'renewal' })).toBe(false);
    expect(isOffered(recorded, { kind: 'reissue' })).toBe(false);
  });

  it('renewal before its window is not offered, with the day it opens', () => {
    const card = cardOf({
      certificates: [{ status: 'issued', notAfter: '2029-09-20T14:59:59.000Z' }],
    });
    expect(proceduresOf(card).map(actionKey)).not.toContain('renewal');
    expect(refusedOf(card)).toEqual([
      { action: 'renewal', refusal: { code: 'renewal-too-early', detail: '2029-06-20' } },
    ]);
  });

  it('a suspended card is released, not suspended again', () => {
    const keys = proceduresOf(cardOf({ state: 'suspended' })).map(actionKey);
    expect(keys).toContain('release');
    expect(keys).not.toContain('suspension');
  });

  it('a terminated card not yet destroyed offers the return; once destroyed, only reissue', () => {
    expect(proceduresOf(cardOf({ state: 'terminated' })).map(actionKey)).toEqual([
      'return',
      'reissue',
    ]);
    expect(proceduresOf(cardOf({ state: 'terminated', destroyed: true })).map(actionKey)).toEqual([
      'reissue',
    ]);
  });

  it('a card before 交付 offers 交付 only', () => {
    expect(proceduresOf(cardOf({ state: 'received' })).map(actionKey)).toEqual(['issuance']);
  });

  it('next actions lead to their procedure; record-return is the return-only revocation', () => {
    expect(actionOfNext('release-suspension')).toEqual({ kind: 'release' });
    expect(actionOfNext('record-return')).toEqual({ kind: 'revocation', returnOnly: true });
    expect(actionOfNext('issue-card')).toEqual({ kind: 'issuance' });
    expect(actionOfNext('none')).toBeNull();
  });
});
