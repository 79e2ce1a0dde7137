// The later procedures on a card the resident brings (解除, 初期化・再設定, 更新) as data: one state
// shape and one pure transition function, shaped by each kind's rules (release/state.ts,
// pin-reset/state.ts, renewal/state.ts). documents -> card -> face (when required) -> choose ->
// pins -> certificates (release, renewal) -> completed.
import type { PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type { CertificatePhase } from '../../../preload/contract/issuance';
import {
  isListA,
  isValidDocumentSet,
  type DocumentKind,
} from '../../../preload/contract/rules/documents';
import type { PinEntryMode, PinPlanEntry, RenewalScope } from '../../../preload/contract/lifecycle';
import type { PinRuleViolation } from '../../../preload/contract/rules/pins';
import { WorkflowRefusal } from '../refusal';
import type { Notice } from './card-match';
import type { KeyKind } from './card-work';
import { pinNotice, type PinTries } from './pin-ops';

export type CardProcedureKind = 'release' | 'pin-reset' | 'renewal';

export type CardProcedureStep =
  | 'documents'
  | 'card'
  | 'face'
  | 'face-mismatch'
  | 'choose'
  | 'pins'
  | 'certificates'
  | 'completed'
  | 'cancelled';

/** What a kind decides; everything else is common. Pure. */
export interface CardProcedureRules {
  readonly kind: CardProcedureKind;
  /** Whether the face check belongs to the procedure, from the documents shown. */
  faceRequired(documents: readonly DocumentKind[]): boolean;
  /**
   * The key pairs renewed on the card for this plan (none for a PIN reset), or a refusal
   * (plan-invalid with the reason) when the plan does not fit the procedure.
   */
  certificateKinds(
    plan: readonly PinPlanEntry[],
    scope: RenewalScope | null,
    under15: boolean,
  ): readonly KeyKind[];
}

export interface PinEntryProgress {
  readonly entryOpen: boolean;
  readonly current: PinKind | null;
  readonly attempts: Partial<Record<PinKind, number>>;
  readonly accepted: readonly PinKind[];
  /** The values were sent once before (a pulled card, a restart): entered again. */
  readonly resume: boolean;
}

export interface CardProcedureState {
  readonly step: CardProcedureStep;
  readonly kind: CardProcedureKind;
  readonly procedureId: string;
  readonly under15: boolean;
  readonly documents: readonly DocumentKind[] | null;
  readonly faceRequired: boolean;
  readonly face: 'match' | 'override' | null;
  readonly matchedSerial: string | null;
  /** The four facts on the card differ from the resident's record (read at the card step). */
  readonly factsDiffer: boolean;
  /** When the authentication certificate on the chip expires (free to read), or null. */
  readonly chipCertificateExpiry: string | null;
  /** Each secret's state on the card, as last read without spending a try. */
  readonly tries: Partial<Record<PinKind, PinTries>>;
  readonly plan: readonly PinPlanEntry[] | null;
  readonly scope: RenewalScope | null;
  readonly certificateKinds: readonly KeyKind[];
  readonly pins: PinEntryProgress;
  /** Secrets already written to the card in this procedure (set, or changed). */
  readonly pinsDone: readonly PinKind[];
  /**
   * Secrets whose CHANGE REFERENCE DATA was sent but not journaled as done (a crash or a pulled
   * card in between): the card may hold the old value or the new one, so the value in use is not
   * known. They are set again by the authority ('new'), which spends none of the resident's tries.
   */
  readonly changesStarted: readonly PinKind[];
  readonly phase: CertificatePhase;
  /** Public keys (SPKI, base64) generated on the card in this procedure, as journaled. */
  readonly keys: Partial<Record<KeyKind, string>>;
  readonly certificatesIssued: boolean;
  readonly needsCard: boolean;
  readonly notice: Notice | null;
}

export type CardProcedureEvent =
  | { readonly type: 'documents-recorded'; readonly kinds: readonly DocumentKind[] }
  | {
      readonly type: 'card-matched';
      readonly serial: string;
      readonly tries?: Partial<Record<PinKind, PinTries>>;
      readonly factsDiffer?: boolean;
      readonly chipCertificateExpiry?: string | null;
    }
  | { readonly type: 'needs-card'; readonly notice?: Notice }
  | { readonly type: 'face-decided'; readonly decision: 'match' | 'mismatch' }
  | { readonly type: 'face-overridden' }
  | {
      readonly type: 'chosen';
      readonly plan: readonly PinPlanEntry[];
      readonly scope: RenewalScope | null;
    }
  | { readonly type: 'pin-entry-opened' }
  | {
      readonly type: 'pin-attempt';
      readonly kind: PinKind;
      readonly violation: PinRuleViolation | null;
    }
  | { readonly type: 'pins-submitted' }
  /** A value in use was wrong: a try spent, nothing else; the entry opens again (or locked). */
  | { readonly type: 'pin-wrong'; readonly kind: PinKind; readonly triesLeft: number }
  | { readonly type: 'pin-done'; readonly kind: PinKind }
  | { readonly type: 'change-started'; readonly kind: PinKind }
  | { readonly type: 'pins-set' }
  | { readonly type: 'keys-generated'; readonly kind: KeyKind; readonly spki: string }
  | { readonly type: 'certificates-issued' }
  | { readonly type: 'certificates-written' }
  | { readonly type: 'certificates-verified' }
  | { readonly type: 'finished' }
  /** The card work stopped half-way (card pulled, authority down): back to the PIN step. */
  | { readonly type: 'card-failed'; readonly notice: Notice }
  | { readonly type: 'cancelled' };

export function initialCardProcedure(
  kind: CardProcedureKind,
  procedureId: string,
  under15: boolean,
): CardProcedureState {
  return {
    step: 'documents',
    kind,
    procedureId,
    under15,
    documents: null,
    faceRequired: kind === 'release',
    face: null,
    matchedSerial: null,
    factsDiffer: false,
    chipCertificateExpiry: null,
    tries: {},
    plan: null,
    scope: null,
    certificateKinds: [],
    pins: closedEntry(false),
    pinsDone: [],
    changesStarted: [],
    phase: 'waiting',
    keys: {},
    certificatesIssued: false,
    needsCard: false,
    notice: null,
  };
}

function closedEntry(resume: boolean): PinEntryProgress {
  return { entryOpen: false, current: null, attempts: {}, accepted: [], resume };
}

export function isOpenProcedure(s: CardProcedureState): boolean {
  return s.step !== 'completed' && s.step !== 'cancelled';
}

/** A list A document (photo ID) makes the face check optional for reset and renewal. */
export function hasListA(documents: readonly DocumentKind[]): boolean {
  return documents.some(isListA);
}

/**
 * How a secret of the plan is entered now: a secret already written in this procedure is, when
 * entered again after a pulled card, the value in use.
 */
export function effectiveMode(s: CardProcedureState, entry: PinPlanEntry): PinEntryMode {
  if (s.pinsDone.includes(entry.kind)) return 'current';
  return s.changesStarted.includes(entry.kind) ? 'new' : entry.mode;
}

/**
 * The secrets the resident enters now, with their modes. A PIN reset asks only those not
 * written yet; release and renewal ask all of them (the test signatures need the values).
 */
export function requiredEntries(s: CardProcedureState): readonly PinPlanEntry[] {
  const plan = s.plan ?? [];
  if (s.certificateKinds.length === 0)
    return plan
      .filter((e) => !s.pinsDone.includes(e.kind))
      .map((e) => ({ kind: e.kind, mode: effectiveMode(s, e) }));
  return plan.map((e) => ({ kind: e.kind, mode: effectiveMode(s, e) }));
}

const CARD_STEPS: readonly CardProcedureStep[] = [
  'face',
  'face-mismatch',
  'choose',
  'pins',
  'certificates',
];

function refuse(code: ErrorCode = 'step-not-allowed', detail?: string): never {
  throw new WorkflowRefusal(code, detail);
}

function at(s: CardProcedureState, steps: readonly CardProcedureStep[]): void {
  if (!steps.includes(s.step)) refuse('step-not-allowed', s.step);
}

function move(
  s: CardProcedureState,
  step: CardProcedureStep,
  patch: Partial<CardProcedureState> = {},
): CardProcedureState {
  return { ...s, ...patch, step };
}

/** The plan's common checks: known kinds once each, no signing password under 15, locked ones. */
function checkPlan(s: CardProcedureState, plan: readonly PinPlanEntry[]): void {
  const kinds = plan.map((e) => e.kind);
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) refuse('plan-invalid', 'kinds');
  if (s.under15 && kinds.includes('signing')) refuse('plan-invalid', 'signing-under-15');
  for (const e of plan) {
    // A value in use cannot be entered on a locked secret: it is reset (new) instead.
    if (e.mode !== 'new' && s.tries[e.kind]?.locked) refuse('pin-locked', e.kind);
  }
}

