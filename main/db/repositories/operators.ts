// SQL of operator accounts: scrypt password hashes, failed-try counting and lockout, disabling.
import type { Role } from '../../../preload/contract/rules/roles';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../audit/audit-log';
import { isoNow, systemClock } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import type { Db, Queryable, Tx } from '../connection';
import { DuplicateRecordError, RecordNotFoundError } from '../errors';
import {
  isAcceptableOperatorPassword,
  OPERATOR_PASSWORD_MIN_LENGTH,
} from '../../../preload/contract/rules/operator-password';

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

/** Locked after 5 wrong passwords, for 15 minutes. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type AuthResult =
  | { readonly ok: true; readonly operator: Operator }
  // 'invalid' covers both an unknown login id and a wrong password, so the screen says the same.
  | { readonly ok: false; readonly reason: 'invalid'; readonly triesLeft?: number }
  | { readonly ok: false; readonly reason: 'locked'; readonly lockedUntil: string }
  | { readonly ok: false; readonly reason: 'disabled' };

export class PasswordPolicyError extends Error {
  override readonly name = 'PasswordPolicyError';
  constructor() {
    super(`password must have at least ${OPERATOR_PASSWORD_MIN_LENGTH} characters`);
  }
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

// N=2^14, r=8: node's default cost, about 16 MiB and tens of ms per try.
const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 };

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number, len: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, len, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64), so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  if (!isAcceptableOperatorPassword(password)) throw new PasswordPolicyError();
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPasswordHash(stored: string, password: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  const key = await scryptAsync(password, salt, n, r, p, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
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

/** Hashes outside the write queue (scrypt takes a while), then inserts in one transaction. */
export async function createOperator(
  db: Db,
  o: {
    readonly loginId: string;
    readonly displayName: string;
    readonly role: OperatorRole;
    readonly password: string;
    /** Who creates the account (an administrator); null for the first administrator. */
    readonly createdBy: number | null;
    readonly mustChangePassword?: boolean;
  },
  clock?: Clock,
): Promise<number> {
  const passwordHash = await hashPassword(o.password);
  return db.transaction(async (tx) => {
    const id = await insertOperator(tx, { ...o, passwordHash }, clock);
    await appendAudit(
      tx,
      {
        operatorId: o.createdBy ?? id,
        action: 'operator.created',
        details: { operator: id, role: o.role },
      },
      clock,
    );
    return id;
  });
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

export async function listOperators(q: Queryable): Promise<Operator[]> {
  const rows = await q.all<Row>(`SELECT ${COLUMNS} FROM operators ORDER BY login_id`);
  return rows.map(toOperator);
}

/** Zero on first start: the app then shows the setup screen for the first administrator. */
export async function countOperators(q: Queryable): Promise<number> {
  return (await q.get<{ n: number }>('SELECT count(*) AS n FROM operators'))?.n ?? 0;
}

// Same cost as a real check, so an unknown login id takes as long as a wrong password.
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

/**
 * Checks a login. Wrong passwords are counted; the 5th in a row locks the account for 15 minutes,
 * during which even the right password is refused. Success clears the count. Each outcome is audited.
 */
export async function authenticateOperator(
  db: Db,
  loginId: string,
  password: string,
  clock: Clock = systemClock,
): Promise<AuthResult> {
  const found = await db.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE login_id = ?`, [
    loginId.normalize('NFKC').trim(),
  ]);
  if (!found) {
    await verifyPasswordHash(DUMMY_HASH, password);
    return { ok: false, reason: 'invalid' };
  }
  const now = clock();
  if (found.disabled === 1) return { ok: false, reason: 'disabled' };
  if (found.locked_until !== null && found.locked_until > now.toISOString()) {
    return { ok: false, reason: 'locked', lockedUntil: found.locked_until };
  }
  const good = await verifyPasswordHash(found.password_hash, password);
  return db.transaction(async (tx): Promise<AuthResult> => {
    const row = await tx.get<Row>(`SELECT ${COLUMNS} FROM operators WHERE id = ?`, [found.id]);
    if (!row) return { ok: false, reason: 'invalid' };
    if (row.disabled === 1) return { ok: false, reason: 'disabled' };
    // Another try may have locked the account while scrypt ran.
    if (row.locked_until !== null && row.locked_until > now.toISOString()) {
      return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
    }
    if (good) {
      await tx.run('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [
        row.id,
      ]);
      await appendAudit(tx, { operatorId: row.id, action: 'operator.login' }, clock);
      return { ok: true, operator: toOperator({ ...row, failed_attempts: 0, locked_until: null }) };
    }
    const failed = row.failed_attempts + 1;
    if (failed >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      await tx.run('UPDATE operators SET failed_attempts = 0, locked_until = ? WHERE id = ?', [
        until,
        row.id,
      ]);
      await appendAudit(
        tx,
        { operatorId: row.id, action: 'operator.locked', details: { until } },
        clock,
      );
      return { ok: false, reason: 'locked', lockedUntil: until };
    }
    await tx.run('UPDATE operators SET failed_attempts = ?, locked_until = NULL WHERE id = ?', [
      failed,
      row.id,
    ]);
    await appendAudit(
      tx,
      { operatorId: row.id, action: 'operator.login-failed', details: { attempt: failed } },
      clock,
    );
    return { ok: false, reason: 'invalid', triesLeft: MAX_FAILED_ATTEMPTS - failed };
  });
}

export async function setOperatorDisabled(tx: Tx, id: number, disabled: boolean): Promise<void> {
  const res = await tx.run('UPDATE operators SET disabled = ? WHERE id = ?', [disabled, id]);
  if (res.changes !== 1) throw new RecordNotFoundError('operator', id);
}

/**
 * An administrator sets a new password: the lock and the count are cleared and the operator must
 * choose their own password at the next login. `passwordHash` comes from hashPassword().
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
