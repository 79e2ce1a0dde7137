// 交付 (issuance) as data: the workflow state, a discriminated union on the step, and the pure
// transition function that moves it on or refuses the move with an error code for the clerk.
import type { PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type {
  CertificatePhase,
  IssuanceStepKind,
  RepresentativeRelation,
} from '../../../preload/contract/issuance';
import { isValidDocumentSet, type DocumentKind } from '../../../preload/contract/rules/documents';
import { requiredPinKinds, type PinRuleViolation } from '../../../preload/contract/rules/pins';

export type KeyKind = 'signing' | 'auth';

export interface DocumentsRecord {
  readonly kinds: readonly DocumentKind[];
  readonly guardianship: boolean;
  readonly representative: {
    readonly relation: RepresentativeRelation;
    readonly kinds: readonly DocumentKind[];
  } | null;
}

export interface Notice {
  readonly code: ErrorCode;
  readonly detail?: string;
}

export interface PinEntryProgress {
  readonly required: readonly PinKind[];
  readonly entryOpen: boolean;
  readonly current: PinKind | null;
  readonly attempts: Partial<Record<PinKind, number>>;
  readonly accepted: readonly PinKind[];
  /** The values were sent once before (a pulled card, 後日交付, a restart): entered again. */
  readonly resume: boolean;
}

interface Common {
  readonly procedureId: string;
  readonly under15: boolean;
  readonly documents: DocumentsRecord | null;
  readonly matchedSerial: string | null;
  readonly face: 'match' | 'override' | null;
  readonly pins: PinEntryProgress;
  readonly phase: CertificatePhase;
  /** Public keys (SPKI, base64) generated on the card in this procedure, as journaled. */
  readonly keys: Partial<Record<KeyKind, string>>;
  readonly certificatesIssued: boolean;
  readonly needsCard: boolean;
  readonly notice: Notice | null;
  readonly handover: {
    readonly completedAt: string;
    readonly collectedJukiCard: boolean;
    readonly collectedNotificationCard: boolean;
  } | null;
}

/** The state at each step; `kind` is the step (IssuanceStepKind of the contract). */
export type IssuanceState = {
  [K in IssuanceStepKind]: Common & { readonly kind: K };
}[IssuanceStepKind];

export type IssuanceEvent =
  | {
      readonly type: 'documents-recorded';
      readonly kinds: readonly DocumentKind[];
      readonly guardianship: boolean;
      readonly representative: DocumentsRecord['representative'];
    }
  | { readonly type: 'card-matched'; readonly serial: string }
  /** The card must be read again (pulled, restart): nothing on it is trusted until it is. */
  | { readonly type: 'needs-card'; readonly notice?: Notice }
  | { readonly type: 'face-decided'; readonly decision: 'match' | 'mismatch' }
  | { readonly type: 'face-overridden' }
  | { readonly type: 'pin-entry-opened' }
  | {
      readonly type: 'pin-attempt';
      readonly kind: PinKind;
      readonly violation: PinRuleViolation | null;
    }
  /** resident:submit-pins passed the rules: the entry closes and the card work starts. */
  | { readonly type: 'pins-submitted' }
  | { readonly type: 'pins-set' }
  | { readonly type: 'keys-generated'; readonly kind: KeyKind; readonly spki: string }
  | { readonly type: 'certificates-issued' }
  | { readonly type: 'certificates-written' }
  | { readonly type: 'certificates-verified' }
  /** The card work stopped half-way (card pulled, timeout): back to the PIN step. */
  | { readonly type: 'card-failed'; readonly notice: Notice }
  | { readonly type: 'authority-failed'; readonly notice: Notice }
  | { readonly type: 'resumed' }
  | {
      readonly type: 'handed-over';
      readonly at: string;
      readonly collectedJukiCard: boolean;
      readonly collectedNotificationCard: boolean;
    }
  | { readonly type: 'cancelled' };

/** A move the workflow refuses; `code` goes to the clerk as the AppError code. */
export class IssuanceRefusal extends Error {
  override readonly name = 'IssuanceRefusal';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `issuance refused: ${code} (${detail})` : `issuance refused: ${code}`);
  }
}

