// Every counter procedure as the clerk window sees it: one DTO for all kinds, with the steps main
// put it through and the actions main allows now, so the screen draws what main decided instead
// of deciding again. Plain JSON; never a PIN, a 個人番号 or a camera frame.
import type { AppErrorDto, PinKind } from './dto';
import type {
  ApplicationSummaryDto,
  CardFaceStatusDto,
  CertificatePhase,
  RepresentativeRelation,
  ResidentSummaryDto,
} from './issuance';
import type {
  FeeDto,
  LifeCardDto,
  PinEntryMode,
  PinPlanEntry,
  RenewalScope,
  ReportMethod,
  Reporter,
  TakeoverDto,
} from './lifecycle';
import type {
  DeliveryAuthority,
  DeliveryReason,
  DeliveryRelation,
  DocumentKind,
} from './rules/documents';
import type { CardKind, ChangedFact } from './rules/card-kinds';
import type { LookAlikeDto } from './rules/look-alikes';
import type { CardRevocationReason, CrlReason, ReissueReason } from './rules/reasons';

export { PROCEDURE_KINDS, type CardProcedureKind, type ProcedureKind } from './procedure-kinds';
import type { ProcedureKind } from './procedure-kinds';

/**
 * Every step a procedure can be at. The card is inserted before the face check: the chip photo is
 * read from it, and matching the card first means no other card's photo is ever shown.
 */
export const PROCEDURE_STEPS = [
  'request', // 代理人交付, first visit: the reason, the representative, the 照会書 sent
  'awaiting-reply', // 代理人交付: the 照会書 is with the resident; the counter is free meanwhile
  'reply', // 代理人交付, second visit: the 照会書 brought back, its number checked
  'report', // 一時停止: the report recorded
  'reason', // 廃止 / 再交付: reason chosen, card present or not
  'documents',
  'card',
  'face',
  'face-mismatch', // stopped: goes on only with a supervisor's approval
  'card-face', // 交付: the resident confirms the four facts read from the chip, before the PINs
  'card-face-wrong', // stopped: the resident said a fact is wrong; nothing more is written to the card
  'choose', // 解除 / 初期化・再設定 / 更新: which secrets and how
  'write-card', // 券面記載事項の変更: the record's facts written to the chip, the signing certificate revoked
  'switch', // 顔認証マイナンバーカード: the card switched to face-auth (PINs cleared, signing certificate revoked)
  'approval', // 廃止 / 再交付: a supervisor's approval
  'fee', // 再交付: paid or waived
  'pins', // the resident window asks for the secrets
  'certificates', // keys and certificates on the card
  'handover', // 交付: the card handed over, old cards collected
  'parked', // 交付 後日交付: the authority could not issue; resumed later at the PIN step
  'destroy', // 廃止 with the card handed back: 穴あけ to record
  'completed',
  'cancelled',
] as const;
export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];

/** What the clerk may do now; the screen offers exactly these (main refuses the others). */
export const PROCEDURE_ACTIONS = [
  'cancel',
  'complete',
  'print-receipt',
  'print-deferral-slip',
  'print-inquiry', // 代理人交付: the 照会書兼回答書, while it waits for the reply
  'print-card-note',
  /** 交付 outside the certificate service's hours: 後日交付 before the PINs (main checks the hours). */
  'defer-certificates',
  /** 交付 of a 顔認証マイナンバーカード, asked for before the PINs: none set, no signing certificate. */
  'issue-face-auth',
] as const;
export type ProcedureAction = (typeof PROCEDURE_ACTIONS)[number];

/**
 * What the documents step records: the kinds, and for 交付 guardianship and the representative;
 * for 代理人交付 the resident's documents the representative brings, the representative's own, and
 * what shows the representative may act (its relation is the one the first visit recorded).
 */
