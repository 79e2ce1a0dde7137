// The login check: 5 wrong tries lock for 15 minutes, an unknown ID answers exactly like a wrong
// password after the same work, a disabled ID tells only who knows its password, old hashes are
// made anew at the next successful login.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { searchAudit } from '../../../main/db/repositories/audit';
import {
  getOperator,
  getOperatorLogin,
  resetOperatorPassword,
  setOperatorDisabled,
} from '../../../main/db/repositories/operators';
import {
  createLoginChecker,
  type AuthResult,
  type LoginChecker,
} from '../../../main/operators/login-check';
import { createOperator } from '../../../main/operators/operator-accounts';
import { createPasswordHasher, type PasswordHasher } from '../../../main/operators/password-hash';
import { TEST_SCRYPT_COST, testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

const PASSWORD = 'correct horse 7';
let t: TestDb;
let nowMs: number;
const clock = () => new Date(nowMs);
const advanceMinutes = (m: number) => {
  nowMs += m * 60_000;
};

beforeEach(async () => {
  t = await openTestDb();
  nowMs = Date.parse('2026-11-25T09:00:00.000Z');
});
afterEach(() => t.dispose());

function checker(hasher: PasswordHasher = testHasher): LoginChecker {
  return createLoginChecker({ db: () => t.db, hasher, now: clock });
}

function addSato(hasher: PasswordHasher = testHasher): Promise<number> {
  const sato = { loginId: 'sato', displayName: '佐藤', role: 'clerk', password: PASSWORD } as const;
  return createOperator(t.db, hasher, { ...sato, createdBy: null }, clock);
}

/** A hasher that says which work each call did: a derivation at which cost, or none. */
function recording(inner: PasswordHasher) {
  const work: string[] = [];
  const costOf = (stored: string) => stored.split('$')[1];
  const hasher: PasswordHasher = {
    cost: inner.cost,
    async hash(password) {
      work.push(`hash@${inner.cost.N}`);
      return inner.hash(password);
    },
    async check(stored, password) {
      work.push(`check@${costOf(stored)}`);
      return inner.check(stored, password);
    },
    async spend(password) {
      work.push(`spend@${inner.cost.N}`);
      return inner.spend(password);
    },
  };
  return { hasher, work };
}

describe('login check', () => {
  it('logs in with the right password and audits it', async () => {
    const id = await addSato();
    expect(await checker().check('sato', PASSWORD)).toMatchObject({
      ok: true,
      operator: { id, loginId: 'sato', role: 'clerk' },
    });
    expect((await searchAudit(t.db, { action: 'operator.login' })).items[0]?.operatorId).toBe(id);
  });

  it('locks after 5 wrong passwords for 15 minutes, refusing even the right one meanwhile', async () => {
    const id = await addSato();
    const logins = checker();
    for (let i = 1; i <= 4; i++) {
      expect(await logins.check('sato', `wrong password ${i}`)).toEqual({
        ok: false,
        reason: 'invalid',
        triesLeft: 5 - i,
      });
    }
    expect(await logins.check('sato', 'wrong password 5')).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: '2026-11-25T09:15:00.000Z',
    });
    advanceMinutes(14);
    expect(await logins.check('sato', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
    advanceMinutes(1);
    expect(await logins.check('sato', PASSWORD)).toMatchObject({ ok: true });
    expect(await getOperator(t.db, id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const actions = (await searchAudit(t.db, { operatorId: id }, 1, 50)).items
      .map((r) => r.action)
      .reverse();
    expect(actions).toEqual([
      'operator.created',
      ...Array(4).fill('operator.login-failed'),
      'operator.locked',
      'operator.login',
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('a successful login clears the count of wrong tries', async () => {
    await addSato();
    const logins = checker();
    for (let i = 0; i < 4; i++) await logins.check('sato', 'wrong password');
    await logins.check('sato', PASSWORD);
    expect(await logins.check('sato', 'wrong password')).toMatchObject({ triesLeft: 4 });
  });

  it('a password reset unlocks and asks for a new password', async () => {
    const id = await addSato();
    const logins = checker();
    for (let i = 0; i < 5; i++) await logins.check('sato', 'wrong password');
    expect(await logins.check('sato', PASSWORD)).toMatchObject({ reason: 'locked' });
    const fresh = await testHasher.hash('temporary 1234');
    await t.db.transaction((tx) => resetOperatorPassword(tx, id, fresh));
    expect(await logins.check('sato', 'temporary 1234')).toMatchObject({
      ok: true,
      operator: { mustChangePassword: true },
    });
  });
});

describe('probing for login ids', () => {
  /** Six wrong tries and the answers, the last after the lock. */
  async function sixTries(logins: LoginChecker, loginId: string): Promise<AuthResult[]> {
    const answers: AuthResult[] = [];
    for (let i = 0; i < 6; i++) answers.push(await logins.check(loginId, `guess number ${i}`));
    return answers;
  }

  it('an unknown ID answers exactly as a known one with a wrong password, try after try', async () => {
    await addSato();
    const logins = checker();
    const known = await sixTries(logins, 'sato');
    const unknown = await sixTries(logins, 'tanaka');
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
      ...Array(4).fill('invalid'),
      'locked',
      'locked',
    ]);
    // The unknown ID's lock ends when a real one would: then it is counted from the start again.
    advanceMinutes(15);
    expect(await logins.check('TANAKA', 'guess again')).toEqual(await logins.check('sato', 'x'));
  });

  it('a disabled ID answers like any other until its right password is typed', async () => {
    const id = await addSato();
    await t.db.transaction((tx) => setOperatorDisabled(tx, id, true));
    const logins = checker();
    expect(await logins.check('sato', 'wrong password')).toEqual(
      await logins.check('nobody', 'wrong password'),
    );
    expect(await logins.check('sato', PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
  });

  it('every answer costs one hash at the current cost: unknown, wrong, old, right', async () => {
    // An operator whose hash is from before the cost rose, and one with a current hash.
    const old = createPasswordHasher({ N: TEST_SCRYPT_COST.N / 2, r: 8, p: 1 });
    await addSato(old);
    await createOperator(
      t.db,
      testHasher,
      {
        loginId: 'suzuki',
        displayName: '鈴木',
        role: 'clerk',
        password: PASSWORD,
        createdBy: null,
      },
      clock,
    );
    const N = TEST_SCRYPT_COST.N;
    const workOf = async (loginId: string, password: string) => {
      const r = recording(testHasher);
      await checker(r.hasher).check(loginId, password);
      return r.work;
    };
    expect(await workOf('nobody', PASSWORD)).toEqual([`spend@${N}`]);
    expect(await workOf('suzuki', 'wrong password')).toEqual([`check@${N}`]);
    expect(await workOf('sato', 'wrong password')).toEqual([`check@${N / 2}`, `spend@${N}`]);
    expect(await workOf('sato', PASSWORD)).toEqual([`check@${N / 2}`, `hash@${N}`]);
    expect(await workOf('sato', PASSWORD)).toEqual([`check@${N}`]);
  });

  it('audits an unknown ID’s tries without the typed ID', async () => {
    await checker().check('my-secret-password', 'whatever');
    const rows = (await searchAudit(t.db, { action: 'operator.login-unknown-id' })).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operatorId: null });
    expect(rows[0]?.details).not.toContain('my-secret-password');
  });
});

describe('old hashes', () => {
  it('are made anew at the current cost at the next successful login, and audited', async () => {
    const old = createPasswordHasher({ N: TEST_SCRYPT_COST.N / 2, r: 8, p: 1 });
    const id = await addSato(old);
    const before = await getOperatorLogin(t.db, id);
    expect(before.passwordHash).toMatch(/^scrypt\$512\$/);
    const changedAt = () =>
      t.db.get('SELECT password_changed_at FROM operators WHERE id = ?', [id]);
    const changedBefore = await changedAt();

    // A wrong password leaves the old hash alone.
    expect(await checker().check('sato', 'wrong password')).toMatchObject({ reason: 'invalid' });
    expect((await getOperatorLogin(t.db, id)).passwordHash).toBe(before.passwordHash);

    expect(await checker().check('sato', PASSWORD)).toMatchObject({ ok: true });
    const after = await getOperatorLogin(t.db, id);
    expect(after.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(after.mustChangePassword).toBe(false);
    expect(await changedAt()).toEqual(changedBefore);
    expect(await testHasher.check(after.passwordHash, PASSWORD)).toEqual({
      ok: true,
      outdated: false,
    });
    const rehashed = await searchAudit(t.db, { action: 'operator.password-rehashed' });
    expect(rehashed.items.map((r) => r.operatorId)).toEqual([id]);
    expect(await checker().check('sato', PASSWORD)).toMatchObject({ ok: true });
  });
});
