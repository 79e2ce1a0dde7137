// The password check of a login, an unlock or a password change: wrong tries counted towards a
// lockout, an unknown login id answered exactly like a known one, old hashes made anew at the cost.
import type { Clock } from '../db/clock';
import type { Db, Tx } from '../db/connection';
import {
  findOperatorLogin,
  getOperatorLogin,
  replacePasswordHash,
  setLoginFailures,
  type Operator,
} from '../db/repositories/operators';
import { appendAudit } from '../audit/audit-log';
import { PasswordPolicyError, type PasswordHasher } from './password-hash';

import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from '../../preload/contract/rules/operator-password';

/**
 * How many unknown login ids the check remembers tries for. Each costs a full hash to add, so a
 * flood large enough to push one out takes hours; the oldest goes first.
 */
const MAX_UNKNOWN_IDS = 1000;

export type AuthResult =
  | { readonly ok: true; readonly operator: Operator }
  // 'invalid' and 'locked' come the same way for an unknown login id and for a wrong password.
  | { readonly ok: false; readonly reason: 'invalid'; readonly triesLeft: number }
  | { readonly ok: false; readonly reason: 'locked'; readonly lockedUntil: string }
  // Only to someone who typed the right password: the ID exists but has been disabled.
  | { readonly ok: false; readonly reason: 'disabled' };

/** A password checked against a stored hash, and the hash to store instead when it was made cheaper. */
export interface PasswordMatch {
  readonly ok: boolean;
  readonly newHash: string | null;
}

/**
 * Checks `password` against `stored` in the time a current hash takes, whatever the stored cost:
 * an old cheaper hash that does not match is followed by a check's worth of work, and one that
 * matches by the new hash. So how long the answer takes says nothing about the account.
 */
export async function matchPassword(
  hasher: PasswordHasher,
  stored: string,
  password: string,
): Promise<PasswordMatch> {
  const checked = await hasher.check(stored, password);
  if (!checked.outdated) return { ok: checked.ok, newHash: null };
  if (!checked.ok) {
    await hasher.spend(password);
    return { ok: false, newHash: null };
  }
  try {
    return { ok: true, newHash: await hasher.hash(password) };
  } catch (e) {
    // A password from before the length rule still logs in; it is replaced when changed.
    if (e instanceof PasswordPolicyError) return { ok: true, newHash: null };
    throw e;
  }
}

/**
 * Stores the new hash of a password that just matched, unless the hash changed meanwhile (an
 * administrator's reset while scrypt ran), and audits it.
 */
export async function storeNewHash(
  tx: Tx,
  operatorId: number,
  checkedHash: string,
  match: PasswordMatch,
  clock: Clock,
): Promise<void> {
  if (!match.newHash) return;
  const now = await getOperatorLogin(tx, operatorId);
  if (now.passwordHash !== checkedHash) return;
  await replacePasswordHash(tx, operatorId, match.newHash);
  await appendAudit(tx, { operatorId, action: 'operator.password-rehashed' }, clock);
}

export interface LoginCheckDeps {
  db(): Db;
  readonly hasher: PasswordHasher;
  readonly now: Clock;
}

export interface LoginChecker {
  /**
   * Checks a login. Wrong passwords are counted; the 5th in a row locks the account for 15
   * minutes, during which even the right password is refused. Success clears the count. An
   * unknown login id gets the same answers after the same work, its tries counted in memory.
   * Each outcome is audited.
   */
  check(loginId: string, password: string): Promise<AuthResult>;
}

interface UnknownTries {
  failed: number;
  lockedUntil: string | null;
}

/** How an unknown login id is remembered: as sqlite's NOCASE compares it, after the NFKC the column gets. */
function unknownKey(loginId: string): string {
  return loginId
    .normalize('NFKC')
    .trim()
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function createLoginChecker(deps: LoginCheckDeps): LoginChecker {
  const { hasher, now } = deps;
  const unknown = new Map<string, UnknownTries>();

  function lockUntil(at: Date): string {
    return new Date(at.getTime() + LOCK_MINUTES * 60_000).toISOString();
  }

  async function checkUnknown(loginId: string, password: string, at: Date): Promise<AuthResult> {
    const key = unknownKey(loginId);
    const seen = unknown.get(key);
    if (seen?.lockedUntil && seen.lockedUntil > at.toISOString()) {
      return { ok: false, reason: 'locked', lockedUntil: seen.lockedUntil };
    }
    await hasher.spend(password);
    const failed = (seen?.failed ?? 0) + 1;
    const locks = failed >= MAX_FAILED_ATTEMPTS;
    const next: UnknownTries = locks
      ? { failed: 0, lockedUntil: lockUntil(at) }
      : { failed, lockedUntil: null };
    unknown.delete(key);
    unknown.set(key, next);
    if (unknown.size > MAX_UNKNOWN_IDS) unknown.delete(unknown.keys().next().value as string);
    // Written like a known account's failure (one transaction, one audit row), so it takes as
    // long; the typed ID is not recorded (it may be a password typed in the wrong field).
    await deps
      .db()
      .transaction((tx) =>
        appendAudit(
          tx,
          { operatorId: null, action: 'operator.login-unknown-id', details: { attempt: failed } },
          now,
        ),
      );
    return next.lockedUntil
      ? { ok: false, reason: 'locked', lockedUntil: next.lockedUntil }
      : { ok: false, reason: 'invalid', triesLeft: MAX_FAILED_ATTEMPTS - failed };
  }

  return {
    async check(loginId, password) {
      const db = deps.db();
      const at = now();
      const found = await findOperatorLogin(db, loginId);
      if (!found) return checkUnknown(loginId, password, at);
      if (found.lockedUntil !== null && found.lockedUntil > at.toISOString()) {
        return { ok: false, reason: 'locked', lockedUntil: found.lockedUntil };
      }
      const match = await matchPassword(hasher, found.passwordHash, password);
      return db.transaction(async (tx): Promise<AuthResult> => {
        const row = await getOperatorLogin(tx, found.id);
        // Another try may have locked the account while scrypt ran.
        if (row.lockedUntil !== null && row.lockedUntil > at.toISOString()) {
          return { ok: false, reason: 'locked', lockedUntil: row.lockedUntil };
        }
        if (match.ok) {
          if (row.disabled) return { ok: false, reason: 'disabled' };
          await setLoginFailures(tx, row.id, 0, null);
          await storeNewHash(tx, row.id, found.passwordHash, match, now);
          await appendAudit(tx, { operatorId: row.id, action: 'operator.login' }, now);
          return {
            ok: true,
            operator: { ...stripHash(row), failedAttempts: 0, lockedUntil: null },
          };
        }
        const failed = row.failedAttempts + 1;
        if (failed >= MAX_FAILED_ATTEMPTS) {
          const until = lockUntil(at);
          await setLoginFailures(tx, row.id, 0, until);
          await appendAudit(
            tx,
            { operatorId: row.id, action: 'operator.locked', details: { until } },
            now,
          );
          return { ok: false, reason: 'locked', lockedUntil: until };
        }
        await setLoginFailures(tx, row.id, failed, null);
        await appendAudit(
          tx,
          { operatorId: row.id, action: 'operator.login-failed', details: { attempt: failed } },
          now,
        );
        return { ok: false, reason: 'invalid', triesLeft: MAX_FAILED_ATTEMPTS - failed };
      });
    },
  };
}

/** The operator without the hash: what leaves the check. */
function stripHash(o: Operator & { readonly passwordHash?: string }): Operator {
  const { passwordHash: _hash, ...operator } = o;
  return operator;
}
