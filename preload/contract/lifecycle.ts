// The card's later life after issuance: 一時停止 and 解除, 暗証番号の初期化・再設定, 廃止, 再交付, 電子証明書の更新,
// the resident's history and the 日報. Shapes that cross IPC: plain JSON, never a PIN or a 個人番号.
import type { AppErrorDto, PinKind } from './dto';
import type { CertificatePhase, ResidentSummaryDto } from './issuance';
import type { DocumentKind } from './rules/documents';
import type { CardRevocationReason, CrlReason, ReissueReason } from './rules/reasons';

/** Procedures after issuance. Each is its own workflow in main with its own steps and journal. */
export const LIFE_KINDS = [
  'suspension',
  'release',
  'pin-reset',
  'revocation',
  'reissue',
  'renewal',
] as const;
export type LifeKind = (typeof LIFE_KINDS)[number];

// ---- 一時停止 ----

/** Who reported the loss (suspensions.reported_by). */
export const REPORTERS = ['callcentre', 'police', 'resident'] as const;
export type Reporter = (typeof REPORTERS)[number];
/** How the report reached the office. */
export const REPORT_METHODS = ['telephone', 'counter', 'written'] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

// ---- 再交付 ----

export interface FeeDto {
  /** What the rules charge: 0, 1,000 or 2,000 yen. */
  readonly amountYen: number;
  /** The lines of the charge, for the screen and the receipt. */
  readonly lines: readonly {
    readonly item: 'card' | 'certificates' | 'express';
    readonly yen: number;
  }[];
  /** Free by rule (expiry, theft, disaster, …): recorded as waived with the reason as its cause. */
  readonly freeByRule: boolean;
}

// ---- PIN entries on the resident screen, for release, reset and renewal ----

/**
 * What the resident enters for one secret.
 * new: a new value, twice (the authority sets it with a fresh counter).
 * current: the value in use, once (checked on the card; spends a try when wrong).
 * change: the value in use, then a new one twice (CHANGE REFERENCE DATA on the card).
 */
export const PIN_ENTRY_MODES = ['new', 'current', 'change'] as const;
export type PinEntryMode = (typeof PIN_ENTRY_MODES)[number];

export interface PinPlanEntry {
  readonly kind: PinKind;
  readonly mode: PinEntryMode;
}

/** 電子証明書の更新: both certificates (from 3 months before expiry), or the signing one alone. */
export const RENEWAL_SCOPES = ['both', 'signing-only'] as const;
export type RenewalScope = (typeof RENEWAL_SCOPES)[number];

// ---- the procedure as the clerk window sees it ----

export const LIFE_STEPS = [
  'report', // 一時停止: the report to record
  'reason', // 廃止 / 再交付: reason chosen, card present or not
  'documents',
  'card',
  'face',
  'face-mismatch',
  'choose', // reset / renewal / release: which secrets and how
  'approval', // 廃止 / 再交付: a supervisor's approval
  'fee', // 再交付: paid or waived
  'pins', // the resident screen is open
  'certificates',
  'destroy', // 廃止 with the card handed back: 穴あけ to record
  'completed',
  'cancelled',
] as const;
export type LifeStep = (typeof LIFE_STEPS)[number];

export interface LifeCardDto {
  readonly id: number;
  readonly serial: string;
  readonly state: 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';
  /** YYYY-MM-DD */
  readonly expiry: string;
  readonly issuedAt: string | null;
  readonly terminatedAt: string | null;
  readonly destroyedAt: string | null;
  /** The card this one replaces (再交付), by serial. */
  readonly replacesSerial: string | null;
  /** The card that replaced this one, by serial. */
  readonly replacedBySerial: string | null;
}

export interface LifeCertificateDto {
  readonly kind: 'signing' | 'auth';
  readonly serial: string;
  readonly notAfter: string;
  readonly status: 'issued' | 'on_hold' | 'revoked' | 'expired';
  readonly revocationReason: string | null;
}