/**
 * The next state after `event`, or a WorkflowRefusal. Pure: no clock, no I/O; the service runs
 * the step's effects and journals it, then keeps what this returns.
 */
export function transitionCardProcedure(
  rules: CardProcedureRules,
  s: CardProcedureState,
  e: CardProcedureEvent,
): CardProcedureState {
  if (!isOpenProcedure(s)) refuse('procedure-closed', s.step);
  switch (e.type) {
    case 'documents-recorded':
      at(s, ['documents', 'card']);
      if (s.matchedSerial !== null) refuse();
      if (!isValidDocumentSet(e.kinds)) refuse('documents-invalid', 'resident');
      return move(s, 'card', { documents: e.kinds, faceRequired: rules.faceRequired(e.kinds) });

    case 'card-matched': {
      const seen = {
        needsCard: false,
        tries: e.tries ?? s.tries,
        factsDiffer: e.factsDiffer ?? s.factsDiffer,
        chipCertificateExpiry:
          e.chipCertificateExpiry === undefined ? s.chipCertificateExpiry : e.chipCertificateExpiry,
      };
      if (s.step === 'card')
        return move(s, s.faceRequired ? 'face' : 'choose', {
          ...seen,
          matchedSerial: e.serial,
          notice: null,
        });
      at(s, CARD_STEPS);
      // Once matched, only that card may come back.
      if (e.serial !== s.matchedSerial) refuse('wrong-card');
      return move(s, s.step, {
        ...seen,
        notice: s.notice?.code === 'face-mismatch' ? s.notice : null,
      });
    }

    case 'needs-card':
      at(s, CARD_STEPS);
      if (s.step === 'certificates')
        return move(s, 'pins', {
          needsCard: true,
          notice: e.notice ?? null,
          pins: closedEntry(true),
          phase: 'waiting',
        });
      return move(s, s.step, {
        needsCard: true,
        notice: e.notice ?? s.notice,
        pins: s.step === 'pins' ? closedEntry(s.pins.resume) : s.pins,
      });

    case 'face-decided':
      at(s, ['face']);
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      if (e.decision === 'match') return move(s, 'choose', { face: 'match', notice: null });
      return move(s, 'face-mismatch', { notice: { code: 'face-mismatch' } });

    case 'face-overridden':
      at(s, ['face-mismatch']);
      return move(s, 'choose', { face: 'override', notice: null });

    case 'chosen': {
      at(s, ['choose', 'pins']);
      // Once anything was written to the card, the plan stays what it was.
      if (s.pins.entryOpen || s.pinsDone.length > 0 || Object.keys(s.keys).length > 0)
        refuse('step-not-allowed', 'plan-fixed');
      checkPlan(s, e.plan);
      const certificateKinds = rules.certificateKinds(e.plan, e.scope, s.under15);
      return move(s, 'pins', {
        plan: e.plan.map((p) => ({ kind: p.kind, mode: p.mode })),
        scope: e.scope,
        certificateKinds,
        notice: null,
      });
    }

    case 'pin-entry-opened': {
      at(s, ['pins']);
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      const first = requiredEntries({ ...s })[0];
      return move(s, 'pins', {
        pins: { ...closedEntry(s.pins.resume), entryOpen: true, current: first?.kind ?? null },
        notice: null,
      });
    }

    case 'pin-attempt': {
      at(s, ['pins']);
      if (!s.pins.entryOpen) refuse('pin-entry-not-open');
      if (!requiredEntries(s).some((r) => r.kind === e.kind)) refuse('step-not-allowed', e.kind);
      if (e.violation) {
        const attempts = { ...s.pins.attempts, [e.kind]: (s.pins.attempts[e.kind] ?? 0) + 1 };
        return move(s, 'pins', { pins: { ...s.pins, attempts, current: e.kind } });
      }
      const accepted = s.pins.accepted.includes(e.kind)
        ? s.pins.accepted
        : [...s.pins.accepted, e.kind];
      const current = requiredEntries(s).find((r) => !accepted.includes(r.kind))?.kind ?? null;
      return move(s, 'pins', { pins: { ...s.pins, accepted, current } });
    }

    case 'pins-submitted':
      at(s, ['pins']);
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      if (!s.pins.entryOpen) refuse('pin-entry-not-open');
      return move(s, 'certificates', {
        pins: { ...s.pins, entryOpen: false, current: null },
        phase: 'setting-pins',
        notice: null,
      });

    case 'pin-wrong': {
      at(s, ['certificates']);
      if (s.phase !== 'setting-pins') refuse('step-not-allowed', s.phase);
      const tries = { ...s.tries, [e.kind]: { locked: e.triesLeft === 0, triesLeft: e.triesLeft } };
      const attempts = { ...s.pins.attempts, [e.kind]: (s.pins.attempts[e.kind] ?? 0) + 1 };
      const locked = e.triesLeft === 0;
      return move(s, 'pins', {
        tries,
        phase: 'waiting',
        // With tries left the resident may enter it again at once; locked: the clerk decides.
        pins: {
          ...closedEntry(s.pins.resume),
          attempts,
          entryOpen: !locked,
          current: locked ? null : e.kind,
        },
        notice: pinNotice(e),
      });
    }

    case 'change-started':
      at(s, ['certificates']);
      if (s.phase !== 'setting-pins') refuse('step-not-allowed', s.phase);
      if (!(s.plan ?? []).some((p) => p.kind === e.kind)) refuse('step-not-allowed', e.kind);
      return move(s, 'certificates', {
        changesStarted: s.changesStarted.includes(e.kind)
          ? s.changesStarted
          : [...s.changesStarted, e.kind],
      });

    case 'pin-done':
      at(s, ['certificates']);
      if (s.phase !== 'setting-pins') refuse('step-not-allowed', s.phase);
      if (!(s.plan ?? []).some((p) => p.kind === e.kind)) refuse('step-not-allowed', e.kind);
      return move(s, 'certificates', {
        pinsDone: s.pinsDone.includes(e.kind) ? s.pinsDone : [...s.pinsDone, e.kind],
        tries: {
          ...s.tries,
          [e.kind]: { locked: false, triesLeft: s.tries[e.kind]?.triesLeft ?? 0 },
        },
      });

    case 'pins-set':
      at(s, ['certificates']);
      if (s.phase !== 'setting-pins') refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', {
        phase: s.certificateKinds.length > 0 ? 'generating-keys' : 'done',
      });

    case 'keys-generated': {
      at(s, ['certificates']);
      if (s.phase === 'setting-pins' || s.phase === 'done') refuse('step-not-allowed', s.phase);
      if (!s.certificateKinds.includes(e.kind)) refuse('step-not-allowed', e.kind);
      const keys = { ...s.keys, [e.kind]: e.spki };
      return move(s, 'certificates', {
        keys,
        phase: allKeys(s, keys) ? 'issuing' : 'generating-keys',
      });
    }

    case 'certificates-issued':
      at(s, ['certificates']);
      if (!allKeys(s, s.keys) || s.phase === 'setting-pins') refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { certificatesIssued: true, phase: 'writing' });

    case 'certificates-written':
      at(s, ['certificates']);
      if (!s.certificatesIssued || s.phase === 'setting-pins') refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { phase: 'verifying' });

    case 'certificates-verified':
      at(s, ['certificates']);
      if (s.phase !== 'verifying') refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { phase: 'done' });

    case 'finished':
      at(s, ['certificates']);
      if (s.phase !== 'done') refuse('step-not-allowed', s.phase);
      return move(s, 'completed', { needsCard: false, notice: null });

    case 'card-failed':
      at(s, ['certificates']);
      return move(s, 'pins', {
        needsCard: true,
        notice: e.notice,
        pins: closedEntry(true),
        phase: 'waiting',
      });

    case 'cancelled':
      return move(s, 'cancelled', { needsCard: false, pins: closedEntry(s.pins.resume) });
  }
}

function allKeys(s: CardProcedureState, keys: Partial<Record<KeyKind, string>>): boolean {
  return s.certificateKinds.every((k) => keys[k] !== undefined);
}
