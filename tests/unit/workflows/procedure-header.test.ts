// What main tells the clerk window beside the state: the header's steps for each kind (and where
// a stop shows), the actions it allows, and when the screen asks for the card again.
import { describe, expect, it } from 'vitest';
import { issuanceSpec, ISSUANCE_RULES } from '../../../main/workflows/kinds/issuance';
import { pinResetSpec, PIN_RESET_RULES } from '../../../main/workflows/kinds/pin-reset';
import { reissueSpec, reissueTransition } from '../../../main/workflows/kinds/reissue';
import { releaseSpec, RELEASE_RULES } from '../../../main/workflows/kinds/release';
import { revocationSpec, revocationTransition } from '../../../main/workflows/kinds/revocation';
import { suspensionSpec } from '../../../main/workflows/kinds/suspension';
import type { ProcedureRow } from '../../../main/workflows/procedure/spec';
import { headerOf } from '../../../main/workflows/procedure/steps';
import {
  applyCardEvent,
  asksForCard,
  initialCardState,
  type CardEvent,
  type CardRules,
  type CardState,
} from '../../../main/workflows/steps/card-state';

const SERIAL = '990000000000005';
const row = (step: string, data: Record<string, unknown> = {}): ProcedureRow => ({
  step,
  status: 'completed',
  data,
  at: '2026-11-25T01:00:00.000Z',
});

function card(rules: CardRules, ...events: CardEvent[]): CardState {
  return events.reduce((s, e) => applyCardEvent(rules, s, e), initialCardState(rules, 'p', false));
}
const docs = (kinds: string[]) => ({ type: 'documents-recorded', kinds }) as CardEvent;
const matched: CardEvent = { type: 'card-matched', serial: SERIAL };

describe('the header shows each procedure’s own steps', () => {
  it('交付 goes from the documents to the handover, the card face confirmed before the PINs', () => {
    expect(issuanceSpec.header(card(ISSUANCE_RULES)).steps).toEqual([
      'documents',
      'card',
      'face',
      'card-face',
      'pins',
      'certificates',
      'handover',
    ]);
  });

  it('release always has the face check and new certificates', () => {
    expect(releaseSpec.header(card(RELEASE_RULES)).steps).toEqual([
      'documents',
      'card',
      'face',
      'choose',
      'pins',
      'certificates',
    ]);
  });

  it('a PIN reset checks the face only with list B documents, and issues no certificate', () => {
    expect(pinResetSpec.header(card(PIN_RESET_RULES, docs(['passport']))).steps).toEqual([
      'documents',
      'card',
      'choose',
      'pins',
    ]);
    expect(
      pinResetSpec.header(card(PIN_RESET_RULES, docs(['health-insurance', 'pension-book']))).steps,
    ).toContain('face');
  });

  it('a revocation without the card ends after the approval; a return only punches', () => {
    const start = revocationTransition(revocationSpec.initial('p', null), row('start'));
    expect(revocationSpec.header(start).steps).toEqual(['reason', 'approval', 'card', 'destroy']);
    const absent = revocationTransition(
      start,
      row('reason', { reason: 'lost', cardPresent: false }),
    );
    expect(revocationSpec.header(absent).steps).toEqual(['reason', 'approval']);
    const present = revocationTransition(
      start,
      row('reason', { reason: 'damaged', cardPresent: true }),
    );
    expect(revocationSpec.header(present).steps).toEqual(['reason', 'approval', 'card', 'destroy']);
    const ret = revocationTransition(
      revocationSpec.initial('p', null),
      row('start', { returnOnly: true }),
    );
    expect(revocationSpec.header(ret).steps).toEqual(['card', 'destroy']);
  });

  it('a free reissue has no fee step', () => {
    const start = reissueSpec.initial('p', null);
    expect(reissueSpec.header(start).steps).toContain('fee');
    const theft = reissueTransition(start, row('reason', { reason: 'theft', express: false }));
    expect(reissueSpec.header(theft).steps).toEqual(['reason', 'approval']);
  });

  it('a stop shows on its step; completed is past the last; cancelled is nowhere', () => {
    const face = card(RELEASE_RULES, docs(['passport']), matched);
    const stopped = applyCardEvent(RELEASE_RULES, face, {
      type: 'face-decided',
      decision: 'mismatch',
    });
    expect(releaseSpec.header(stopped)).toMatchObject({ index: 2, stopped: true, waiting: false });
    const cancelled = applyCardEvent(RELEASE_RULES, face, { type: 'cancelled' });
    // 後日交付 is a stop (the authority failed); a 照会書 in the post is only waiting.
    const steps = ['request', 'reply', 'documents', 'certificates'] as const;
    expect(headerOf(steps, 'parked')).toEqual({ steps, index: 3, stopped: true, waiting: false });
    expect(headerOf(steps, 'awaiting-reply')).toEqual({
      steps,
      index: 1,
      stopped: false,
      waiting: true,
    });
    expect(releaseSpec.header(cancelled)).toMatchObject({ index: -1, stopped: false });
    const report = suspensionSpec.transition(
      suspensionSpec.initial('p', null),
      row('report', { reporter: 'police', method: 'telephone', reportedAt: 'x', note: '' }),
    );
    expect(suspensionSpec.header(report).index).toBe(0);
    expect(
      suspensionSpec.header(suspensionSpec.transition(report, row('certificates-held'))).index,
    ).toBe(1);
  });

  it('後日交付 shows on the certificates', () => {
    const parked = { ...card(ISSUANCE_RULES), step: 'parked' as const };
    const header = issuanceSpec.header(parked);
    expect(header.steps[header.index]).toBe('certificates');
    expect(header.stopped).toBe(true);
  });
});

