// The operator password rule, shared by main (which enforces it) and the renderer (which shows it).

/**
 * The fewest characters an operator password may have. Characters are Unicode code points, as the
 * person typing counts them: 𠮷 or an emoji is one character although a JS string holds it as two.
 */
export const OPERATOR_PASSWORD_MIN_LENGTH = 8;

/** Wrong passwords in a row that lock a login id, and for how many minutes (main counts; screens say it). */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

/** Wrong approver passwords at one clerk's requests that pause approvals there, and for how long. */
export const MAX_APPROVAL_FAILURES = 5;
export const APPROVAL_PAUSE_MINUTES = 15;

/** The password's length in code points. */
export function operatorPasswordLength(password: string): number {
  return [...password].length;
}

/** Whether main accepts `password` as an operator's new password. */
export function isAcceptableOperatorPassword(password: string): boolean {
  return operatorPasswordLength(password) >= OPERATOR_PASSWORD_MIN_LENGTH;
}