export interface DocumentsRecordDto {
  readonly kinds: readonly DocumentKind[];
  readonly guardianship: boolean;
  readonly representative: {
    readonly relation: RepresentativeRelation | DeliveryRelation;
    readonly kinds: readonly DocumentKind[];
  } | null;
  /** 代理人交付: the 委任状 or the proof of legal representation seen. */
  readonly authority?: DeliveryAuthority | null;
}

/** 代理人交付's first visit as the clerk records it (never a document number). */
export interface DeliveryRequestDto {
  readonly reason: DeliveryReason;
  readonly representative: {
    /** The name as on the representative's documents: the 照会書 names who will come. */
    readonly name: string;
    readonly relation: DeliveryRelation;
    readonly kinds: readonly DocumentKind[];
  };
}

/** 代理人交付 as the clerk window shows it: the request, the 照会書, its reply. */
export interface DeliveryDto {
  readonly request: DeliveryRequestDto | null;
  readonly inquiry: {
    readonly number: string;
    /** YYYY-MM-DD */
    readonly sentOn: string;
    readonly validUntil: string;
    /** The validity is over today: the reply is refused, the request is made again. */
    readonly expired: boolean;
  } | null;
  /** When the 照会書 came back (ISO), checked against the one sent. */
  readonly repliedAt: string | null;
}

export interface ProcedureHeaderDto {
  /** The steps the header shows for this procedure, in order. */
  readonly steps: readonly ProcedureStep[];
  /** The current one's place: steps.length when completed, -1 when cancelled. */
  readonly index: number;
  /** The procedure waits on a stop (a face mismatch, 後日交付) at the current step. */
  readonly stopped: boolean;
  /** It waits for something in the post (a 代理人交付's 照会書), no fault: shown as waiting. */
  readonly waiting: boolean;
}

