// The one channel map both sides share: request schema (zod, validated in main) and response type.
import { z } from 'zod';
import type {
  AppInfoDto,
  ApprovalDto,
  AuditRowDto,
  AuditStatusDto,
  AuditVerifyDto,
  AuditVerifyProgressDto,
  CardHealthDto,
  FileWrittenDto,
  OperatorDto,
  PageDto,
  ReadersDto,
  SessionDto,
  SimStateDto,
} from './dto';
import { PIN_KINDS } from './dto';
import type {
  MyScenarioDto,
  ScenarioOverviewDto,
  ScenarioResultDto,
  ScenarioRunDto,
  ScenarioSummaryDto,
  TraineeDto,
} from './scenarios';
import {
  CARD_FACE_ANSWERS,
  REPRESENTATIVE_RELATIONS,
  type CardFaceAnsweredDto,
  type FacePhotosDto,
  type PinCheckDto,
  type ResidentProgressDto,
  type ResidentPromptDto,
  type ResidentSubmitDto,
  type StaffCallDto,
} from './issuance';
import { DELIVERY_AUTHORITIES, DELIVERY_RELATIONS, DOCUMENT_KINDS } from './rules/documents';
import { CARD_KINDS, CHANGED_FACTS } from './rules/card-kinds';
import {
  APPROVAL_ACTIONS,
  PIN_ENTRY_MODES,
  RENEWAL_SCOPES,
  REPORTERS,
  REPORT_METHODS,
  REPRINTABLE_DOCUMENTS,
  type DailyReportDto,
  type ResidentHistoryDto,
  type RulesTodayDto,
  type UncollectedCardDto,
} from './lifecycle';
import { EXPRESS_CATEGORIES } from './rules/rule-sets';
import type { PreflightReportDto, PreflightSummaryDto } from './preflight';
import type { ProcedureDto, ResidentMatchDto } from './procedure';
import { FACE_FINDINGS, type FaceScoresDto } from './rules/face-score';
import { REISSUE_REASONS, REVOCATION_REASONS } from './rules/reasons';
import {
  ADMIN_ROLES,
  COUNTER_ROLES,
  REPORT_ROLES,
  ROLES,
  TRAINER_ROLES,
  type Role,
} from './rules/roles';

/** Reader names come from PC/SC; bounded so a hostile caller cannot send megabytes. */
const readerName = z.string().min(1).max(200);
const presetId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/);

const empty = z.strictObject({});
const loginId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
/** Length only: the policy (at least 8) is main's, so the message can say exactly what is wrong. */
const password = z.string().min(1).max(128);
const displayName = z.string().trim().min(1).max(64);
const operatorId = z.number().int().positive();
const isoDateTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/);
const procedureId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/);
const birthDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const noticeNumber = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/);
const documentKinds = z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length);
/** A secret as typed: bounded; its rules (format, runs, birth date) are main's to check. */
const secretEntry = z.string().max(32);
const pinEntry = z.strictObject({
  value: secretEntry,
  confirmation: secretEntry,
  /** The value in use, for the modes 'current' (then value = confirmation = current) and 'change'. */
  current: secretEntry.optional(),
});
const cardId = z.number().int().positive();
const approvalId = z.number().int().positive();
/** A similarity score: a number from 0 to 1, or null where a pair could not be scored. */
const faceScore = z.number().min(0).max(1).nullable();
const faceFinding = z.enum(FACE_FINDINGS).nullable();
/**
 * The face check's advisory scores (rules/face-score.ts): numbers, findings and the library's
 * name and version only; strict, so a descriptor, landmark or image has nowhere to go.
 */
const faceScores = z.strictObject({
  pairs: z.strictObject({
    liveChip: faceScore,
    liveApplication: faceScore,
    chipApplication: faceScore,
  }),
  findings: z.strictObject({ live: faceFinding, chip: faceFinding, application: faceFinding }),
  presentationAttack: z.boolean(),
  engine: z.string().regex(/^[@\w./ -]{1,80}$/),
  practice: z.boolean(),
}) satisfies z.ZodType<FaceScoresDto>;
const cardSerial = z.string().regex(/^[A-Za-z0-9]{15}$/);
const reportDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reasonText = z.string().trim().min(1).max(500);
const pinPlan = z
  .array(z.strictObject({ kind: z.enum(PIN_KINDS), mode: z.enum(PIN_ENTRY_MODES) }))
  .min(1)
  .max(PIN_KINDS.length);

