// The procedures that work on the card the resident brings (交付, 解除, 初期化・再設定, 更新) as data:
// one state, one pure transition, shaped by each kind's rules. documents -> card -> face (when
// required) -> card-face (交付: the resident confirms the chip's four facts) -> choose (unless the
// kind fixes the plan) -> pins -> certificates (when keys are
// renewed) -> handover (交付) -> completed; 後日交付 parks a 交付 whose certificates could not be
// issued. Journal rows and the live events between them go through the same function.
import type { PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type {
  CardFaceAnswer,
  CardFaceDto,
  CertificatePhase,
} from '../../../preload/contract/issuance';
import type { PinEntryMode, PinPlanEntry, RenewalScope } from '../../../preload/contract/lifecycle';
import {
  hasListA,
  isValidDocumentSet,
  type DocumentKind,
} from '../../../preload/contract/rules/documents';
import type { PinRuleViolation } from '../../../preload/contract/rules/pins';
import type { DocumentsRecordDto, ProcedureStep } from '../../../preload/contract/procedure';
import {
  CHANGED_FACTS,
  type CardKind,
  type ChangedFact,
} from '../../../preload/contract/rules/card-kinds';
import { refuse } from '../refusal';
import type { KeyKind } from './card-work';
import { pinNotice, type PinTries } from './pin-ops';

export type CardWorkKind =
  'issuance' | 'release' | 'pin-reset' | 'renewal' | 'card-change' | 'card-kind';

export type CardStep = Extract<
  ProcedureStep,
  | 'documents'
  | 'card'
  | 'face'
  | 'face-mismatch'
  | 'card-face'
  | 'card-face-wrong'
  | 'choose'
  | 'write-card'
  | 'switch'
  | 'pins'
  | 'certificates'
  | 'handover'
  | 'parked'
  | 'completed'
  | 'cancelled'
>;

/** Something that went wrong, for the clerk: an error code and its detail. */
export interface Notice {
  readonly code: ErrorCode;
  readonly detail?: string;
}

export type DocumentsRecord = DocumentsRecordDto;

/** What a kind decides; everything else is common. Pure. */
export interface CardRules {
  readonly kind: CardWorkKind;
  /** Under 15 or under guardianship, a legal representative is checked too (交付). */
  readonly representative: boolean;
  /**
   * When the face check belongs to the procedure: always (交付, 解除), or only when no photo ID
   * of list A was shown (初期化・再設定, 更新).
   */
  readonly face: 'always' | 'without-list-a';
  /**
   * The resident confirms the four facts read from the chip on their window before any secret is
   * set (交付: a newly written card is handed over); a fact they find wrong stops the procedure.
   */
  readonly cardFace: boolean;
  /**
   * The kind's own step on the card once it is checked (券面記載事項の変更: the facts written;
   * 顔認証 to face-auth: the switch), instead of the choice or the PINs; null: none.
   */
  ownStep?(s: CardState): 'write-card' | 'switch' | null;
  /** The plan when the kind has no choice to make (交付: every secret set anew), else null. */
  fixedPlan(under15: boolean): readonly PinPlanEntry[] | null;
  /**
   * The key pairs put on the card for this plan (none for a PIN reset), or a refusal
   * (plan-invalid with the reason) when the plan does not fit the procedure.
   */
  certificateKinds(
    plan: readonly PinPlanEntry[],
    scope: RenewalScope | null,
    under15: boolean,
  ): readonly KeyKind[];
  /** After the certificates the card is handed over (交付), instead of the procedure finishing. */
  readonly handover: boolean;
  /** The authority could not issue: 後日交付 (交付), instead of back to the PIN step. */
  readonly parkOnAuthorityFailure: boolean;
  /**
   * After a pulled card, a secret already written in this procedure is set again by the
   * authority (交付: all of them, as on the first run), instead of being entered as the value in
   * use (the others: the resident typed it, and a wrong one is caught on the card).
   */
  readonly setAgainOnResume: boolean;
}

export interface PinEntryProgress {
  readonly entryOpen: boolean;
  readonly current: PinKind | null;
  readonly attempts: Partial<Record<PinKind, number>>;
  readonly accepted: readonly PinKind[];
  /** The values were sent once before (a pulled card, 後日交付, a restart): entered again. */
  readonly resume: boolean;
}

/** 券面確認: what the resident window shows and what the resident answered. */
export interface CardFaceState {
  /** The facts are on the resident window now. */
  readonly open: boolean;
  /** The chip's four facts as last read (live only: a restart reads them again). */
  readonly facts: CardFaceDto | null;
  readonly answer: CardFaceAnswer | null;
  /** When the resident answered (the journal row's time). */
  readonly answeredAt: string | null;
}

const NO_CARD_FACE: CardFaceState = { open: false, facts: null, answer: null, answeredAt: null };

export interface CardState {
  readonly step: CardStep;
  readonly kind: CardWorkKind;
  readonly procedureId: string;
  readonly under15: boolean;
  readonly documents: DocumentsRecord | null;
  readonly faceRequired: boolean;
  readonly face: 'match' | 'override' | null;
  readonly matchedSerial: string | null;
  readonly cardFace: CardFaceState;
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
  readonly handover: {
    readonly completedAt: string;
    readonly collectedJukiCard: boolean;
    readonly collectedNotificationCard: boolean;
  } | null;
  /** 顔認証 switch: the kind the card is switched to (from the first row); null for other kinds. */
  readonly switchTo: CardKind | null;
  /**
   * 交付 of a 顔認証マイナンバーカード, asked for at the PIN step: the resident enters no PIN, the card
   * gets the authentication key and certificate only, and no secret stays on it.
   */
  readonly faceAuth: boolean;
  /**
   * The kind's own write on the card is done (券面記載事項の変更: the facts; 顔認証: the switch),
   * with, for a card change, whether the signing certificate is reissued.
   */
  readonly written: {
    readonly reissueSigning: boolean;
    /** 券面記載事項の変更: what the record's 異動 changed (the 追記欄 notes these). */
    readonly changed: readonly ChangedFact[];
  } | null;
}

/** The live events between journal rows (and the facts the rows stand for). */
export type CardEvent =
  | {
      readonly type: 'documents-recorded';
      readonly kinds: readonly DocumentKind[];
      /** 交付: under guardianship, and the legal representative who came. */
      readonly guardianship?: boolean;
      readonly representative?: DocumentsRecord['representative'];
    }
  | {
      readonly type: 'card-matched';
      readonly serial: string;
      readonly tries?: Partial<Record<PinKind, PinTries>>;
      readonly factsDiffer?: boolean;
      readonly chipCertificateExpiry?: string | null;
    }
  /** The card must be read again (pulled, restart): nothing on it is trusted until it is. */
  | { readonly type: 'needs-card'; readonly notice?: Notice }
  | { readonly type: 'face-decided'; readonly decision: 'match' | 'mismatch' }
  | { readonly type: 'face-overridden' }
  /** The chip's four facts are on the resident window. */
  | { readonly type: 'card-face-shown'; readonly facts: CardFaceDto }
  | { readonly type: 'card-face-answered'; readonly answer: CardFaceAnswer; readonly at: string }
  | {
      readonly type: 'chosen';
      readonly plan: readonly PinPlanEntry[];
      readonly scope: RenewalScope | null;
    }
  /**
   * The kind's own write on the card (券面記載事項の変更, the switch to face-auth): done, and for a
   * card change whether the signing certificate is reissued now (the PINs follow) or not (ends).
   */
  | {
      readonly type: 'card-written';
      readonly reissueSigning: boolean;
      readonly changed: readonly ChangedFact[];
    }
  /** 交付: the resident asked for a 顔認証 card before any PIN was entered. */
  | { readonly type: 'face-auth-chosen' }
  | { readonly type: 'pin-entry-opened' }
  | {
      readonly type: 'pin-attempt';
      readonly kind: PinKind;
      readonly violation: PinRuleViolation | null;
    }
  /** The resident's values passed the rules: the entry closes and the card work starts. */
  | { readonly type: 'pins-submitted' }
  /** A value in use was wrong: a try spent, nothing else; the entry opens again (or locked). */
  | { readonly type: 'pin-wrong'; readonly kind: PinKind; readonly triesLeft: number }
  | { readonly type: 'change-started'; readonly kind: PinKind }
  | { readonly type: 'pin-done'; readonly kind: PinKind }
  | { readonly type: 'pins-set' }
  | { readonly type: 'keys-generated'; readonly kind: KeyKind; readonly spki: string }
  | { readonly type: 'certificates-issued' }
  | { readonly type: 'certificates-written' }
  | { readonly type: 'certificates-verified' }
  /** 顔認証 at 交付: every secret taken off the card after its certificate was checked. */
  | { readonly type: 'pins-cleared' }
  | { readonly type: 'finished' }
  /** The card work stopped half-way (card pulled, timeout): back to the PIN step. */
  | { readonly type: 'card-failed'; readonly notice: Notice }
  /** The authority could not issue and the kind parks: 後日交付. */
  | { readonly type: 'authority-failed'; readonly notice: Notice }
  | { readonly type: 'resumed' }
  | {
      readonly type: 'handed-over';
      readonly at: string;
      readonly collectedJukiCard: boolean;
      readonly collectedNotificationCard: boolean;
    }
  | { readonly type: 'cancelled' };

export function initialCardState(
  rules: CardRules,
  procedureId: string,
  under15: boolean,
  switchTo: CardKind | null = null,
): CardState {
  return {
    step: 'documents',
    kind: rules.kind,
    procedureId,
    under15,
    documents: null,
    faceRequired: rules.face === 'always',
    face: null,
    matchedSerial: null,
    cardFace: NO_CARD_FACE,
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
    handover: null,
    switchTo,
    faceAuth: false,
    written: null,
  };
}

/**
 * A 顔認証 card's work: the authentication PIN set to a value main draws and nobody sees, only so
 * that the written certificate can be test-signed; it is taken off the card with the others after.
 */
export const FACE_AUTH_PLAN: readonly PinPlanEntry[] = [{ kind: 'auth', mode: 'new' }];

function closedEntry(resume: boolean): PinEntryProgress {
  return { entryOpen: false, current: null, attempts: {}, accepted: [], resume };
}

export function isOpenCardState(s: CardState): boolean {
  return s.step !== 'completed' && s.step !== 'cancelled';
}

/**
 * How a secret of the plan is entered now: a secret already written in this procedure is, when
 * entered again after a pulled card, the value in use (unless the kind sets it again); one whose
 * change may or may not have reached the card is set anew.
 */
export function effectiveMode(rules: CardRules, s: CardState, entry: PinPlanEntry): PinEntryMode {
  if (s.pinsDone.includes(entry.kind) && !rules.setAgainOnResume) return 'current';
  return s.changesStarted.includes(entry.kind) ? 'new' : entry.mode;
}

/**
 * The secrets the resident enters now, with their modes. A PIN reset asks only those not written
 * yet; the kinds that renew keys ask all of them (the test signatures need the values).
 */
export function requiredEntries(rules: CardRules, s: CardState): readonly PinPlanEntry[] {
  const plan = s.plan ?? [];
  const asked =
    s.certificateKinds.length === 0 ? plan.filter((e) => !s.pinsDone.includes(e.kind)) : plan;
  return asked.map((e) => ({ kind: e.kind, mode: effectiveMode(rules, s, e) }));
}

/**
 * The steps after the card was matched: its absence (pulled, a restart) is noted at each, and
 * only the same card clears it. The card work is done at handover; a stop (the face mismatch,
 * 後日交付) waits for the supervisor or the authority first.
 */
const MATCHED_STEPS: readonly CardStep[] = [
  'face',
  'face-mismatch',
  'card-face',
  'card-face-wrong',
  'choose',
  'write-card',
  'switch',
  'pins',
  'certificates',
  'handover',
  'parked',
];
/** Where a restart reads the card again before anything else. */
const REOPEN_STEPS: readonly CardStep[] = [
  'face',
  'face-mismatch',
  'card-face',
  'card-face-wrong',
  'choose',
  'write-card',
  'switch',
  'pins',
  'certificates',
];
/** Where the clerk is asked for the card now when it is missing. */
const ASK_STEPS: readonly CardStep[] = [
  'face',
  'card-face',
  'choose',
  'write-card',
  'switch',
  'pins',
  'certificates',
  'handover',
];

/** The clerk window asks for the card now: it must be read (again) before anything else. */
export function asksForCard(s: CardState): boolean {
  return s.step === 'card' ? false : s.needsCard && ASK_STEPS.includes(s.step);
}

/** The stops whose notice stays while the card is read again: the step's screen says it. */
const STOP_NOTICES: readonly string[] = ['face-mismatch', 'card-face-wrong'];

function at(s: CardState, steps: readonly CardStep[]): void {
  if (!steps.includes(s.step)) refuse('step-not-allowed', s.step);
}

function move(s: CardState, step: CardStep, patch: Partial<CardState> = {}): CardState {
  return { ...s, ...patch, step };
}

/** Whether the face check belongs to the procedure once these documents were shown. */
export function faceRequired(rules: CardRules, documents: readonly DocumentKind[]): boolean {
  return rules.face === 'always' || !hasListA(documents);
}

function checkDocuments(
  rules: CardRules,
  e: Extract<CardEvent, { type: 'documents-recorded' }>,
  under15: boolean,
): DocumentsRecord {
  if (!isValidDocumentSet(e.kinds)) refuse('documents-invalid', 'resident');
  if (!rules.representative) return { kinds: e.kinds, guardianship: false, representative: null };
  const representative = e.representative ?? null;
  if (under15 || e.guardianship === true) {
    if (!representative) refuse('representative-required');
    if (!isValidDocumentSet(representative.kinds)) refuse('documents-invalid', 'representative');
  }
  return { kinds: e.kinds, guardianship: e.guardianship === true, representative };
}

/** The plan's common checks: known kinds once each, no signing password under 15, locked ones. */
function checkPlan(s: CardState, plan: readonly PinPlanEntry[]): void {
  const kinds = plan.map((e) => e.kind);
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) refuse('plan-invalid', 'kinds');
  if (s.under15 && kinds.includes('signing')) refuse('plan-invalid', 'signing-under-15');
  for (const e of plan) {
    // A value in use cannot be entered on a locked secret: it is reset (new) instead.
    if (e.mode !== 'new' && s.tries[e.kind]?.locked) refuse('pin-locked', e.kind);
  }
}