export interface ProcedureDto {
  readonly procedureId: string;
  readonly kind: ProcedureKind;
  readonly step: ProcedureStep;
  readonly header: ProcedureHeaderDto;
  readonly actions: readonly ProcedureAction[];
  readonly resident: ResidentSummaryDto;
  /** 交付: the application being issued (its 交付通知書 number, under 15). */
  readonly application: ApplicationSummaryDto | null;
  readonly card: LifeCardDto;
  readonly startedAt: string;
  /** The login ID of the operator who started it (the list of unfinished procedures shows it). */
  readonly startedBy: string;
  readonly completedAt: string | null;
  /** Which documents were shown (kinds only, never a number or a copy); null before. */
  readonly documents: DocumentsRecordDto | null;
  /** The documents step asks for a legal representative (交付 under 15 or under guardianship). */
  readonly representativeAsked: boolean;
  /** The face check belongs to this procedure (交付 and 解除 always; the others with list B). */
  readonly faceRequired: boolean;
  readonly face: 'match' | 'override' | null;
  /**
   * The face check's 一致 is confirmed by a second operator with their own login (the machine
   * configuration's faceCheck.secondOperator); the two are named once recorded.
   */
  readonly faceSecondOperator: boolean;
  readonly faceCheckedBy: { readonly checkedBy: string; readonly confirmedBy: string } | null;
  /** The card read and matched in this procedure (serial), or null. */
  readonly matchedSerial: string | null;
  /**
   * The card must be inserted and read before anything else: the screen asks for it now (after
   * a pulled card, a restart, a resumed 後日交付, or at the card step itself).
   */
  readonly needsCard: boolean;
  /** 券面確認 (交付): the four facts read from the chip and the resident's answer; null elsewhere. */
  readonly cardFace: CardFaceStatusDto | null;
  /** The secrets the resident enters and how; null before they are known. */
  readonly plan: readonly PinPlanEntry[] | null;
  readonly pins: {
    /** The secrets asked now, in order (the signing password is absent under 15). */
    readonly required: readonly PinKind[];
    /** The resident window shows the entry now. */
    readonly entryOpen: boolean;
    /** The secret the resident is on (never a digit). */
    readonly current: PinKind | null;
    /** Entries refused so far per secret (a rule broken, the two entries differed, a wrong value). */
    readonly attempts: Partial<Record<PinKind, number>>;
    readonly accepted: readonly PinKind[];
  } | null;
  /** New keys and certificates on the card (交付, 解除, 更新). */
  readonly certificates: {
    readonly phase: CertificatePhase;
    readonly kinds: readonly ('signing' | 'auth')[];
    /**
     * The certificates this procedure issued, as the database recorded them (once issued): the
     * signing certificate's dates too, which the chip shows only behind its password.
     */
    readonly issued: readonly {
      readonly kind: 'signing' | 'auth';
      /** ISO timestamps */
      readonly notBefore: string;
      readonly notAfter: string;
    }[];
  } | null;
  readonly handover: {
    readonly completedAt: string;
    readonly collectedJukiCard: boolean;
    readonly collectedNotificationCard: boolean;
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
    /** 特急発行's category, as recorded (null: not express). */
    readonly expressCategory: string | null;
    /** The new card gets certificates. */
    readonly withCertificates: boolean;
    /** The dated rule set the fee was computed by (null: recorded before the table). */
    readonly ruleSet: string | null;
    readonly fee: FeeDto;
    readonly feeStatus: 'paid' | 'waived' | null;
    readonly waiverReason: string | null;
    /** The new application's 交付通知書 number, once recorded. */
    readonly newNoticeNumber: string | null;
  } | null;
  readonly renewal: { readonly scope: RenewalScope } | null;
  /** 代理人交付: the request, the 照会書 and its reply; null for the other kinds. */
  readonly delivery: DeliveryDto | null;
  /**
   * 券面記載事項の変更: what was done. The facts written are the resident record's (住民基本台帳),
   * as `resident` shows them.
   */
  readonly cardChange: {
    /** What the record's 異動 changed, as the clerk named it (the 追記欄 notes these). */
    readonly changed: readonly ChangedFact[];
    /** The clerk's answer: reissue the signing certificate (null until the facts are written). */
    readonly reissueSigning: boolean | null;
    readonly written: boolean;
  } | null;
  /** 顔認証マイナンバーカード: the kind the card is switched to. */
  readonly cardKindSwitch: { readonly to: CardKind } | null;
  /** 交付: the card is issued as a 顔認証マイナンバーカード (no PIN, no signing certificate). */
  readonly faceAuthAtIssue: boolean;
  /** The supervisor who approved (revocation, reissue, face override), by display name. */
  readonly approvedBy: string | null;
  /** The last thing that went wrong and is not resolved yet: the screen says what to do. */
  readonly notice: AppErrorDto | null;
  /** 保留: parked by the clerk, an idle lock or a logout; the next action takes it up again. */
  readonly held: boolean;
  /**
   * Another office counter holds it (its number, 窓口N): only that counter resumes it, unless a
   * 責任者 approves its takeover here. Null when this counter holds it, or on a counter's own file.
   */
  readonly otherCounter: number | null;
  /**
   * The last 責任者's takeover that moved it from another office counter (where it came from, who
   * approved, when); null when it never moved.
   */
  readonly takenOver: TakeoverDto | null;
  /** When the clerk is asked whether to go on or park it, if nothing happens on it before (ISO). */
  readonly idleAskAt: string | null;
}

/** The modes of a plan by secret, for the PIN progress display. */
export function modesOfPlan(
  plan: readonly PinPlanEntry[] | null,
): Partial<Record<PinKind, PinEntryMode>> {
  return Object.fromEntries((plan ?? []).map((e) => [e.kind, e.mode]));
}

/** A resident found at the counter, with what can be started for them. */
export interface ResidentMatchDto {
  readonly resident: ResidentSummaryDto;
  /** Applications whose card is waiting for 交付 (or was issued), newest first. */
  readonly applications: readonly ApplicationSummaryDto[];
  readonly cards: readonly LifeCardDto[];
  /**
   * Other residents this one can be taken for (the same name and birth date, a household applying
   * together): the 交付 is then matched by the 交付通知書 number only, never by name.
   */
  readonly lookAlikes: readonly LookAlikeDto[];
}
