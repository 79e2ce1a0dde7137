// Shapes of the card's later life: the report of a loss, the fee, the PIN entry plans, the card
// and its certificates, the resident's history and the 日報. Shapes that cross IPC: plain JSON, never a PIN or a 個人番号.
import type { PinKind } from './dto';
import type { ResidentSummaryDto } from './issuance';
import { PROCEDURE_KINDS, type ProcedureKind } from './procedure-kinds';
import type { CardActionOffer } from './rules/card-actions';
import type { ExpressCategory, RuleSet } from './rules/rule-sets';
import type { Label } from './rules/reasons';
import type { ServiceState } from './rules/service-hours';
import type { UncollectedStage } from './rules/uncollected';

// ---- 一時停止 ----

/** Who reported the loss (suspensions.reported_by). */
export const REPORTERS = ['callcentre', 'police', 'resident'] as const;
export type Reporter = (typeof REPORTERS)[number];
/** How the report reached the office. */
export const REPORT_METHODS = ['telephone', 'counter', 'written'] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

// ---- the rules of the day ----

/** The certificate service now and the dated rule set in force (rules:today). */
export interface RulesTodayDto {
  readonly service: ServiceState;
  /** The daily hours (HH:MM, Japan time) the notices name. */
  readonly hours: { readonly opens: string; readonly closes: string };
  /** The instant the service was judged at: the practice clock's in practice. */
  readonly at: string;
  /** The Japan day (YYYY-MM-DD) main judges dated rules by (the fee, 特急発行). */
  readonly today: string;
  /**
   * The rule set in force that day, of the machine configuration's table (`ruleSets`): the one
   * main charges by, so that a screen's preview (the 再交付 fee, 特急) is what main records.
   */
  readonly ruleSet: RuleSet;
}

// ---- cards nobody collects ----

/** A card whose 交付通知書 went out and which was not collected (the stock screen). */
export interface UncollectedCardDto {
  readonly cardId: number;
  readonly serial: string;
  readonly noticeNumber: string;
  readonly residentName: string;
  /** YYYY-MM-DD (Japan day) the 交付通知書 went out; the card's arrival when not recorded. */
  readonly noticeSentOn: string;
  readonly reminderSentOn: string | null;
  readonly reminderDue: string;
  readonly destroyFrom: string;
  readonly stage: UncollectedStage;
}

// ---- 再交付 ----

/** 特急発行 as asked at the reissue's reason: the category and the day of its event. */
export interface ExpressRequestDto {
  readonly category: ExpressCategory;
  /** YYYY-MM-DD: the loss or the arrival; null for a baby under one. */
  readonly eventDate: string | null;
}

export interface FeeDto {
  /** What the rule set in force charges (0, 800, 1,000, 1,800 or 2,000 yen today). */
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
  /**
   * The procedures main accepts on this card now, and those its state has but that are not
   * accepted yet, with why and from when (rules/card-actions): the screens offer only these.
   */
  readonly actions: readonly CardActionOffer[];
  /**
   * The card's procedures open at another office counter (窓口N): a start of one of these kinds
   * would reopen it and is refused here, so the screens offer the 責任者's takeover instead.
   */
  readonly openElsewhere: readonly {
    readonly procedureId: string;
    readonly kind: ProcedureKind;
    readonly counter: number;
  }[];
}

