// Calls into window.counter that always settle as a Result, so a broken transport shows words, not a blank screen.
import type { AppError } from '../../preload/contract/errors';
import { err, type Result } from '../../preload/contract/result';

/** Codes that mean the screen no longer matches the session (locked meanwhile, logged out). */
const SESSION_CODES: ReadonlySet<string> = new Set(['session-locked', 'not-logged-in']);
let onSessionRefused: (() => void) | null = null;

/** The session store registers here, so any refused call brings the right screen (lock, login). */
export function setSessionRefusedHandler(handler: (() => void) | null): void {
  onSessionRefused = handler;
}

export async function callCounter<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  let result: Result<T>;
  try {
    result = await call();
  } catch {
    // The transport itself failed (no preload, a closed main process): nothing more to tell the clerk.
    return err<AppError>({ code: 'internal', detail: 'transport' });
  }
  if (!result.ok && SESSION_CODES.has(result.error.code)) onSessionRefused?.();
  return result;
}