const auditFilter = z.strictObject({
  operatorId: operatorId.optional(),
  action: z.string().min(1).max(64).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

/**
 * Channel name -> request schema. Every schema is strict: unknown fields are a validation
 * error, not silently dropped, so a hostile payload never reaches a service half-read.
 */
export const requestSchemas = {
  'app:get-info': empty,
  'reader:list-readers': empty,
  'card:read-health': z.strictObject({ reader: readerName }),
  'sim:get-state': empty,
  'sim:insert-card': z.strictObject({ preset: presetId }),
  'sim:remove-card': empty,
  'auth:get-session': empty,
  'auth:setup-admin': z.strictObject({
    loginId,
    displayName,
    password,
    /** IT's one-time code from the machine configuration (production's first start). */
    setupCode: z.string().max(256).optional(),
  }),
  'auth:login': z.strictObject({ loginId, password }),
  'auth:logout': empty,
  'auth:unlock': z.strictObject({ password }),
  'auth:report-activity': empty,
  'auth:change-password': z.strictObject({ currentPassword: password, newPassword: password }),
  'approval:approve': z.strictObject({
    action: z.enum(APPROVAL_ACTIONS),
    procedureId: z.string().min(1).max(64).optional(),
    reason: z.string().trim().min(1).max(500),
    approverLoginId: loginId,
    approverPassword: password,
  }),
  'admin:list-operators': empty,
  'admin:create-operator': z.strictObject({
    loginId,
    displayName,
    role: z.enum(ROLES),
    password,
  }),
  'admin:set-operator-disabled': z.strictObject({ operatorId, disabled: z.boolean() }),
  'admin:reset-operator-password': z.strictObject({ operatorId, password }),
  'admin:backup-database': empty,
  // The clerk window's camera count (only a window can see cameras); null when it cannot tell.
  'admin:run-preflight': z.strictObject({ cameras: z.number().int().min(0).max(64).nullable() }),
  'admin:write-support-bundle': z.strictObject({
    cameras: z.number().int().min(0).max(64).nullable(),
  }),
  'preflight:summary': empty,
  'audit:search': z.strictObject({
    filter: auditFilter,
    page: z.number().int().min(1).max(1_000_000),
  }),
  'audit:verify': z.strictObject({ scope: z.enum(['recent', 'full']).optional() }),
  'audit:export-csv': z.strictObject({ filter: auditFilter }),
  'audit:status': empty,
  'audit:acknowledge-alarm': empty,
  /** Trainees' scenario results are kept unless the trainer clears them too. */
  'practice:reset': z.strictObject({ clearResults: z.boolean().optional() }),
  'scenario:library': empty,
  'scenario:start': z.strictObject({
    scenarioId: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(64),
  }),
  'scenario:current': empty,
  'scenario:finish': empty,
  'scenario:abandon': empty,
  'scenario:mine': empty,
  'scenario:result': z.strictObject({ runId: z.number().int().positive() }),
  'scenario:overview': empty,
  'scenario:create-trainee': z.strictObject({ loginId, displayName, password }),
  'scenario:assign': z.strictObject({
    traineeId: operatorId,
    scenarioIds: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
          .max(64),
      )
      .min(1)
      .max(100),
  }),
  'scenario:trainee-report': z.strictObject({ traineeId: operatorId }),
  'scenario:export-csv': empty,
  'sim:insert-application-card': z.strictObject({ noticeNumber }),
  'sim:set-authority-offline': z.strictObject({ offline: z.boolean() }),
  'sim:set-face-photos': z.strictObject({ photos: z.boolean() }),
  'sim:reinsert-card': empty,
  'resident:get-prompt': empty,
  'resident:check-pin': z.strictObject({
    kind: z.enum(PIN_KINDS),
    value: secretEntry,
    confirmation: secretEntry,
  }),
  'resident:submit-pins': z.strictObject({
    /** One entry per secret of the prompt; the three 4-digit PINs may carry the same value. */
    signing: pinEntry.optional(),
    auth: pinEntry.optional(),
    juki: pinEntry.optional(),
    text: pinEntry.optional(),
  }),
  /** 「職員を呼ぶ」 on the resident window: nothing to say but that it was pressed. */
  'resident:call-staff': empty,
  /** The procedure named is the one whose card face is on screen: a stale answer is refused. */
  'resident:confirm-card-face': z.strictObject({
    procedureId,
    answer: z.enum(CARD_FACE_ANSWERS),
  }),
  // ---- finding a resident, and every counter procedure (procedure.ts) ----
  'lookup:by-notice': z.strictObject({ noticeNumber, birthDate }),
  'lookup:by-serial': z.strictObject({ serial: cardSerial }),
  'lookup:by-name': z.strictObject({
    /** カナ or 漢字 name, part of it; with the birth date, never alone. */
    name: z.string().trim().min(1).max(64),
    birthDate,
  }),
  'lookup:history': z.strictObject({ residentId: z.number().int().positive() }),
  'procedure:start': z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('issuance'), applicationId: z.number().int().positive() }),
    /** 代理人交付: the first visit starts it; the second takes up the same procedure. */
    z.strictObject({
      kind: z.literal('representative'),
      applicationId: z.number().int().positive(),
    }),
    z.strictObject({
      kind: z.literal('suspension'),
      cardId,
      report: z.strictObject({
        reporter: z.enum(REPORTERS),
        method: z.enum(REPORT_METHODS),
        reportedAt: isoDateTime,
        note: z.string().trim().max(500),
      }),
    }),
    z.strictObject({
      kind: z.enum(['release', 'pin-reset', 'revocation', 'reissue']),
      cardId,
    }),
    z.strictObject({
      kind: z.literal('renewal'),
      cardId,
      /**
       * The card's facts changed (a move, a new name): the signing certificate alone is reissued
       * whatever its dates, so the renewal window is not checked at start (the choice checks the
       * chip's facts against the record instead).
       */
      factsChanged: z.boolean().optional(),
    }),
    /** 券面記載事項の変更: the record's facts onto the chip after a move or a new name. */
    z.strictObject({ kind: z.literal('card-change'), cardId }),
    /** 顔認証マイナンバーカード: switch the card to face-auth only, or back to a normal card. */
    z.strictObject({ kind: z.literal('card-kind'), cardId, to: z.enum(CARD_KINDS) }),
  ]),
  'procedure:get': z.strictObject({ procedureId }),
  'procedure:list-open': empty,
  'procedure:record-documents': z.strictObject({
    procedureId,
    kinds: documentKinds,
    /** 交付 only: under guardianship, and the legal representative who came (under 15 too). */
    guardianship: z.boolean().optional(),
    representative: z
      .strictObject({
        relation: z.enum([...REPRESENTATIVE_RELATIONS, ...DELIVERY_RELATIONS]),
        kinds: documentKinds,
      })
      .nullable()
      .optional(),
    /** 代理人交付 only: the 委任状 or the proof of legal representation seen. */
    authority: z.enum(DELIVERY_AUTHORITIES).nullable().optional(),
  }),
  /**
   * 代理人交付, first visit. The reason is any short word: main's rule refuses one not on the
   * list with its own code (delivery-reason-invalid), so the clerk is told why.
   */
  'procedure:record-request': z.strictObject({
    procedureId,
    reason: z.string().trim().min(1).max(32),
    representative: z.strictObject({
      name: z.string().trim().min(1).max(64),
      relation: z.enum(DELIVERY_RELATIONS),
      kinds: documentKinds,
    }),
  }),
  /** 代理人交付: the 照会書兼回答書 to post to the resident (again, while it waits for the reply). */
  'procedure:print-inquiry': z.strictObject({ procedureId }),
  /**
   * 代理人交付, second visit: the 照会書 brought back (its number as printed on it), the resident's
   * answers on it, and the sealed 暗証番号設定依頼書 (never opened by the clerk).
   */
  'procedure:record-reply': z.strictObject({
    procedureId,
    inquiryNumber: z.string().trim().min(1).max(32),
    answered: z.boolean(),
    pinSheetSealed: z.boolean(),
  }),
  'procedure:check-card': z.strictObject({ procedureId, reader: readerName }),
  'procedure:read-photos': z.strictObject({ procedureId, reader: readerName }),
  'procedure:record-face': z.strictObject({
    procedureId,
    decision: z.enum(['match', 'mismatch']),
    /** The second operator's confirmation of 一致, when the machine configuration asks for one. */
    approvalId: approvalId.optional(),
    /** The advisory similarity scores (numbers only: never an image or a face descriptor). */
    scores: faceScores.nullable().optional(),
    /** The clerk looked again where the app asked for a second look. */
    secondLook: z.boolean().optional(),
  }),
  'procedure:override-face': z.strictObject({ procedureId, approvalId }),
  'procedure:choose': z.strictObject({
    procedureId,
    plan: pinPlan,
    scope: z.enum(RENEWAL_SCOPES).optional(),
  }),
  'procedure:show-card-face': z.strictObject({ procedureId, reader: readerName }),
  'procedure:open-pin-entry': z.strictObject({ procedureId, reader: readerName }),
  'procedure:set-revocation-reason': z.strictObject({
    procedureId,
    reason: z.enum(REVOCATION_REASONS),
    cardPresent: z.boolean(),
  }),
  'procedure:set-reissue-reason': z.strictObject({
    procedureId,
    reason: z.enum(REISSUE_REASONS),
    express: z.boolean(),
    /** 特急発行: who asks and the day of the event (main checks it by the rule set in force). */
    expressRequest: z
      .strictObject({
        category: z.enum(EXPRESS_CATEGORIES),
        eventDate: z.iso.date().nullable(),
      })
      .optional(),
    /** The resident wants the certificates on the new card (true when absent). */
    withCertificates: z.boolean().optional(),
  }),
  /** 交付 outside the certificate service's hours: 後日交付 now, before the PINs. */
  'procedure:defer-certificates': z.strictObject({ procedureId }),
  'procedure:approve': z.strictObject({ procedureId, approvalId }),
  'procedure:record-fee': z.strictObject({
    procedureId,
    status: z.enum(['paid', 'waived']),
    waiverReason: reasonText.optional(),
  }),
  'procedure:record-destroyed': z.strictObject({ procedureId, reader: readerName.optional() }),
  'procedure:complete': z.strictObject({
    procedureId,
    /** 交付: the old cards taken back at the handover. */
    handover: z
      .strictObject({ collectedJukiCard: z.boolean(), collectedNotificationCard: z.boolean() })
      .optional(),
  }),
  'procedure:print-receipt': z.strictObject({ procedureId }),
  'procedure:print-deferral-slip': z.strictObject({ procedureId }),
  /** 券面記載事項の変更: the record's facts written to the card; the signing certificate reissued or not. */
  'procedure:write-card-facts': z.strictObject({
    procedureId,
    reader: readerName,
    /** What the record's 異動 changed (the 追記欄 notes these), at least one. */
    changed: z.array(z.enum(CHANGED_FACTS)).min(1).max(CHANGED_FACTS.length),
    reissueSigning: z.boolean(),
  }),
  /** 顔認証マイナンバーカード: the card switched to face-auth (to a normal card goes through the PINs). */
  'procedure:switch-card-kind': z.strictObject({ procedureId, reader: readerName }),
  /** 交付 of a 顔認証マイナンバーカード asked for at the PIN step: no PIN set, no signing certificate. */
  'procedure:issue-face-auth': z.strictObject({ procedureId, reader: readerName }),
  /** The 追記欄 note of a card change or a switch of kind, for the clerk to write on the card. */
  'procedure:print-card-note': z.strictObject({ procedureId }),
  /** 再発行 from the history open for residentId: main refuses another resident's document. */
  'procedure:reprint': z.strictObject({
    residentId: z.number().int().positive(),
    procedureId,
    document: z.enum(REPRINTABLE_DOCUMENTS),
  }),
  'procedure:cancel': z.strictObject({ procedureId, reason: reasonText }),
  /** 保留: the clerk parks the open procedure (from the idle ask, or to serve another resident). */
  'procedure:hold': z.strictObject({ procedureId, reason: z.enum(['clerk', 'idle']) }),
  /** The clerk answers the idle ask: the procedure goes on. */
  'procedure:keep': z.strictObject({ procedureId }),
  /**
   * An office counter takes over another counter's open procedure, with a 責任者's approval of
   * 'counter-takeover' for it (approval:approve).
   */
  'procedure:take-over': z.strictObject({ procedureId, approvalId }),
  'sim:receive-card': z.strictObject({ noticeNumber }),
  /** The practice clock: the time of day the service hours are judged at (null: the real one). */
  'sim:set-practice-clock': z.strictObject({
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .nullable(),
  }),
  /** The certificate service now (practice clock in practice) and the rule set in force. */
  'rules:today': empty,
  /** Cards nobody collected, with their reminder and destruction days. */
  'stock:uncollected': empty,
  'stock:record-reminder': z.strictObject({ cardId: z.number().int().positive() }),
  /** Destroys an uncollected card past its day, with a supervisor's approval. */
  'stock:destroy-uncollected': z.strictObject({
    cardId: z.number().int().positive(),
    approvalId,
  }),
  'reports:daily': z.strictObject({ date: reportDate }),
  'reports:daily-pdf': z.strictObject({ date: reportDate }),
  'reports:daily-csv': z.strictObject({ date: reportDate }),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

