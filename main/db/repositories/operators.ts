// SQL of operator accounts: rows, password hashes as given, failed-try counts and lock times, disabling.
// The rules (how hashes are made, when an account locks) are in main/operators/.
import type { Role } from '../../../preload/contract/rules/roles';
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import type { Queryable, Tx } from '../connection';
import { DuplicateRecordError, RecordNotFoundError } from '../errors';

/** An operator's role (the contract's list). */
export type OperatorRole = Role;

export interface Operator {
  readonly id: number;
  readonly loginId: string;
  readonly displayName: string;
  readonly role: OperatorRole;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

/** An operator with the stored password hash, for the login check only (never leaves main/operators). */
export interface OperatorLogin extends Operator {
  readonly passwordHash: string;
}

interface Row {
  id: number;
  login_id: string;
  display_name: string;
  role: OperatorRole;
  password_hash: string;
  disabled: number;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

const COLUMNS = `id, login_id, display_name, role, password_hash, disabled, must_change_password,
  failed_attempts, locked_until, created_at`;

function toOperator(r: Row): Operator {
  return {
    id: r.id,
    loginId: r.login_id,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  };
}

function toOperatorLogin(r: Row): OperatorLogin {
  return { ...toOperator(r), passwordHash: r.password_hash };
}

export async function insertOperator(
  tx: Tx,
  o: {
    readonly loginId: string;
    readonly displayName: string;
    readonly role: OperatorRole;
    readonly passwordHash: string;
    /** True when someone else chose the password: the operator must change it at first login. */
    readonly mustChangePassword?: boolean;
  },
  clock?: Clock,
): Promise<number> {
  const now = isoNow(clock);
  try {
    const res = await tx.run(
      `INSERT INTO operators (login_id, display_name, role, password_hash, must_change_password,
                              created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        o.loginId.normalize('NFKC').trim(),
        o.displayName,
        o.role,
        o.passwordHash,
        o.mustChangePassword ?? false,
        now,
        now,
      ],
    );
    return res.lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('operator');
    throw err;
  }
}

export async function getOperator(q: Queryable, id: number): Promise<Operator> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE id = ?`, [id]);
  if (!row) throw new RecordNotFoundError('operator', id);
  return toOperator(row);
}

export async function findOperatorByLogin(
  q: Queryable,
  loginId: string,
): Promise<Operator | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE login_id = ?`, [
    loginId.normalize('NFKC').trim(),
  ]);
  return row ? toOperator(row) : undefined;
}

/** The operator with this login id and their hash, for a password check. */
export async function findOperatorLogin(
  q: Queryable,
  loginId: string,
): Promise<OperatorLogin | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE login_id = ?`, [
    loginId.normalize('NFKC').trim(),
  ]);
  return row ? toOperatorLogin(row) : undefined;
}

/** Re-reads an operator and their hash inside the transaction that records a check's outcome. */
export async function getOperatorLogin(q: Queryable, id: number): Promise<OperatorLogin> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE id = ?`, [id]);
  if (!row) throw new RecordNotFoundError('operator', id);
  return toOperatorLogin(row);
}

export async function listOperators(q: Queryable): Promise<Operator[]> {
  const rows = await q.all<Row>(`SELECT ${COLUMNS} FROM operators ORDER BY login_id`);
  return rows.map(toOperator);
}

/** Zero on first start: the app then shows the setup screen for the first administrator. */
export async function countOperators(q: Queryable): Promise<number> {
  return (await q.get<{ n: number }>('SELECT count(*) AS n FROM operators'))?.n ?? 0;
}

/** The count of wrong passwords in a row, and until when the account is locked (null: not locked). */
export async function setLoginFailures(
  tx: Tx,
  id: number,
  failedAttempts: number,
  lockedUntil: string | null,
): Promise<void> {
  const res = await tx.run(
    'UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?',
    [failedAttempts, lockedUntil, id],
  );
  if (res.changes !== 1) throw new RecordNotFoundError('operator', id);
}

/**
 * The same password hashed anew (at a higher cost): nothing else changes, not even when the
 * password was last changed.
 */
export async function replacePasswordHash(tx: Tx, id: number, passwordHash: string): Promise<void> {
  const res = await tx.run('UPDATE operators SET password_hash = ? WHERE id = ?', [
    passwordHash,
    id,
  ]);
  if (res.changes !== 1) throw new RecordNotFoundError('operator', id);
}

export async function setOperatorDisabled(tx: Tx, id: number, disabled: boolean): Promise<void> {
  const res = await tx.run('UPDATE operators SET disabled = ? WHERE id = ?', [disabled, id]);
  if (res.changes !== 1) throw new RecordNotFoundError('operator', id);
}

/**
 * An administrator sets a new password: the lock and the count are cleared and the operator must
 * choose their own password at the next login. `passwordHash` comes from a PasswordHasher.
 */
export async function resetOperatorPassword(
  tx: Tx,
  id: number,
  passwordHash: string,
  options: { readonly mustChange?: boolean } = {},
  clock?: Clock,
): Promise<void> {
  const res = await tx.run(
    `UPDATE operators SET password_hash = ?, must_change_password = ?, failed_attempts = 0,
            locked_until = NULL, password_changed_at = ? WHERE id = ?`,
    [passwordHash, options.mustChange ?? true, isoNow(clock), id],
  );
  if (res.changes !== 1) throw new RecordNotFoundError('operator', id);
}
