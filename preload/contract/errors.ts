// Error codes that cross IPC. The renderer turns each into Japanese (or English) words via i18n.
import type { ProcedureKind } from './procedure-kinds';
import { PIN_RULE_VIOLATIONS } from './rules/pins';

export const ERROR_CODES = [
  // IPC and security
  'validation',
  'unknown-channel',
  'forbidden-sender',
  'not-practice-mode',
  'internal',
  // Reader subsystem
  'pcsc-unavailable',
  'pcsc-addon-missing',
  'no-reader',
  'reader-gone',
  // Card
  'no-card',
  'card-mute',
  'card-removed',
  'card-busy',
  'card-changed',
  'not-my-number-card',
  'card-terminated',
  'card-tampered',
  'card-timeout',
  'card-error',
  // Operators and sessions
  'not-logged-in',
  'session-locked',
  'forbidden-role',
  'setup-already-done',
  'setup-code-invalid', // the first administrator's setup code is not the one IT configured
  'setup-code-missing', // production without a setup code in the machine configuration
  'login-invalid',
  'login-locked',
  'login-disabled',
  'password-too-short',
  'password-change-required',
  'password-reused',
  'duplicate-login',
  'self-approval',
  'approver-not-allowed',
  'approval-paused', // too many wrong approver passwords at this clerk's requests; detail: until (ISO)
  'not-found',
  // Database
  'db-corrupt',
  'db-locked',
  'db-unavailable', // the office database (PostgreSQL) does not answer; nothing was recorded
  'db-full',
  'db-too-new',
  'db-mode-mismatch',
  'db-read-only', // the database file is write-protected
  'data-folder-read-only', // the data folder (or its disk) is write-protected
  'db-reference-missing', // a FOREIGN KEY failure: a record the change names is not there
  'data-key-wrong', // the data key does not open this database (another machine, user or key file)
  'data-key-unavailable', // the OS key store cannot protect the data key on this machine
  'data-key-exposed', // the key file may be read by other users (too wide permissions)
  'office-key-missing', // no office key is installed on this counter (office database)
  'office-key-wrong', // the installed office key is another machine's or another office's
  'disk-full', // a file (export, receipt, backup) could not be written: no space; nothing was left
  'backup-failed',
  'backup-on-server', // the office database is backed up on its server by IT, not by a counter
  // 交付 and other counter procedures
  'application-not-found',
  'application-not-ready',
  'application-issued',
  'application-cancelled',
  'procedure-closed',
  'procedure-busy',
  'other-resident-open', // another resident's procedure is open at this counter (see openProcedure)
  'other-counter-open', // another office counter holds the procedure (detail: its counterNumber)
  'step-not-allowed',
  'documents-invalid',
  'representative-required',
  'face-mismatch',
  'approval-invalid',
  'notice-match-required', // a look-alike (same name and birth date, same household): by the 交付通知書 only
  'second-check-required', // the face check's 一致 needs a second operator's confirmation
  'second-look-required', // a low similarity score: 一致 needs the clerk's second look first
  'wrong-card',
  'card-facts-mismatch',
  'card-not-issuable',
  'authority-unavailable',
  'authority-refused',
  'certificate-check-failed',
  'pin-entry-not-open',
  'card-face-not-confirmed', // the PINs wait for the resident's 券面確認
  'card-face-wrong', // the resident said a fact on the card is wrong: the 交付 stops there
  // 代理人交付 (rules/documents.ts)
  'application-in-procedure', // another 交付 of this application is open (in person or by a representative)
  'delivery-reason-invalid', // not a listed やむを得ない理由 (detail: not-listed, under-75)
  'inquiry-not-sent', // the second visit before the first: no 照会書 was sent
  'inquiry-mismatch', // the 照会書 brought back is not the one sent for this request
  'inquiry-expired', // the 照会書 is past its validity: the request is made again
  'inquiry-unanswered', // the resident's answers or the sealed 暗証番号設定依頼書 are missing
  // The resident's PIN rules; detail names the secret (signing, auth, juki, text)
  ...PIN_RULE_VIOLATIONS,
  'receipt-failed',
  // The card's later life (lifecycle.ts)
  'card-not-issued', // the procedure needs an issued (or suspended) card
  'card-already-suspended',
  'card-not-suspended', // 解除 of a card that is not suspended
  'card-revoked', // the card is 廃止 in the database: only 再交付 (and recording its return) remain
  'card-not-present', // the step needs the card in the reader
  'report-in-future',
  'pin-wrong', // a current value was wrong; detail pinWrongDetail's "<kind>:<tries left>" (rules/pins.ts)
  'pin-locked', // a current value cannot be used: locked; reset it instead (detail: kind)
  'renewal-too-early', // more than 3 months before the certificates expire
  'facts-unchanged', // signing-only renewal, but the four facts on the certificate are current
  'card-kind-unchanged', // 顔認証 switch to the kind the card already is
  'face-auth-card', // the card is 顔認証 (no PINs, no signing certificate): switch it back first
  'certificate-procedure-open', // another procedure on the card's certificates is open (detail: its kind)
  'express-not-allowed',
  'express-not-eligible', // 特急発行 refused by the rule set in force (detail: rules/express.ts's why)
  'certificate-service-closed', // outside the certificate service's hours (detail: why:reopens ISO)
  'card-not-uncollected', // the card is not one waiting for collection (issued, destroyed, …)
  'uncollected-not-due', // an uncollected card before the municipality's destruction date
  'waiver-reason-required',
  'approval-required',
  'reissue-exists',
  'plan-invalid', // the chosen secrets/modes do not fit the procedure (detail says which)
  'report-failed',
  'scenario-not-found', // no scenario of that id in the library
  'scenario-setup-failed', // the scenario's set-up could not be made (detail says what)
  'scenario-needs-reset', // a seed resident the scenario names was changed by an earlier run (detail: notice)
  'scenario-run-open', // the trainee has a run open: finish or abandon it first
  'no-scenario-run', // no open run of this trainee
  'not-trainee', // the account is not a trainee's practice account
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  /** Extra facts for the message: a status word in hex, a reader name, an issue path. Never a secret. */
  readonly detail?: string;
  /**
   * The entry of the local error log that holds this error for IT (`E-20261125-KQWXRT`): set on
   * unexpected errors and storage faults, shown to the clerk to pass on.
   */
  readonly errorId?: string;
  /** A refusal for another resident: the procedure open at this counter, to finish or park first. */
  readonly openProcedure?: OpenProcedureRef;
  /** A refused card: its holder's name in the database, or null when this counter does not know it. */
  readonly cardHolder?: string | null;
}

/** The procedure open at the counter, as a refusal names it to the clerk. */
export interface OpenProcedureRef {
  readonly procedureId: string;
  readonly kind: ProcedureKind;
  /** The resident's name (漢字) the procedure belongs to. */
  readonly residentName: string;
  readonly startedAt: string;
}

/** The form of an error log entry's id: `E-`, the day (yyyymmdd), `-`, six letters. */
export const ERROR_ID_PATTERN = /^E-\d{8}-[A-Z]{6}$/;

/**
 * db-too-new's detail: the version the file needs (the newer app that last opened it, else its
 * schema number) and this app's, as `0.2.0 > 0.1.0`. The message names both.
 */
export function tooNewDetail(database: string | null, schema: number, app: string): string {
  return `${database ?? `形式${schema}`} > ${app}`;
}

/** The two versions of a db-too-new detail; null when the detail is not one. */
export function parseTooNewDetail(
  detail: string | undefined,
): { database: string; app: string } | null {
  const m = /^(.+) > (.+)$/.exec(detail ?? '');
  return m ? { database: m[1]!, app: m[2]! } : null;
}