/** Where the procedure goes once the face is checked (or needs no check). */
function afterFace(rules: CardRules, s: CardState, patch: Partial<CardState>): CardState {
  if (rules.cardFace) return move(s, 'card-face', patch);
  return afterCardFace(rules, s, patch);
}

/** Where the procedure goes once the resident has confirmed the card face (or has none to). */
function afterCardFace(rules: CardRules, s: CardState, patch: Partial<CardState>): CardState {
  const own = rules.ownStep?.(s) ?? null;
  if (own) return move(s, own, patch);
  const fixed = rules.fixedPlan(s.under15);
  if (!fixed) return move(s, 'choose', patch);
  return move(s, 'pins', {
    ...patch,
    plan: fixed,
    certificateKinds: rules.certificateKinds(fixed, null, s.under15),
  });
}

function allKeys(s: CardState, keys: Partial<Record<KeyKind, string>>): boolean {
  return s.certificateKinds.every((k) => keys[k] !== undefined);
}

/**
 * The next state after `event`, or a WorkflowRefusal. Pure: no clock, no I/O; the step runs the
 * effects and journals them, then keeps what this returns.
 */
export function applyCardEvent(rules: CardRules, s: CardState, e: CardEvent): CardState {
  if (!isOpenCardState(s)) refuse('procedure-closed', s.step);
  switch (e.type) {
    case 'documents-recorded': {
      at(s, ['documents', 'card']);
      if (s.matchedSerial !== null) refuse();
      const documents = checkDocuments(rules, e, s.under15);
      return move(s, 'card', { documents, faceRequired: faceRequired(rules, e.kinds) });
    }

    case 'card-matched': {
      const seen = {
        needsCard: false,
        tries: e.tries ?? s.tries,
        factsDiffer: e.factsDiffer ?? s.factsDiffer,
        chipCertificateExpiry:
          e.chipCertificateExpiry === undefined ? s.chipCertificateExpiry : e.chipCertificateExpiry,
      };
      if (s.step === 'card') {
        const patch = { ...seen, matchedSerial: e.serial, notice: null };
        return s.faceRequired ? move(s, 'face', patch) : afterFace(rules, s, patch);
      }
      at(s, MATCHED_STEPS);
      // Once matched, only that card may come back.
      if (e.serial !== s.matchedSerial) refuse('wrong-card');
      return move(s, s.step, {
        ...seen,
        notice: STOP_NOTICES.includes(s.notice?.code ?? '') ? s.notice : null,
      });
    }

    case 'needs-card':
      at(s, MATCHED_STEPS);
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
        // Nothing about the card in the reader is known now: the facts are read again.
        cardFace: s.cardFace.open ? NO_CARD_FACE : s.cardFace,
      });

    case 'face-decided':
      at(s, ['face']);
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      if (e.decision === 'match') return afterFace(rules, s, { face: 'match', notice: null });
      return move(s, 'face-mismatch', { notice: { code: 'face-mismatch' } });

    case 'face-overridden':
      at(s, ['face-mismatch']);
      return afterFace(rules, s, { face: 'override', notice: null });

    case 'card-face-shown':
      at(s, ['card-face']);
      if (!rules.cardFace) refuse('step-not-allowed', 'card-face');
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      return move(s, 'card-face', {
        cardFace: { ...NO_CARD_FACE, open: true, facts: e.facts },
        notice: null,
      });

    case 'card-face-answered': {
      // A journal row needs no open screen (a restart replays it); the live answer checks it.
      at(s, ['card-face']);
      const cardFace = { open: false, facts: s.cardFace.facts, answer: e.answer, answeredAt: e.at };
      if (e.answer === 'confirmed') return afterCardFace(rules, s, { cardFace, notice: null });
      return move(s, 'card-face-wrong', { cardFace, notice: { code: 'card-face-wrong' } });
    }

    case 'chosen': {
      at(s, ['choose', 'pins']);
      if (rules.fixedPlan(s.under15)) refuse('step-not-allowed', 'plan-fixed');
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

    case 'card-written': {
      at(s, ['write-card', 'switch']);
      const written = { reissueSigning: e.reissueSigning, changed: e.changed };
      if (!e.reissueSigning)
        return move(s, 'completed', { written, needsCard: false, notice: null });
      // The signing certificate is reissued: its password set anew, then its key and certificate.
      const plan: PinPlanEntry[] = [{ kind: 'signing', mode: 'new' }];
      return move(s, 'pins', {
        written,
        plan,
        scope: 'signing-only',
        certificateKinds: rules.certificateKinds(plan, 'signing-only', s.under15),
        notice: null,
      });
    }

    case 'face-auth-chosen': {
      at(s, ['pins', 'parked']);
      if (!rules.handover) refuse('step-not-allowed', 'face-auth');
      // Once anything was written to the card, the kind stays what it was.
      if (s.pins.entryOpen || s.pinsDone.length > 0 || Object.keys(s.keys).length > 0)
        refuse('step-not-allowed', 'plan-fixed');
      return move(s, s.step, {
        faceAuth: true,
        plan: FACE_AUTH_PLAN,
        certificateKinds: ['auth'],
        notice: null,
      });
    }

    case 'pin-entry-opened': {
      at(s, ['pins']);
      if (s.needsCard) refuse('step-not-allowed', 'needs-card');
      const first = requiredEntries(rules, s)[0];
      return move(s, 'pins', {
        pins: { ...closedEntry(s.pins.resume), entryOpen: true, current: first?.kind ?? null },
        notice: null,
      });
    }

    case 'pin-attempt': {
      at(s, ['pins']);
      if (!s.pins.entryOpen) refuse('pin-entry-not-open');
      const entries = requiredEntries(rules, s);
      if (!entries.some((r) => r.kind === e.kind)) refuse('step-not-allowed', e.kind);
      if (e.violation) {
        const attempts = { ...s.pins.attempts, [e.kind]: (s.pins.attempts[e.kind] ?? 0) + 1 };
        return move(s, 'pins', { pins: { ...s.pins, attempts, current: e.kind } });
      }
      const accepted = s.pins.accepted.includes(e.kind)
        ? s.pins.accepted
        : [...s.pins.accepted, e.kind];
      const current = entries.find((r) => !accepted.includes(r.kind))?.kind ?? null;
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

    // Keys, certificates: each fact once the PINs are on the card. A resumed run states again the
    // facts it reuses (a key already on the card, certificates already issued) without redoing them.
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
      // A 顔認証 card still holds the drawn PIN nobody knows: handed over only once it is cleared.
      if (rules.handover && !s.faceAuth)
        return move(s, 'handover', { phase: 'done', notice: null });
      return move(s, 'certificates', { phase: 'done' });

    case 'pins-cleared':
      at(s, ['certificates']);
      if (!s.faceAuth || s.phase !== 'done') refuse('step-not-allowed', s.phase);
      return move(s, 'handover', { phase: 'done', notice: null });

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

    case 'authority-failed':
      at(s, ['certificates']);
      if (!rules.parkOnAuthorityFailure) refuse('step-not-allowed', 'park');
      return move(s, 'parked', { notice: e.notice, pins: closedEntry(true), phase: 'waiting' });

    case 'resumed':
      at(s, ['parked']);
      return move(s, 'pins', {
        needsCard: true,
        notice: null,
        pins: closedEntry(true),
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
        cardFace: { ...s.cardFace, open: false },
        needsCard: false,
        pins: closedEntry(s.pins.resume),
        phase: 'waiting',
      });
  }
}