export function initialState(procedureId: string, under15: boolean): IssuanceState {
  return {
    kind: 'documents',
    procedureId,
    under15,
    documents: null,
    matchedSerial: null,
    face: null,
    pins: closedEntry(under15, false),
    phase: 'waiting',
    keys: {},
    certificatesIssued: false,
    needsCard: false,
    notice: null,
    handover: null,
  };
}

function closedEntry(under15: boolean, resume: boolean): PinEntryProgress {
  return {
    required: requiredPinKinds(under15),
    entryOpen: false,
    current: null,
    attempts: {},
    accepted: [],
    resume,
  };
}

/** The key pairs the card gets: no signing key under 15 (CARD.md, Secrets). */
export function requiredKeyKinds(under15: boolean): readonly KeyKind[] {
  return under15 ? ['auth'] : ['signing', 'auth'];
}

/** Steps at which a card has been matched and must be in the reader to go on. */
const CARD_STEPS: readonly IssuanceStepKind[] = [
  'face',
  'face-mismatch',
  'pins',
  'certificates',
  'handover',
];

export function isOpen(s: IssuanceState): boolean {
  return s.kind !== 'completed' && s.kind !== 'cancelled';
}

function refuse(code: ErrorCode = 'step-not-allowed', detail?: string): never {
  throw new IssuanceRefusal(code, detail);
}

function at<K extends IssuanceStepKind>(
  s: IssuanceState,
  kinds: readonly K[],
): asserts s is Extract<IssuanceState, { kind: K }> {
  if (!(kinds as readonly IssuanceStepKind[]).includes(s.kind)) refuse('step-not-allowed', s.kind);
}

function withCard(s: IssuanceState): void {
  if (s.needsCard) refuse('step-not-allowed', 'needs-card');
}

function move(
  s: IssuanceState,
  kind: IssuanceStepKind,
  patch: Partial<Common> = {},
): IssuanceState {
  return { ...s, ...patch, kind } as IssuanceState;
}

function checkDocuments(
  e: Extract<IssuanceEvent, { type: 'documents-recorded' }>,
  under15: boolean,
): DocumentsRecord {
  if (!isValidDocumentSet(e.kinds)) refuse('documents-invalid', 'resident');
  if (under15 || e.guardianship) {
    if (!e.representative) refuse('representative-required');
    if (!isValidDocumentSet(e.representative.kinds)) refuse('documents-invalid', 'representative');
  }
  return { kinds: e.kinds, guardianship: e.guardianship, representative: e.representative };
}

/**
 * The next state after `event`, or an IssuanceRefusal. Pure: no clock, no I/O; the service
 * executes the step's effects and journals it, then keeps what this returns.
 */