/** Channel name -> the value of a successful Result. */
export interface ResponseMap {
  'app:get-info': AppInfoDto;
  'reader:list-readers': ReadersDto;
  'card:read-health': CardHealthDto;
  'sim:get-state': SimStateDto;
  'sim:insert-card': SimStateDto;
  'sim:remove-card': SimStateDto;
  'auth:get-session': SessionDto;
  'auth:setup-admin': SessionDto;
  'auth:login': SessionDto;
  'auth:logout': SessionDto;
  'auth:unlock': SessionDto;
  'auth:report-activity': SessionDto;
  'auth:change-password': SessionDto;
  'approval:approve': ApprovalDto;
  'admin:list-operators': readonly OperatorDto[];
  'admin:create-operator': OperatorDto;
  'admin:set-operator-disabled': OperatorDto;
  'admin:reset-operator-password': OperatorDto;
  'admin:backup-database': FileWrittenDto;
  'admin:run-preflight': PreflightReportDto;
  'admin:write-support-bundle': FileWrittenDto;
  'preflight:summary': PreflightSummaryDto;
  'audit:search': PageDto<AuditRowDto>;
  'audit:verify': AuditVerifyDto;
  'audit:export-csv': FileWrittenDto;
  'audit:status': AuditStatusDto;
  'audit:acknowledge-alarm': AuditStatusDto;
  'practice:reset': SessionDto;
  'scenario:library': readonly ScenarioSummaryDto[];
  'scenario:start': ScenarioRunDto;
  'scenario:current': ScenarioRunDto | null;
  'scenario:finish': ScenarioResultDto;
  'scenario:abandon': ScenarioRunDto;
  'scenario:mine': readonly MyScenarioDto[];
  'scenario:result': ScenarioResultDto;
  'scenario:overview': ScenarioOverviewDto;
  'scenario:create-trainee': TraineeDto;
  'scenario:assign': ScenarioOverviewDto;
  'scenario:trainee-report': FileWrittenDto;
  'scenario:export-csv': FileWrittenDto;
  'sim:insert-application-card': SimStateDto;
  'sim:set-authority-offline': SimStateDto;
  'sim:set-face-photos': SimStateDto;
  'sim:reinsert-card': SimStateDto;
  'resident:get-prompt': ResidentPromptDto | null;
  'resident:check-pin': PinCheckDto;
  'resident:submit-pins': ResidentSubmitDto;
  'resident:call-staff': StaffCallDto;
  'resident:confirm-card-face': CardFaceAnsweredDto;
  'lookup:by-notice': ResidentMatchDto;
  'lookup:by-serial': ResidentMatchDto;
  'lookup:by-name': readonly ResidentMatchDto[];
  'lookup:history': ResidentHistoryDto;
  'procedure:start': ProcedureDto;
  'procedure:get': ProcedureDto;
  'procedure:list-open': readonly ProcedureDto[];
  'procedure:record-documents': ProcedureDto;
  'procedure:check-card': ProcedureDto;
  'procedure:read-photos': FacePhotosDto;
  'procedure:record-face': ProcedureDto;
  'procedure:override-face': ProcedureDto;
  'procedure:choose': ProcedureDto;
  'procedure:show-card-face': ProcedureDto;
  'procedure:open-pin-entry': ProcedureDto;
  'procedure:set-revocation-reason': ProcedureDto;
  'procedure:set-reissue-reason': ProcedureDto;
  'procedure:defer-certificates': ProcedureDto;
  'procedure:approve': ProcedureDto;
  'procedure:record-fee': ProcedureDto;
  'procedure:record-destroyed': ProcedureDto;
  'procedure:complete': ProcedureDto;
  'procedure:print-receipt': FileWrittenDto;
  'procedure:print-deferral-slip': FileWrittenDto;
  'procedure:record-request': ProcedureDto;
  'procedure:print-inquiry': FileWrittenDto;
  'procedure:record-reply': ProcedureDto;
  'procedure:write-card-facts': ProcedureDto;
  'procedure:switch-card-kind': ProcedureDto;
  'procedure:issue-face-auth': ProcedureDto;
  'procedure:print-card-note': FileWrittenDto;
  'procedure:reprint': FileWrittenDto;
  'procedure:cancel': ProcedureDto;
  'procedure:hold': ProcedureDto;
  'procedure:keep': ProcedureDto;
  'procedure:take-over': ProcedureDto;
  'sim:receive-card': SimStateDto;
  'sim:set-practice-clock': SimStateDto;
  'rules:today': RulesTodayDto;
  'stock:uncollected': readonly UncollectedCardDto[];
  'stock:record-reminder': UncollectedCardDto;
  'stock:destroy-uncollected': readonly UncollectedCardDto[];
  'reports:daily': DailyReportDto;
  'reports:daily-pdf': FileWrittenDto;
  'reports:daily-csv': FileWrittenDto;
}