describe('what the clerk may do now', () => {
  it('an open procedure may be cancelled; 交付 is completed at the handover, its receipt after', () => {
    expect(issuanceSpec.allowed(card(ISSUANCE_RULES))).toEqual(['cancel']);
    expect(issuanceSpec.allowed({ ...card(ISSUANCE_RULES), step: 'handover' })).toEqual([
      'cancel',
      'complete',
    ]);
    expect(issuanceSpec.allowed({ ...card(ISSUANCE_RULES), step: 'parked' })).toEqual([
      'cancel',
      'print-deferral-slip',
    ]);
    expect(issuanceSpec.allowed({ ...card(ISSUANCE_RULES), step: 'completed' })).toEqual([
      'print-receipt',
    ]);
  });

  it('a revocation cannot be cancelled once revoked; a suspension never', () => {
    const start = revocationTransition(revocationSpec.initial('p', null), row('start'));
    expect(revocationSpec.allowed(start)).toEqual(['cancel']);
    const destroy = { ...start, step: 'destroy' as const };
    expect(revocationSpec.allowed(destroy)).toEqual([]);
    expect(suspensionSpec.allowed(suspensionSpec.initial('p', null))).not.toContain('cancel');
  });
});

describe('the screen asks for the card again', () => {
  it('only at a step after the card was matched, once it was pulled or the app restarted', () => {
    const pins = card(RELEASE_RULES, docs(['passport']), matched, {
      type: 'face-decided',
      decision: 'match',
    });
    expect(asksForCard(applyCardEvent(RELEASE_RULES, pins, { type: 'needs-card' }))).toBe(true);
    expect(asksForCard(pins)).toBe(false);
    // At the card step the screen asks for it in its own words; before it, not at all.
    expect(asksForCard(card(RELEASE_RULES, docs(['passport'])))).toBe(false);
    expect(asksForCard(card(RELEASE_RULES))).toBe(false);
  });

  it('not while the procedure waits on a stop: the supervisor first', () => {
    const face = card(RELEASE_RULES, docs(['passport']), matched);
    const stopped = applyCardEvent(RELEASE_RULES, face, {
      type: 'face-decided',
      decision: 'mismatch',
    });
    expect(asksForCard(applyCardEvent(RELEASE_RULES, stopped, { type: 'needs-card' }))).toBe(false);
  });
});