export interface LifeCertificateDto {
  readonly kind: 'signing' | 'auth';
  readonly serial: string;
  readonly notAfter: string;
  readonly status: 'issued' | 'on_hold' | 'revoked' | 'expired';
  readonly revocationReason: string | null;
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

/**
 * The approvals given on the spot (approvals.action): a supervisor's, or for face-check-second a
 * colleague's (roles.ts says who may give which).
 */
export const APPROVAL_ACTIONS = [
  'revocation',
  'reissue',
  'face-check-override',
  'face-check-second',
  'pin-reset-without-id',
  /** Destroying a card nobody collected (no procedure: the card is named in its record). */
  'uncollected-destruction',
  /** Another office counter's open procedure handed to this counter (that counter cannot go on). */
  'counter-takeover',
] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** Every event the resident's timeline can hold: the renderer has words for each. */
export const TIMELINE_EVENTS = [
  'application-new',
  'application-reissue',
  'application-ready',
  'application-issued',
  'application-cancelled',
  'card-received',
  'card-issued',
  'card-terminated',
  'card-destroyed',
  'certificate-issued',
  'certificate-on-hold',
  'certificate-revoked',
  'certificate-expired',
  ...PROCEDURE_KINDS.map((k) => `procedure-${k}` as const),
  ...APPROVAL_ACTIONS.map((a) => `approval-${a}` as const),
  'suspension-registered',
  'suspension-released',
  'card-revoked',
  'reissue-recorded',
  'fee-paid',
  'fee-waived',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/** How a procedure's entry on the timeline stands: begun, or ended one way or the other. */
export const PROCEDURE_OUTCOMES = ['started', 'completed', 'cancelled'] as const;
export type ProcedureOutcome = (typeof PROCEDURE_OUTCOMES)[number];

export interface TimelineEntryDto {
  /** ISO timestamp */
  readonly at: string;
  readonly kind: TimelineKind;
  /** What happened, as a code the renderer puts into words (e.g. card-issued, procedure-release). */
  readonly event: TimelineEvent;
  readonly cardSerial: string | null;
  /**
   * The procedure (one visit at the counter) the entry belongs to: recorded by it, or, for the
   * card, certificate and application records that carry none, done on the resident's card while
   * it was open. The screen groups a procedure's entries into one.
   */
  readonly procedureId: string | null;
  readonly operator: string | null;
  /**
   * Extra facts for the words, by event: a notice number (application-*), a certificate kind
   * (certificate-issued), `kind:crlReason` (certificate-revoked/on-hold/expired), a
   * ProcedureOutcome (procedure-*), `reporter:method` (suspension-registered), a revocation reason
   * (card-revoked), `reason` or `reason:express` (reissue-recorded), yen (fee-paid), the waiver's
   * reason as typed (fee-waived). Never a secret.
   */
  readonly detail: string | null;
}

/**
 * The documents the history can print again (再発行): 受領書, 後日交付のご案内, 領収書／手数料免除記録,
 * 照会書兼回答書 (代理人交付).
 */
export const REPRINTABLE_DOCUMENTS = [
  'receipt',
  'deferral-slip',
  'fee-receipt',
  'inquiry',
] as const;
export type ReprintableDocument = (typeof REPRINTABLE_DOCUMENTS)[number];

export interface ReprintableDocumentDto {
  readonly procedureId: string;
  readonly document: ReprintableDocument;
}

/**
 * A 責任者's takeover of an open procedure from another office counter, as the journal recorded
 * it: 窓口2から引き継ぎました（責任者 ○○、14:05）.
 */
export interface TakeoverDto {
  /** The counter it came from (窓口N); null when none was recorded there. */
  readonly fromCounter: number | null;
  /** The counter it went to. */
  readonly toCounter: number;
  /** The 責任者 who approved it, by display name. */
  readonly approvedBy: string;
  /** When (ISO). */
  readonly at: string;
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
    readonly kind: ProcedureKind;
    readonly startedAt: string;
    /** Another office counter holds it (its number): see ProcedureDto.otherCounter. */
    readonly otherCounter: number | null;
  }[];
  /** Newest first. */
  readonly timeline: readonly TimelineEntryDto[];
  /** What each procedure's records can print again, from the history. */
  readonly reprints: readonly ReprintableDocumentDto[];
  /** Every takeover of the resident's procedures from another office counter, oldest first. */
  readonly takeovers: readonly (TakeoverDto & { readonly procedureId: string })[];
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
    readonly kind: ProcedureKind;
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
    /** Of the destroyed: cards nobody collected, destroyed with a supervisor's approval. */
    readonly uncollectedDestroyed: number;
    readonly inStockAtEnd: number;
  };
  /** The dated rule set in force on the day (fees, 特急発行, PINs, validity). */
  readonly ruleSet: { readonly id: string; readonly label: Label };
  readonly generatedAt: string;
}
