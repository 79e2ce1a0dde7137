// Data shapes that cross IPC. Plain JSON values only: strings, numbers, booleans, arrays, objects.
import type { CardKind } from './rules/card-kinds';
import type { CardRevocationReason } from './rules/reasons';
import type { Role } from './rules/roles';
import type { CertificateValidity } from './rules/validity';
import type { PinKind } from './rules/pin-kinds';

export type AppMode = 'production' | 'practice';

export interface AppInfoDto {
  readonly mode: AppMode;
  readonly version: string;
  /** True when the simulated reader is in use (practice mode, or configured for a demo). */
  readonly simulatedReader: boolean;
  /**
   * Set when the app could not open its database at start (corrupt, locked, too new, disk full):
   * the renderer shows only this message and what to do; nothing else works until it is fixed.
   */
  readonly startupError: AppErrorDto | null;
  /**
   * The face check's similarity scores (machine configuration faceCheck.score and
   * scoreThreshold): whether this window loads the engine after login, and the threshold it shows.
   */
  readonly faceScore: { readonly enabled: boolean; readonly threshold: number };
}

/** Same shape as AppError; repeated here so dto.ts has no import cycle. */
export interface AppErrorDto {
  readonly code: string;
  readonly detail?: string;
  readonly errorId?: string;
}

export interface OperatorDto {
  readonly id: number;
  readonly loginId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  /** ISO time until which the account is locked after 5 wrong passwords; null when not locked. */
  readonly lockedUntil: string | null;
}

/**
 * What the first-start setup asks: IT's setup code from the machine configuration ('required'),
 * nothing since no code is configured and setup cannot go on ('not-configured'), or no code at all
 * ('not-needed': practice mode).
 */
export type SetupCodeState = 'required' | 'not-configured' | 'not-needed';

export interface SessionDto {
  /** No operator exists yet: the first administrator must be created on the setup screen. */
  readonly needsSetup: boolean;
  readonly setupCode: SetupCodeState;
  readonly operator: OperatorDto | null;
  /** Locked after idle: the same operator re-enters the password; nothing else works meanwhile. */
  readonly locked: boolean;
  readonly idleLockMinutes: number;
}

export interface AuditRowDto {
  readonly seq: number;
  readonly at: string;
  readonly operatorId: number | null;
  readonly operatorLoginId: string | null;
  readonly action: string;
  readonly residentId: number | null;
  readonly cardId: number | null;
  /** Canonical JSON of the details (never a PIN, a 個人番号 or an image: refused at write). */
  readonly details: string;
}

export interface PageDto<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * What an audit verification can find (main/audit/audit-verify.ts says what each means): rows cut
 * off the end, a row rewritten, a row missing from the middle, an append-only trigger removed or
 * changed, a seal or check or the keyed start damaged, another key, a log never keyed, an anchor
 * that does not verify.
 */