export interface LifeProcedureDto {
  readonly procedureId: string;
  readonly kind: LifeKind;
  readonly step: LifeStep;
  readonly resident: ResidentSummaryDto;
  readonly card: LifeCardDto;
  readonly startedAt: string;
  readonly completedAt: string | null;
  /** Documents recorded in this procedure (release, reset, renewal). */
  readonly documents: readonly DocumentKind[] | null;
  /** The face check is part of this procedure (release always; reset and renewal with list B). */
  readonly faceRequired: boolean;
  readonly face: 'match' | 'override' | null;
  /** The card was read and matched in this procedure (serial), or null. */
  readonly matchedSerial: string | null;
  /** The card must be (re)inserted and checked before going on (after a pull or a restart). */
  readonly needsCard: boolean;
  /** The secrets the resident enters and how; null before the choice. */
  readonly plan: readonly PinPlanEntry[] | null;
  readonly pins: {
    readonly entryOpen: boolean;
    readonly current: PinKind | null;
    readonly attempts: Partial<Record<PinKind, number>>;
    readonly accepted: readonly PinKind[];
  } | null;
  /** Release and renewal: new keys and certificates on the same card. */
  readonly certificates: {
    readonly phase: CertificatePhase;
    readonly kinds: readonly ('signing' | 'auth')[];
  } | null;
  readonly suspension: {
    readonly reporter: Reporter;
    readonly method: ReportMethod;
    readonly reportedAt: string;
    readonly note: string;
  } | null;
  readonly revocation: {
    readonly reason: CardRevocationReason;
    readonly crlReason: CrlReason;
    readonly cardPresent: boolean;
    /** The card was already revoked: this procedure only records its return and destruction. */
    readonly returnOnly: boolean;
    readonly destroyedAt: string | null;
  } | null;
  readonly reissue: {
    readonly reason: ReissueReason;
    readonly express: boolean;
    readonly fee: FeeDto;
    readonly feeStatus: 'paid' | 'waived' | null;
    readonly waiverReason: string | null;
    /** The new application's 交付通知書 number, once recorded. */
    readonly newNoticeNumber: string | null;
  } | null;
  readonly renewal: { readonly scope: RenewalScope } | null;
  /** The supervisor who approved (revocation, reissue, face override), by display name. */
  readonly approvedBy: string | null;
  /** The last thing that went wrong and is not resolved yet: the clerk window says what to do. */
  readonly notice: AppErrorDto | null;
}

/** A card found by serial or by its holder, for starting a procedure. */
export interface CardLookupDto {
  readonly resident: ResidentSummaryDto;
  readonly cards: readonly LifeCardDto[];
}

// ---- the resident's page ----

export type TimelineKind =
  | 'application'
  | 'card'
  | 'certificate'
  | 'procedure'
  | 'approval'
  | 'suspension'
  | 'revocation'
  | 'reissue'
  | 'fee';

export interface TimelineEntryDto {
  /** ISO timestamp */
  readonly at: string;
  readonly kind: TimelineKind;
  /** What happened, as a code the renderer puts into words (e.g. card-issued, procedure-release). */
  readonly event: string;
  readonly cardSerial: string | null;
  readonly procedureId: string | null;
  readonly operator: string | null;
  /** Extra facts for the words: a reason code, an amount, a certificate kind. Never a secret. */
  readonly detail: string | null;
}

export interface ResidentHistoryDto {
  readonly resident: ResidentSummaryDto;
  readonly cards: readonly (LifeCardDto & {
    readonly certificates: readonly LifeCertificateDto[];
    /** What the clerk should do next with this card. */
    readonly nextActions: readonly LifeNextAction[];
  })[];
  readonly openProcedures: readonly {
    readonly procedureId: string;
    readonly kind: LifeKind | 'issuance';
    readonly startedAt: string;
  }[];
  /** Newest first. */
  readonly timeline: readonly TimelineEntryDto[];
}

export type LifeNextAction =
  | 'none'
  | 'issue-card' // a received card waits for 交付
  | 'release-suspension'
  | 'renew-certificates'
  | 'reissue' // terminated, no replacement yet
  | 'record-return' // terminated and not destroyed: when handed back, record 穴あけ
  | 'revoke';

// ---- 日報 ----

export interface DailyReportDto {
  /** YYYY-MM-DD (Japan time) */
  readonly date: string;
  readonly municipality: string;
  /** Counts per procedure kind and outcome. */
  readonly procedures: readonly {
    readonly kind: LifeKind | 'issuance';
    readonly completed: number;
    readonly cancelled: number;
    readonly open: number;
  }[];
  readonly fees: {
    readonly paidCount: number;
    readonly paidYen: number;
    readonly waivedCount: number;
    /** What the waived fees would have cost under the rules' charged reasons (0 for free ones). */
    readonly waivedReasons: readonly { readonly reason: string; readonly count: number }[];
  };
  /** Stock reconciliation: received today, issued, returned, destroyed, and in stock at day end. */
  readonly cards: {
    readonly received: number;
    readonly issued: number;
    readonly returned: number;
    readonly destroyed: number;
    readonly inStockAtEnd: number;
  };
  readonly generatedAt: string;
}
