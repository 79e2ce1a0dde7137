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
  Role,
  SessionDto,
  SimStateDto,
} from './dto';
import { ROLES } from './dto';

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
}

/**
 * Who may call each channel, checked in main on every call (the UI hiding a button is only a
 * courtesy). 'public': before login too. 'operator': any logged-in, unlocked operator.
 * WORKFLOWS.md: the administrator runs no counter procedure; the trainer works in practice mode.
 */
export type Access = 'public' | 'operator' | readonly Role[];
const COUNTER: readonly Role[] = ['clerk', 'supervisor', 'trainer'];

export const CHANNEL_ACCESS: { readonly [C in Channel]: Access } = {
  'app:get-info': 'public',
  'reader:list-readers': COUNTER,
  'card:read-health': COUNTER,
  'sim:get-state': COUNTER,
  'sim:insert-card': COUNTER,
  'sim:remove-card': COUNTER,
  'auth:get-session': 'public',
  'auth:setup-admin': 'public',
  'auth:login': 'public',
  'auth:logout': 'public',
  // Unlock is the one call a locked session may make: the router lets it through to the service.
  'auth:unlock': 'public',
  'auth:report-activity': 'operator',
  // The one thing an operator whose password was reset may do (the session checks the login).
  'auth:change-password': 'public',
  'approval:approve': COUNTER,
  'admin:list-operators': ['admin'],
  'admin:create-operator': ['admin'],
  'admin:set-operator-disabled': ['admin'],
  'admin:reset-operator-password': ['admin'],
  'admin:backup-database': ['admin'],
  'audit:search': ['admin'],
  'audit:verify': ['admin'],
  'audit:export-csv': ['admin'],
  'practice:reset': ['trainer'],
};

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** Events main sends to the renderer. Payloads are DTOs; never an IpcRendererEvent. */
export interface EventMap {
  'reader:changed': ReadersDto;
  /** Login, logout, idle lock and unlock: the renderer switches screens on it. */
  'auth:changed': SessionDto;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['reader:changed', 'auth:changed'];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