export const AUDIT_PROBLEM_KINDS = [
  'truncated',
  'rewritten',
  'gap',
  'triggers',
  'seals',
  'key',
  'unkeyed',
  'anchor',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

export interface AuditProblemDto {
  readonly kind: AuditProblemKind;
  /** The first row that can no longer be trusted; null when the finding is not about rows. */
  readonly firstBadSeq: number | null;
  /** What showed it: 'chain', 'seal', 'check', 'start', 'anchor', 'schema'. */
  readonly evidence: string;
  /** Names (of triggers, of a key), never row content. */
  readonly detail: string | null;
}

/** 'recent': the rows since the last passed check; 'full': every row. */
export type AuditScope = 'recent' | 'full';

export interface AuditVerifyDto {
  readonly ok: boolean;
  readonly scope: AuditScope;
  /** The last row of the log when the check began. */
  readonly rows: number;
  /** The first row the check covered. */
  readonly from: number;
  /** The earliest first bad row over all problems; null when none names a row. */
  readonly firstBrokenSeq: number | null;
  readonly problems: readonly AuditProblemDto[];
  /** Anchors from the anchors file that matched the log. */
  readonly anchorsMatched: number;
  readonly ms: number;
}

/** Progress of a running check, sent as the 'audit:verify-progress' event. */
export interface AuditVerifyProgressDto {
  readonly checked: number;
  readonly total: number;
}

/** The audit log's state for the administrator: the start-up check, an open alarm, the anchors. */
export interface AuditStatusDto {
  readonly startup: 'running' | 'ok' | 'failed' | 'error';
  /** A failed check nobody has acknowledged yet. */
  readonly alarm: {
    readonly seq: number;
    readonly at: string;
    readonly problems: readonly AuditProblemDto[];
  } | null;
  readonly anchors: {
    /** IT has configured the anchors folder (auditAnchorsDir). */
    readonly configured: boolean;
    /** The last write or read of the anchors file failed; the error's code. */
    readonly failing: boolean;
    readonly error: string | null;
    readonly lastWrittenAt: string | null;
    readonly file: string | null;
  };
  /** Production: an unconfigured anchors folder is worth a warning (practice data is fictional). */
  readonly production: boolean;
}

export interface FileWrittenDto {
  /** Where the file was written on this computer (shown to the administrator). */
  readonly path: string;
  readonly bytes: number;
  readonly rows?: number;
}

export interface ApprovalDto {
  readonly approvalId: number;
  readonly approverDisplayName: string;
}

export type ReaderSubsystemDto =
  | { readonly kind: 'ready' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'pcsc-unavailable'; readonly reason: 'addon-missing' | 'service-not-running' };

export interface ReaderDto {
  readonly name: string;
  readonly cardPresent: boolean;
  readonly mute: boolean;
  /** ATR as upper-case hex, space separated; null when no card. */
  readonly atrHex: string | null;
  /** A known ATR's label (e.g. "マイナンバーカード（接触）"), from the ATR table; null when unknown. */
  readonly atrLabel: string | null;
}

export interface ReadersDto {
  readonly subsystem: ReaderSubsystemDto;
  readonly readers: readonly ReaderDto[];
}

export { PIN_KINDS, type PinKind } from './rules/pin-kinds';

export interface PinStatusDto {
  readonly kind: PinKind;
  /** ok: usable; locked: no tries left; not-set: never set (card before issuance). */
  readonly state: 'ok' | 'locked' | 'not-set';
  readonly triesLeft: number;
  readonly maxTries: number;
}

export type CertificateKind = 'signing' | 'auth';

export interface CertificateSummaryDto {
  readonly kind: CertificateKind;
  readonly present: boolean;
  /** ISO dates (YYYY-MM-DD), present only when the certificate is. */
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly serialHex?: string;
  readonly issuer?: string;
  /**
   * valid, expiring (within 3 months: renewal possible), expired, not-yet-valid, absent; revoked
   * when the database or the authority's status responder says so, whatever its dates say;
   * on-hold when the responder says the certificate is suspended.
   */
  readonly validity: CertificateValidity | 'absent' | 'revoked' | 'on-hold';
  /**
   * What the issuing authority's status responder (OCSP) answered for this certificate; absent
   * when it was not asked (another authority's card) or did not answer.
   */
  readonly authorityStatus?: 'good' | 'on-hold' | 'revoked' | 'unknown';
  /** The CRL reason the responder gave with a revocation (keyCompromise, affiliationChanged …). */
  readonly authorityReason?: string;
}

export type NextActionCode =
  | 'none'
  | 'issue-card'
  | 'finish-issuance'
  | 'reset-locked-pin'
  | 'renew-certificates'
  | 'certificates-expired'
  | 'card-expired'
  | 'card-expiring'
  | 'release-suspension'
  // The card is terminated (廃止) in the database, whatever its chip says: never usable again.
  | 'record-return' // not destroyed yet: record its return and 穴あけ (廃止, return only)
  | 'reissue' // no replacement yet: 再交付
  // The chip's four facts are not the resident record's (a move, a new name): 券面記載事項の変更.
  | 'change-card-facts';

/** The holder of a card, as the database records them: enough to tell the clerk whose card it is. */
export interface CardHolderDto {
  readonly residentId: number;
  readonly kanjiName: string;
  readonly kanaName: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

export interface CardRevocationDto {
  readonly reason: CardRevocationReason;
  /** ISO timestamp */
  readonly revokedAt: string;
}

export interface CardHealthDto {
  readonly reader: string;
  readonly atrHex: string;
  readonly atrLabel: string | null;
  readonly serial: string;
  readonly municipalityCode: string;
  /** YYYY-MM-DD */
  readonly cardExpiry: string;
  /** The state marker on the chip. A terminated card is an error (card-terminated), not a state here. */
  readonly chipState: 'active' | 'suspended';
  /**
   * The card's state in the database, when the database knows the card. It can differ from the
   * chip: a card 廃止 while lost still says active on its chip.
   */
  readonly databaseState?: 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';
  /** Whose card the database says it is, whatever the card's state; absent when it does not know it. */
  readonly holder?: CardHolderDto;
  /** The card's 廃止 as the database records it: why and when. */
  readonly revocation?: CardRevocationDto;
  readonly pins: readonly PinStatusDto[];
  readonly certificates: readonly CertificateSummaryDto[];
  /**
   * The card's kind as the chip shows it (rules/card-kinds.ts): a normal card, or 顔認証 (no PIN
   * set, no signing certificate, an authentication certificate); null before its issuance.
   */
  readonly cardKind?: CardKind | null;
  /**
   * The chip's four facts against the resident record, for a card the database knows (compared
   * with 照合番号A): true the same, false they differ (a move, a new name); absent: not compared.
   */
  readonly factsMatchRecord?: boolean;
  readonly nextActions: readonly NextActionCode[];
  /** ISO timestamp of the read. */
  readonly readAt: string;
}

export interface SimPresetDto {
  readonly id: string;
  /** Japanese label for the trainer's list. */
  readonly label: string;
}

export interface SimStateDto {
  readonly presets: readonly SimPresetDto[];
  /** The reader the simulator drives, and the preset currently inserted (null when empty). */
  readonly reader: string;
  readonly inserted: string | null;
  /** Applications whose prepared card a trainer can insert (practice issuance), by notice number. */
  readonly applicationCards: readonly {
    readonly noticeNumber: string;
    readonly residentName: string;
  }[];
  /**
   * The card taken out last (a preset id or a notice number), which the trainer can put back as
   * it is, with whatever was written to it: the pulled-card practice. Null when none.
   */
  readonly removed: string | null;
  /** Practice fault: the authority refuses to issue (後日交付 practice). */
  readonly authorityOffline: boolean;
  /**
   * The face check's photo scenario: the chip and application photos are real test photos (a
   * face the similarity score can judge) in place of the drawings.
   */
  readonly facePhotos: boolean;
  /**
   * The practice clock: the Japan time of day (HH:MM) the certificate service's hours are judged
   * at in practice (an evening visit), or null for the real time.
   */
  readonly practiceClock: string | null;
}