export function transition(s: IssuanceState, e: IssuanceEvent): IssuanceState {
  if (!isOpen(s)) refuse('procedure-closed', s.kind);
  switch (e.type) {
    case 'documents-recorded':
      at(s, ['documents', 'card']);
      if (s.kind === 'card' && s.matchedSerial !== null) refuse();
      return move(s, 'card', { documents: checkDocuments(e, s.under15) });

    case 'card-matched':
      if (s.kind === 'card')
        return move(s, 'face', { matchedSerial: e.serial, needsCard: false, notice: null });
      at(s, [...CARD_STEPS, 'parked']);
      // Once matched, only that card may come back.
      if (e.serial !== s.matchedSerial) refuse('wrong-card');
      return move(s, s.kind, { needsCard: false, notice: keepNotice(s.notice) });

    case 'needs-card':
      at(s, [...CARD_STEPS, 'parked']);
      if (s.kind === 'certificates') {
        return move(s, 'pins', {
          needsCard: true,
          notice: e.notice ?? null,
          pins: closedEntry(s.under15, true),
          phase: 'waiting',
        });
      }
      return move(s, s.kind, {
        needsCard: true,
        notice: e.notice ?? s.notice,
        pins: s.kind === 'pins' ? closedEntry(s.under15, s.pins.resume) : s.pins,
      });

    case 'face-decided':
      at(s, ['face']);
      withCard(s);
      if (e.decision === 'match') return move(s, 'pins', { face: 'match', notice: null });
      return move(s, 'face-mismatch', { notice: { code: 'face-mismatch' } });

    case 'face-overridden':
      at(s, ['face-mismatch']);
      return move(s, 'pins', { face: 'override', notice: null });

    case 'pin-entry-opened':
      at(s, ['pins']);
      withCard(s);
      return move(s, 'pins', {
        pins: {
          ...closedEntry(s.under15, s.pins.resume),
          entryOpen: true,
          current: s.pins.required[0] ?? null,
        },
        notice: null,
      });

    case 'pin-attempt': {
      at(s, ['pins']);
      if (!s.pins.entryOpen) refuse('pin-entry-not-open');
      if (!s.pins.required.includes(e.kind)) refuse('step-not-allowed', e.kind);
      if (e.violation) {
        const attempts = { ...s.pins.attempts, [e.kind]: (s.pins.attempts[e.kind] ?? 0) + 1 };
        return move(s, 'pins', { pins: { ...s.pins, attempts, current: e.kind } });
      }
      const accepted = s.pins.accepted.includes(e.kind)
        ? s.pins.accepted
        : [...s.pins.accepted, e.kind];
      const current = s.pins.required.find((k) => !accepted.includes(k)) ?? null;
      return move(s, 'pins', { pins: { ...s.pins, accepted, current } });
    }

    case 'pins-submitted':
      at(s, ['pins']);
      withCard(s);
      if (!s.pins.entryOpen) refuse('pin-entry-not-open');
      return move(s, 'certificates', {
        pins: { ...s.pins, entryOpen: false, current: null },
        phase: 'setting-pins',
        notice: null,
      });

    case 'pins-set':
      at(s, ['certificates']);
      if (s.phase !== 'setting-pins') refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { phase: 'generating-keys' });

    // Keys, certificates: each fact once the PINs are on the card. A resumed run states again the
    // facts it reuses (a key already on the card, certificates already issued) without redoing them.
    case 'keys-generated': {
      at(s, ['certificates']);
      if (s.phase === 'setting-pins') refuse('step-not-allowed', s.phase);
      if (!requiredKeyKinds(s.under15).includes(e.kind)) refuse('step-not-allowed', e.kind);
      const keys = { ...s.keys, [e.kind]: e.spki };
      return move(s, 'certificates', {
        keys,
        phase: allKeys(s.under15, keys) ? 'issuing' : 'generating-keys',
      });
    }

    case 'certificates-issued':
      at(s, ['certificates']);
      if (s.phase === 'setting-pins' || !allKeys(s.under15, s.keys))
        refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { certificatesIssued: true, phase: 'writing' });

    case 'certificates-written':
      at(s, ['certificates']);
      if (s.phase === 'setting-pins' || !s.certificatesIssued) refuse('step-not-allowed', s.phase);
      return move(s, 'certificates', { phase: 'verifying' });

    case 'certificates-verified':
      at(s, ['certificates']);
      if (s.phase !== 'verifying') refuse('step-not-allowed', s.phase);
      return move(s, 'handover', { phase: 'done', notice: null });

    case 'card-failed':
      at(s, ['certificates']);
      return move(s, 'pins', {
        needsCard: true,
        notice: e.notice,
        pins: closedEntry(s.under15, true),
        phase: 'waiting',
      });

    case 'authority-failed':
      at(s, ['certificates']);
      return move(s, 'parked', {
        notice: e.notice,
        pins: closedEntry(s.under15, true),
        phase: 'waiting',
      });

    case 'resumed':
      at(s, ['parked']);
      return move(s, 'pins', {
        needsCard: true,
        notice: null,
        pins: closedEntry(s.under15, true),
        phase: 'waiting',
      });

    case 'handed-over':
      at(s, ['handover']);
      return move(s, 'completed', {
        needsCard: false,
        notice: null,
        handover: {
          completedAt: e.at,
          collectedJukiCard: e.collectedJukiCard,
          collectedNotificationCard: e.collectedNotificationCard,
        },
      });

    case 'cancelled':
      return move(s, 'cancelled', {
        needsCard: false,
        pins: closedEntry(s.under15, s.pins.resume),
        phase: 'waiting',
      });
  }
}

function allKeys(under15: boolean, keys: Partial<Record<KeyKind, string>>): boolean {
  return requiredKeyKinds(under15).every((k) => keys[k] !== undefined);
}

/** A face-mismatch notice stays until the override; anything else is resolved by the card read. */
function keepNotice(n: Notice | null): Notice | null {
  return n?.code === 'face-mismatch' ? n : null;
}