/** A journal row as the state sees it. */
export interface CardRow {
  readonly step: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: string;
}

function triesOf(d: Readonly<Record<string, unknown>>): Partial<Record<PinKind, PinTries>> {
  const left = (d.left ?? {}) as Record<string, number>;
  const locked = (d.locked ?? []) as string[];
  const out: Partial<Record<PinKind, PinTries>> = {};
  for (const [k, n] of Object.entries(left))
    out[k as PinKind] = { triesLeft: Number(n), locked: locked.includes(k) };
  return out;
}

/**
 * The state after one journal row: each row is the fact of one step. The entry's opening and the
 * resident's submission are not journaled: a row of the card work that follows one states them.
 */
export function cardTransition(rules: CardRules, s: CardState, row: CardRow): CardState {
  const on = (e: CardEvent) => applyCardEvent(rules, s, e);
  const working = (then: CardEvent): CardState => {
    let w = s;
    if (w.step === 'pins') {
      if (w.needsCard && w.matchedSerial)
        w = applyCardEvent(rules, w, { type: 'card-matched', serial: w.matchedSerial });
      if (!w.pins.entryOpen) w = applyCardEvent(rules, w, { type: 'pin-entry-opened' });
      w = applyCardEvent(rules, w, { type: 'pins-submitted' });
    }
    return applyCardEvent(rules, w, then);
  };
  const d = row.data;
  switch (row.step) {
    case 'documents':
      return on({
        type: 'documents-recorded',
        kinds: d.kinds as DocumentKind[],
        guardianship: d.guardianship === true,
        representative: (d.representative ?? null) as DocumentsRecord['representative'],
      });
    case 'card':
      return on({
        type: 'card-matched',
        serial: String(d.serial),
        ...(d.left !== undefined ? { tries: triesOf(d) } : {}),
        ...(d.factsDiffer !== undefined ? { factsDiffer: d.factsDiffer === true } : {}),
        ...(d.notAfter !== undefined
          ? { chipCertificateExpiry: typeof d.notAfter === 'string' ? d.notAfter : null }
          : {}),
      });
    case 'face':
      return on({ type: 'face-decided', decision: d.decision === 'match' ? 'match' : 'mismatch' });
    case 'face-override':
      return on({ type: 'face-overridden' });
    case 'card-face':
      return on({
        type: 'card-face-answered',
        answer: d.answer === 'confirmed' ? 'confirmed' : 'wrong',
        at: row.at,
      });
    case 'choose':
      return on({
        type: 'chosen',
        plan: d.plan as PinPlanEntry[],
        scope: (d.scope ?? null) as RenewalScope | null,
      });
    case 'wrong-current':
      return working({ type: 'pin-wrong', kind: d.kind as PinKind, triesLeft: Number(d.left) });
    case 'change-started':
      return working({ type: 'change-started', kind: d.kind as PinKind });
    case 'secret-set':
      return working({ type: 'pin-done', kind: d.kind as PinKind });
    // 交付 journals its secrets together ('pins'); the others one by one, then 'secrets-set'.
    case 'pins':
    case 'secrets-set':
      return working({ type: 'pins-set' });
    case 'keys-generated':
      return on({ type: 'keys-generated', kind: d.kind as KeyKind, spki: String(d.spki) });
    case 'certificates-issued':
    case 'certificates-written':
    case 'certificates-verified':
    case 'pins-cleared':
      return on({ type: row.step });
    case 'certificates': {
      // The card work stopped; before its first row the procedure never left the PIN step.
      const notice = { code: String(d.code) as ErrorCode };
      if (s.step === 'certificates') return on({ type: 'card-failed', notice });
      if (s.step === 'pins') return on({ type: 'needs-card', notice });
      return s;
    }
    case 'parked':
      return working({ type: 'authority-failed', notice: { code: String(d.code) as ErrorCode } });
    case 'resumed':
      return on({ type: 'resumed' });
    case 'face-auth-chosen':
      return on({ type: 'face-auth-chosen' });
    case 'card-written':
    case 'kind-switched':
      return on({
        type: 'card-written',
        reissueSigning: d.reissueSigning === true,
        changed: ((d.changed ?? []) as ChangedFact[]).filter((c) => CHANGED_FACTS.includes(c)),
      });
    case 'completed':
      return on({ type: 'finished' });
    case 'handover':
      return on({
        type: 'handed-over',
        at: row.at,
        collectedJukiCard: d.collectedJukiCard === true,
        collectedNotificationCard: d.collectedNotificationCard === true,
      });
    case 'cancelled':
      return on({ type: 'cancelled' });
    default:
      return s; // 'started' and rows of later versions carry no state of this one
  }
}

/** An open procedure loaded again (a restart): nothing about the card in the reader is known. */
export function reopenCardState(rules: CardRules, s: CardState): CardState {
  if (!REOPEN_STEPS.includes(s.step)) return s;
  return applyCardEvent(rules, s, { type: 'needs-card' });
}
