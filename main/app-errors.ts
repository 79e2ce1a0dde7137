// Turns any exception of a service into an AppError code for IPC: words come from the renderer's i18n.
import type { AppError, ErrorCode } from '../preload/contract/errors';
import { cardErrorToAppError } from './card/card-errors';
import { DbError } from './db/errors';
import { PasswordPolicyError } from './operators/password-hash';
import { AccessError } from './operators/operator-session';

/** Database error codes that the clerk or IT can act on, each with its own message. */
const DB_CODES: Readonly<Record<string, ErrorCode>> = {
  'db-corrupt': 'db-corrupt',
  'db-locked': 'db-locked',
  'db-full': 'db-full',
  'db-too-new': 'db-too-new',
  'db-mode-mismatch': 'db-mode-mismatch',
  'self-approval': 'self-approval',
  'approver-not-allowed': 'approver-not-allowed',
  'record-not-found': 'not-found',
  'duplicate-record': 'duplicate-login',
  'backup-exists': 'backup-failed',
};

/** The core could not open its database: every call that needs it answers with the reason. */
export class StartupFailure extends Error {
  override readonly name = 'StartupFailure';
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof StartupFailure) return e.error;
  if (e instanceof AccessError)
    return e.detail ? { code: e.code, detail: e.detail } : { code: e.code };
  if (e instanceof PasswordPolicyError) return { code: 'password-too-short' };
  if (e instanceof DbError) {
    const code = DB_CODES[e.code];
    if (code) return { code };
    console.error(`[Core] database error ${e.code}`);
    return { code: 'internal', detail: e.code };
  }
  return cardErrorToAppError(e);
}