/**
 * Who may call each channel, checked in main on every call (the UI hiding a button is only a
 * courtesy). 'public': before login too. 'operator': any logged-in, unlocked operator. A group of
 * roles: rules/roles.ts (the administrator runs no counter procedure, the trainer works in
 * practice mode). 'resident': only from the resident window, and only while a counter operator
 * is logged in; it goes on while the clerk's screen is locked (the resident's PIN entry is not cut
 * off), and it never counts as the clerk's activity. Every other channel is refused from that
 * window.
 */
export type Access = 'public' | 'operator' | 'resident' | readonly Role[];

export const CHANNEL_ACCESS: { readonly [C in Channel]: Access } = {
  'app:get-info': 'public',
  'reader:list-readers': COUNTER_ROLES,
  'card:read-health': COUNTER_ROLES,
  'sim:get-state': COUNTER_ROLES,
  'sim:insert-card': COUNTER_ROLES,
  'sim:remove-card': COUNTER_ROLES,
  'auth:get-session': 'public',
  'auth:setup-admin': 'public',
  'auth:login': 'public',
  'auth:logout': 'public',
  // Unlock is the one call a locked session may make: the router lets it through to the service.
  'auth:unlock': 'public',
  'auth:report-activity': 'operator',
  // The one thing an operator whose password was reset may do (the session checks the login).
  'auth:change-password': 'public',
  'approval:approve': COUNTER_ROLES,
  'admin:list-operators': ADMIN_ROLES,
  'admin:create-operator': ADMIN_ROLES,
  'admin:set-operator-disabled': ADMIN_ROLES,
  'admin:reset-operator-password': ADMIN_ROLES,
  'admin:backup-database': ADMIN_ROLES,
  'admin:run-preflight': ADMIN_ROLES,
  'admin:write-support-bundle': ADMIN_ROLES,
  // Every operator's window shows the strip when a start-up check failed.
  'preflight:summary': 'operator',
  'audit:search': ADMIN_ROLES,
  'audit:verify': ADMIN_ROLES,
  'audit:export-csv': ADMIN_ROLES,
  'audit:status': ADMIN_ROLES,
  'audit:acknowledge-alarm': ADMIN_ROLES,
  'practice:reset': TRAINER_ROLES,
  // A trainee works a scenario as a clerk; the trainer may try one too.
  'scenario:library': COUNTER_ROLES,
  'scenario:start': COUNTER_ROLES,
  'scenario:current': COUNTER_ROLES,
  'scenario:finish': COUNTER_ROLES,
  'scenario:abandon': COUNTER_ROLES,
  'scenario:mine': COUNTER_ROLES,
  // The trainee's own result; the trainer's any (the service checks which).
  'scenario:result': COUNTER_ROLES,
  'scenario:overview': TRAINER_ROLES,
  'scenario:create-trainee': TRAINER_ROLES,
  'scenario:assign': TRAINER_ROLES,
  'scenario:trainee-report': TRAINER_ROLES,
  'scenario:export-csv': TRAINER_ROLES,
  'sim:insert-application-card': COUNTER_ROLES,
  'sim:set-authority-offline': COUNTER_ROLES,
  'sim:set-face-photos': COUNTER_ROLES,
  'sim:reinsert-card': COUNTER_ROLES,
  'resident:get-prompt': 'resident',
  'resident:check-pin': 'resident',
  'resident:submit-pins': 'resident',
  'resident:call-staff': 'resident',
  'resident:confirm-card-face': 'resident',
  'lookup:by-notice': COUNTER_ROLES,
  'lookup:by-serial': COUNTER_ROLES,
  'lookup:by-name': COUNTER_ROLES,
  'lookup:history': COUNTER_ROLES,
  'procedure:start': COUNTER_ROLES,
  'procedure:get': COUNTER_ROLES,
  'procedure:list-open': COUNTER_ROLES,
  'procedure:record-documents': COUNTER_ROLES,
  'procedure:check-card': COUNTER_ROLES,
  'procedure:read-photos': COUNTER_ROLES,
  'procedure:record-face': COUNTER_ROLES,
  'procedure:override-face': COUNTER_ROLES,
  'procedure:choose': COUNTER_ROLES,
  'procedure:show-card-face': COUNTER_ROLES,
  'procedure:open-pin-entry': COUNTER_ROLES,
  'procedure:set-revocation-reason': COUNTER_ROLES,
  'procedure:set-reissue-reason': COUNTER_ROLES,
  'procedure:defer-certificates': COUNTER_ROLES,
  'procedure:approve': COUNTER_ROLES,
  'procedure:record-fee': COUNTER_ROLES,
  'procedure:record-destroyed': COUNTER_ROLES,
  'procedure:complete': COUNTER_ROLES,
  'procedure:print-receipt': COUNTER_ROLES,
  'procedure:print-deferral-slip': COUNTER_ROLES,
  'procedure:record-request': COUNTER_ROLES,
  'procedure:print-inquiry': COUNTER_ROLES,
  'procedure:record-reply': COUNTER_ROLES,
  'procedure:write-card-facts': COUNTER_ROLES,
  'procedure:switch-card-kind': COUNTER_ROLES,
  'procedure:issue-face-auth': COUNTER_ROLES,
  'procedure:print-card-note': COUNTER_ROLES,
  'procedure:reprint': COUNTER_ROLES,
  'procedure:cancel': COUNTER_ROLES,
  'procedure:hold': COUNTER_ROLES,
  'procedure:keep': COUNTER_ROLES,
  'procedure:take-over': COUNTER_ROLES,
  'sim:receive-card': COUNTER_ROLES,
  'sim:set-practice-clock': COUNTER_ROLES,
  'rules:today': COUNTER_ROLES,
  'stock:uncollected': COUNTER_ROLES,
  'stock:record-reminder': COUNTER_ROLES,
  'stock:destroy-uncollected': COUNTER_ROLES,
  'reports:daily': REPORT_ROLES,
  'reports:daily-pdf': REPORT_ROLES,
  'reports:daily-csv': REPORT_ROLES,
};

