// Turns any exception of a service into an AppError code for IPC: words come from the renderer's i18n.
import type { AppError, ErrorCode } from '../preload/contract/errors';
import { cardErrorToAppError } from './card/card-errors';
import { DbError, DbTooNewError } from './db/errors';
import { tooNewDetail } from '../preload/contract/errors';
import { KeyFileError } from './db/key-protector';
import type { ErrorContext, ErrorLog } from './logs/error-log';
import { PasswordPolicyError } from './operators/password-hash';
import { AccessError } from './operators/operator-session';

/** Database error codes that the clerk or IT can act on, each with its own message. */
const DB_CODES: Readonly<Record<string, ErrorCode>> = {
  'db-corrupt': 'db-corrupt',
  'db-locked': 'db-locked',
  'db-unavailable': 'db-unavailable',
  'db-full': 'db-full',
  'db-too-new': 'db-too-new',
  'db-mode-mismatch': 'db-mode-mismatch',
  'db-read-only': 'db-read-only',
  'data-folder-read-only': 'data-folder-read-only',
  'db-reference-missing': 'db-reference-missing',
  'data-key-wrong': 'data-key-wrong',
  'data-key-unavailable': 'data-key-unavailable',
  'office-key-missing': 'office-key-missing',
  'office-key-wrong': 'office-key-wrong',
  'self-approval': 'self-approval',
  'approver-not-allowed': 'approver-not-allowed',
  'record-not-found': 'not-found',
  'duplicate-record': 'duplicate-login',
  'backup-exists': 'backup-failed',
  'db-backup-on-server': 'backup-on-server',
};

/**
 * Codes whose cause IT has to look into: the error goes to the error log and the clerk is shown
 * the entry's number. The rest are the clerk's own to act on (a wrong password, a card pulled).
 */
const FOR_IT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'internal',
  'db-corrupt',
  'db-locked',
  'db-unavailable',
  'db-full',
  'db-too-new',
  'db-mode-mismatch',
  'db-read-only',
  'data-folder-read-only',
  'db-reference-missing',
  'data-key-wrong',
  'data-key-unavailable',
  'data-key-exposed',
  'office-key-missing',
  'office-key-wrong',
  'disk-full',
]);

/** The core could not open its database: every call that needs it answers with the reason. */
export class StartupFailure extends Error {
  override readonly name = 'StartupFailure';
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** The file system calls behind the files the app writes: exports, receipts, backups, the key. */
const FILE_CALLS: ReadonlySet<string> = new Set([
  'open',
  'write',
  'close',
  'fsync',
  'mkdir',
  'rename',
  'unlink',
  'copyfile',
  'ftruncate',
  'access',
]);

/** A file the app writes (an export, a receipt, a backup, the key file) hit the disk's limits. */
function fileSystemCode(e: unknown): ErrorCode | null {
  const err = e as { code?: unknown; syscall?: unknown } | null;
  if (typeof err?.syscall !== 'string' || !FILE_CALLS.has(err.syscall)) return null;
  switch (err.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'data-folder-read-only';
    default:
      return null;
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof StartupFailure) return e.error;
  if (e instanceof AccessError)
    return e.detail ? { code: e.code, detail: e.detail } : { code: e.code };
  if (e instanceof PasswordPolicyError) return { code: 'password-too-short' };
  // IT learns which version the file needs (the newer app's) beside this one's.
  if (e instanceof DbTooNewError && e.versions) {
    return {
      code: 'db-too-new',
      detail: tooNewDetail(e.versions.database, e.found, e.versions.app),
    };
  }
  if (e instanceof DbError) {
    const code = DB_CODES[e.code];
    return code ? { code } : { code: 'internal', detail: e.code };
  }
  if (e instanceof KeyFileError)
    return { code: e.reason === 'permissions' ? 'data-key-exposed' : 'data-key-wrong' };
  const fileCode = fileSystemCode(e);
  if (fileCode) return { code: fileCode };
  return cardErrorToAppError(e);
}

/**
 * toAppError for the boundaries (IPC, start-up): an error for IT is written to the error log
 * first, and the clerk's AppError carries the entry's number.
 */
export function createErrorReporter(
  log: ErrorLog,
): (e: unknown, context?: ErrorContext) => AppError {
  return (e, context = {}) => {
    const error = toAppError(e);
    // A start-up failure answered again was logged once, when it happened.
    if (e instanceof StartupFailure || !FOR_IT.has(error.code)) return error;
    return { ...error, errorId: log.record(e, { ...context, code: error.code }) };
  };
}
