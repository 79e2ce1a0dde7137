// The one channel map both sides share: request schema (zod, validated in main) and response type.
import { z } from 'zod';
import type {
  AppInfoDto,
  ApprovalDto,
  AuditRowDto,
  AuditVerifyDto,
  CardHealthDto,
  FileWrittenDto,
  OperatorDto,
  PageDto,
  ReadersDto,
  SessionDto,
  SimStateDto,
} from './dto';
import { PIN_KINDS } from './dto';
import {
  REPRESENTATIVE_RELATIONS,
  type ApplicationSummaryDto,
  type FacePhotosDto,
  type IssuanceDto,
  type OpenProcedureDto,
  type PinCheckDto,
  type ResidentPromptDto,
  type ResidentSubmitDto,
} from './issuance';
import { DOCUMENT_KINDS } from './rules/documents';
import {
  LIFE_KINDS,
  PIN_ENTRY_MODES,
  RENEWAL_SCOPES,
  REPORTERS,
  REPORT_METHODS,
  type CardLookupDto,
  type DailyReportDto,
  type LifeProcedureDto,
  type ResidentHistoryDto,
} from './lifecycle';
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
  'auth:setup-admin': z.strictObject({ loginId, displayName, password }),
  'auth:login': z.strictObject({ loginId, password }),
  'auth:logout': empty,
  'auth:unlock': z.strictObject({ password }),
  'auth:report-activity': empty,
  'auth:change-password': z.strictObject({ currentPassword: password, newPassword: password }),
  'approval:approve': z.strictObject({
    action: z.enum(['face-check-override', 'revocation', 'reissue', 'pin-reset-without-id']),
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
  'audit:search': z.strictObject({
    filter: auditFilter,
    page: z.number().int().min(1).max(1_000_000),
  }),
  'audit:verify': empty,
  'audit:export-csv': z.strictObject({ filter: auditFilter }),
  'practice:reset': empty,
  'sim:insert-application-card': z.strictObject({ noticeNumber }),
  'sim:set-authority-offline': z.strictObject({ offline: z.boolean() }),
  'sim:reinsert-card': empty,
  'issuance:find-by-notice': z.strictObject({ noticeNumber, birthDate }),
  'issuance:search': z.strictObject({
    /** カナ or 漢字 name, part of it; with the birth date, never alone. */
    name: z.string().trim().min(1).max(64),
    birthDate,
  }),
  'issuance:list-open': empty,
  'issuance:start': z.strictObject({ applicationId: z.number().int().positive() }),
  'issuance:get': z.strictObject({ procedureId }),
  'issuance:record-documents': z.strictObject({
    procedureId,
    kinds: documentKinds,
    guardianship: z.boolean(),
    representative: z
      .strictObject({ relation: z.enum(REPRESENTATIVE_RELATIONS), kinds: documentKinds })
      .nullable(),
  }),
  'issuance:check-card': z.strictObject({ procedureId, reader: readerName }),
  'issuance:read-photos': z.strictObject({ procedureId, reader: readerName }),
  'issuance:record-face': z.strictObject({ procedureId, decision: z.enum(['match', 'mismatch']) }),
  'issuance:override-face': z.strictObject({
    procedureId,
    approvalId: z.number().int().positive(),
  }),
  'issuance:open-pin-entry': z.strictObject({ procedureId, reader: readerName }),
  'issuance:complete': z.strictObject({
    procedureId,
    collectedJukiCard: z.boolean(),
    collectedNotificationCard: z.boolean(),
  }),
  'issuance:print-receipt': z.strictObject({ procedureId }),
  'issuance:print-deferral-slip': z.strictObject({ procedureId }),
  'issuance:cancel': z.strictObject({ procedureId, reason: z.string().trim().min(1).max(500) }),
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
  // ---- the card's later life (lifecycle.ts) ----
  'life:find-by-serial': z.strictObject({ serial: cardSerial }),
  'life:search': z.strictObject({ name: z.string().trim().min(1).max(64), birthDate }),
  'life:history': z.strictObject({ residentId: z.number().int().positive() }),
  'life:list-open': empty,
  'suspension:register': z.strictObject({
    cardId,
    reporter: z.enum(REPORTERS),
    method: z.enum(REPORT_METHODS),
    reportedAt: isoDateTime,
    note: z.string().trim().max(500),
  }),
  'life:start': z.strictObject({
    kind: z.enum(LIFE_KINDS).exclude(['suspension']),
    cardId,
  }),
  'life:get': z.strictObject({ procedureId }),
  'life:record-documents': z.strictObject({ procedureId, kinds: documentKinds }),
  'life:check-card': z.strictObject({ procedureId, reader: readerName }),
  'life:read-photos': z.strictObject({ procedureId, reader: readerName }),
  'life:record-face': z.strictObject({ procedureId, decision: z.enum(['match', 'mismatch']) }),
  'life:override-face': z.strictObject({
    procedureId,
    approvalId: z.number().int().positive(),
  }),
  'life:choose': z.strictObject({
    procedureId,
    plan: pinPlan,
    scope: z.enum(RENEWAL_SCOPES).optional(),
  }),
  'life:open-pin-entry': z.strictObject({ procedureId, reader: readerName }),
  'revocation:set-reason': z.strictObject({
    procedureId,
    reason: z.enum(REVOCATION_REASONS),
    cardPresent: z.boolean(),
  }),
  'reissue:set-reason': z.strictObject({
    procedureId,
    reason: z.enum(REISSUE_REASONS),
    express: z.boolean(),
  }),
  'life:approve': z.strictObject({ procedureId, approvalId: z.number().int().positive() }),
  'reissue:record-fee': z.strictObject({
    procedureId,
    status: z.enum(['paid', 'waived']),
    waiverReason: reasonText.optional(),
  }),
  'revocation:record-destroyed': z.strictObject({ procedureId, reader: readerName.optional() }),
  'life:complete': z.strictObject({ procedureId }),
  'life:print-receipt': z.strictObject({ procedureId }),
  'life:cancel': z.strictObject({ procedureId, reason: reasonText }),
  'sim:receive-card': z.strictObject({ noticeNumber }),
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
  'audit:search': PageDto<AuditRowDto>;
  'audit:verify': AuditVerifyDto;
  'audit:export-csv': FileWrittenDto;
  'practice:reset': SessionDto;
  'sim:insert-application-card': SimStateDto;
  'sim:set-authority-offline': SimStateDto;
  'sim:reinsert-card': SimStateDto;
  'issuance:find-by-notice': ApplicationSummaryDto;
  'issuance:search': readonly ApplicationSummaryDto[];
  'issuance:list-open': readonly OpenProcedureDto[];
  'issuance:start': IssuanceDto;
  'issuance:get': IssuanceDto;
  'issuance:record-documents': IssuanceDto;
  'issuance:check-card': IssuanceDto;
  'issuance:read-photos': FacePhotosDto;
  'issuance:record-face': IssuanceDto;
  'issuance:override-face': IssuanceDto;
  'issuance:open-pin-entry': IssuanceDto;
  'issuance:complete': IssuanceDto;
  'issuance:print-receipt': FileWrittenDto;
  'issuance:print-deferral-slip': FileWrittenDto;
  'issuance:cancel': IssuanceDto;
  'resident:get-prompt': ResidentPromptDto | null;
  'resident:check-pin': PinCheckDto;
  'resident:submit-pins': ResidentSubmitDto;
  'life:find-by-serial': CardLookupDto;
  'life:search': readonly CardLookupDto[];
  'life:history': ResidentHistoryDto;
  'life:list-open': readonly LifeProcedureDto[];
  'suspension:register': LifeProcedureDto;
  'life:start': LifeProcedureDto;
  'life:get': LifeProcedureDto;
  'life:record-documents': LifeProcedureDto;
  'life:check-card': LifeProcedureDto;
  'life:read-photos': FacePhotosDto;
  'life:record-face': LifeProcedureDto;
  'life:override-face': LifeProcedureDto;
  'life:choose': LifeProcedureDto;
  'life:open-pin-entry': LifeProcedureDto;
  'revocation:set-reason': LifeProcedureDto;
  'reissue:set-reason': LifeProcedureDto;
  'life:approve': LifeProcedureDto;
  'reissue:record-fee': LifeProcedureDto;
  'revocation:record-destroyed': LifeProcedureDto;
  'life:complete': LifeProcedureDto;
  'life:print-receipt': FileWrittenDto;
  'life:cancel': LifeProcedureDto;
  'sim:receive-card': SimStateDto;
  'reports:daily': DailyReportDto;
  'reports:daily-pdf': FileWrittenDto;
  'reports:daily-csv': FileWrittenDto;
}

/**
 * Who may call each channel, checked in main on every call (the UI hiding a button is only a
 * courtesy). 'public': before login too. 'operator': any logged-in, unlocked operator. A group of
 * roles: rules/roles.ts (the administrator runs no counter procedure, the trainer works in
 * practice mode). 'resident': only from the resident window, and only while a counter operator
 * is logged in and unlocked; every other channel is refused from that window.
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
  'audit:search': ADMIN_ROLES,
  'audit:verify': ADMIN_ROLES,
  'audit:export-csv': ADMIN_ROLES,
  'practice:reset': TRAINER_ROLES,
  'sim:insert-application-card': COUNTER_ROLES,
  'sim:set-authority-offline': COUNTER_ROLES,
  'sim:reinsert-card': COUNTER_ROLES,
  'issuance:find-by-notice': COUNTER_ROLES,
  'issuance:search': COUNTER_ROLES,
  'issuance:list-open': COUNTER_ROLES,
  'issuance:start': COUNTER_ROLES,
  'issuance:get': COUNTER_ROLES,
  'issuance:record-documents': COUNTER_ROLES,
  'issuance:check-card': COUNTER_ROLES,
  'issuance:read-photos': COUNTER_ROLES,
  'issuance:record-face': COUNTER_ROLES,
  'issuance:override-face': COUNTER_ROLES,
  'issuance:open-pin-entry': COUNTER_ROLES,
  'issuance:complete': COUNTER_ROLES,
  'issuance:print-receipt': COUNTER_ROLES,
  'issuance:print-deferral-slip': COUNTER_ROLES,
  'issuance:cancel': COUNTER_ROLES,
  'resident:get-prompt': 'resident',
  'resident:check-pin': 'resident',
  'resident:submit-pins': 'resident',
  'life:find-by-serial': COUNTER_ROLES,
  'life:search': COUNTER_ROLES,
  'life:history': COUNTER_ROLES,
  'life:list-open': COUNTER_ROLES,
  'suspension:register': COUNTER_ROLES,
  'life:start': COUNTER_ROLES,
  'life:get': COUNTER_ROLES,
  'life:record-documents': COUNTER_ROLES,
  'life:check-card': COUNTER_ROLES,
  'life:read-photos': COUNTER_ROLES,
  'life:record-face': COUNTER_ROLES,
  'life:override-face': COUNTER_ROLES,
  'life:choose': COUNTER_ROLES,
  'life:open-pin-entry': COUNTER_ROLES,
  'revocation:set-reason': COUNTER_ROLES,
  'reissue:set-reason': COUNTER_ROLES,
  'life:approve': COUNTER_ROLES,
  'reissue:record-fee': COUNTER_ROLES,
  'revocation:record-destroyed': COUNTER_ROLES,
  'life:complete': COUNTER_ROLES,
  'life:print-receipt': COUNTER_ROLES,
  'life:cancel': COUNTER_ROLES,
  'sim:receive-card': COUNTER_ROLES,
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
];

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** Events main sends to the renderer. Payloads are DTOs; never an IpcRendererEvent. */
export interface EventMap {
  'reader:changed': ReadersDto;
  /** Login, logout, idle lock and unlock: the renderer switches screens on it. */
  'auth:changed': SessionDto;
  /** The issuance the clerk window shows moved on (a step, PIN progress, certificate phase). */
  'issuance:updated': IssuanceDto;
  /** The resident window's prompt: shown, changed, or cleared (null). Clerk windows ignore it. */
  'resident:prompt-changed': ResidentPromptDto | null;
  /** A procedure of the card's later life moved on (step, PIN progress, certificate phase). */
  'life:updated': LifeProcedureDto;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'reader:changed',
  'auth:changed',
  'issuance:updated',
  'resident:prompt-changed',
  'life:updated',
];
/** The only event the resident window's preload forwards. */
export const RESIDENT_EVENT_NAMES: readonly EventName[] = ['resident:prompt-changed'];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