/** Channels the resident window may call; it may call nothing else (app:get-info aside). */
export const RESIDENT_CHANNELS: readonly Channel[] = [
  'app:get-info',
  'resident:get-prompt',
  'resident:check-pin',
  'resident:submit-pins',
  'resident:call-staff',
  'resident:confirm-card-face',
];

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** Events main sends to the renderer. Payloads are DTOs; never an IpcRendererEvent. */
export interface EventMap {
  'reader:changed': ReadersDto;
  /** Login, logout, idle lock and unlock: the renderer switches screens on it. */
  'auth:changed': SessionDto;
  /** A procedure moved on (a step, PIN progress, certificate phase): the clerk window follows. */
  'procedure:updated': ProcedureDto;
  /** The resident window's prompt: shown, changed, or cleared (null). Clerk windows ignore it. */
  'resident:prompt-changed': ResidentPromptDto | null;
  /** The card work after the resident's 設定する moved on a step (the resident's progress bar). */
  'resident:progress': ResidentProgressDto;
  /** The resident pressed 「職員を呼ぶ」: the clerk window shows a notice until dismissed. */
  'resident:staff-called': StaffCallDto;
  /** How far the administrator's audit check has got. */
  'audit:verify-progress': AuditVerifyProgressDto;
  /** The audit log's state changed (start-up check done, alarm, anchors file): ask audit:status. */
  'audit:status-changed': null;
  /** The start-up checks finished: the clerk window's strip asks preflight:summary. */
  'preflight:changed': null;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'reader:changed',
  'auth:changed',
  'procedure:updated',
  'resident:prompt-changed',
  'resident:progress',
  'resident:staff-called',
  'audit:verify-progress',
  'audit:status-changed',
  'preflight:changed',
];
/** The only events the resident window's preload forwards. */
export const RESIDENT_EVENT_NAMES: readonly EventName[] = [
  'resident:prompt-changed',
  'resident:progress',
];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
