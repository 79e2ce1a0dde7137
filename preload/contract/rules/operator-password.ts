// The operator password rule, shared by main (which enforces it) and the renderer (which shows it).

/**
 * The fewest characters an operator password may have. Characters are Unicode code points, as the
 * person typing counts them: 𠮷 or an emoji is one character although a JS string holds it as two.
 */
export const OPERATOR_PASSWORD_MIN_LENGTH = 8;

/** The password's length in code points. */
export function operatorPasswordLength(password: string): number {
  return [...password].length;
}

/** Whether main accepts `password` as an operator's new password. */
export function isAcceptableOperatorPassword(password: string): boolean {
  return operatorPasswordLength(password) >= OPERATOR_PASSWORD_MIN_LENGTH;
}
