// The 電子証明書の更新 state machine on its own: both certificates or the signing one alone, the
// plan of the renewed keys' secrets, and the card work of the signing key only.
import { describe, expect, it } from 'vitest';
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { dueCertificateExpiry, RENEWAL_RULES } from '../../../main/workflows/kinds/renewal';
import {
  applyCardEvent,
  initialCardState,
  type CardEvent,
  type CardState,
} from '../../../main/workflows/steps/card-state';

type RenewalState = CardState;
type CardProcedureEvent = CardEvent;
const initialState = (id: string, under15: boolean) => initialCardState(RENEWAL_RULES, id, under15);
const transition = (s: CardState, e: CardEvent) => applyCardEvent(RENEWAL_RULES, s, e);

const SERIAL = '990000000000007';
const KEEP: PinPlanEntry[] = [
  { kind: 'signing', mode: 'current' },
  { kind: 'auth', mode: 'current' },
];

function run(s: RenewalState, ...events: CardProcedureEvent[]): RenewalState {
  return events.reduce(transition, s);
}

function refusedWith(s: RenewalState, e: CardProcedureEvent): string {
  try {
    transition(s, e);
  } catch (err) {
    if (err instanceof WorkflowRefusal) return err.detail ? `${err.code} ${err.detail}` : err.code;
    throw err;
  }
  throw new Error(`${e.type} was accepted at ${s.step}`);
}

const atChoose = (under15 = false) =>
  run(
    initialState('ren-test', under15),
    { type: 'documents-recorded', kinds: ['residence-card'] },
    {
      type: 'card-matched',
      serial: SERIAL,
      factsDiffer: true,
      chipCertificateExpiry: '2027-01-01T00:00:00.000Z',
    },
  );

describe('電子証明書の更新 (renewal) state', () => {
  it('the card step records whether the facts differ and when the chip certificate expires', () => {
    expect(atChoose()).toMatchObject({
      step: 'choose',
      factsDiffer: true,
      chipCertificateExpiry: '2027-01-01T00:00:00.000Z',
    });
  });

  it('a scope is required; both renews both keys', () => {
    expect(refusedWith(atChoose(), { type: 'chosen', plan: KEEP, scope: null })).toBe(
      'plan-invalid scope',
    );
    expect(run(atChoose(), { type: 'chosen', plan: KEEP, scope: 'both' }).certificateKinds).toEqual(
      ['signing', 'auth'],
    );
  });

  it('signing-only renews the signing key alone and asks the signing password only', () => {
    expect(refusedWith(atChoose(), { type: 'chosen', plan: KEEP, scope: 'signing-only' })).toBe(
      'plan-invalid kinds',
    );
    const s = run(atChoose(), {
      type: 'chosen',
      plan: [{ kind: 'signing', mode: 'new' }],
      scope: 'signing-only',
    });
    expect(s.certificateKinds).toEqual(['signing']);
    const issued = run(
      s,
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pin-done', kind: 'signing' },
      { type: 'pins-set' },
      { type: 'keys-generated', kind: 'signing', spki: 'S' },
    );
    expect(issued.phase).toBe('issuing');
    expect(refusedWith(issued, { type: 'keys-generated', kind: 'auth', spki: 'A' })).toBe(
      'step-not-allowed auth',
    );
  });

  it('no signing certificate under 15', () => {
    expect(
      refusedWith(atChoose(true), {
        type: 'chosen',
        plan: [{ kind: 'signing', mode: 'new' }],
        scope: 'signing-only',
      }),
    ).toBe('plan-invalid signing-under-15');
    expect(
      run(atChoose(true), {
        type: 'chosen',
        plan: [{ kind: 'auth', mode: 'current' }],
        scope: 'both',
      }).certificateKinds,
    ).toEqual(['auth']);
  });
});

describe('the certificates a renewal is judged by', () => {
  const OLD = '2026-01-31T14:59:59.000Z';
  const NEW = '2031-01-31T14:59:59.000Z';
  const cert = (kind: 'signing' | 'auth', serial: string, status: string, notAfter: string) => ({
    kind,
    serial,
    status: status as 'issued',
    notAfter,
  });
  const BOTH = ['signing', 'auth'] as const;

  it('a completed renewal: the new ones, not the expired ones they replaced', () => {
    const certs = [
      cert('signing', '0a', 'expired', OLD),
      cert('auth', '0b', 'expired', OLD),
      cert('signing', '1a', 'issued', NEW),
      cert('auth', '1b', 'issued', NEW),
    ];
    expect(dueCertificateExpiry(certs, BOTH, new Set())).toBe(NEW);
  });

  it('a cancelled renewal’s certificates do not count: the old ones are still due', () => {
    const certs = [
      cert('signing', '0a', 'expired', OLD),
      cert('auth', '0b', 'expired', OLD),
      cert('signing', '1A', 'issued', NEW),
      cert('auth', '1b', 'issued', NEW),
    ];
    expect(dueCertificateExpiry(certs, BOTH, new Set(['1a', '1b']))).toBe(OLD);
    // Only the kinds renewed: the signing one alone.
    expect(dueCertificateExpiry(certs.slice(2), ['signing'], new Set())).toBe(NEW);
  });

  it('revoked ones never count; nothing recorded leaves it to the chip', () => {
    expect(dueCertificateExpiry([cert('auth', '0b', 'revoked', OLD)], BOTH, new Set())).toBeNull();
    expect(dueCertificateExpiry([], BOTH, new Set())).toBeNull();
  });
});
