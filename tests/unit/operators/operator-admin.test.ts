// The administrator's operator accounts and the operator's own password: the one password rule in
// code points, audits under the administrator, no administrator locking themselves out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchAudit } from '../../../main/db/repositories/audit';
import { getOperator } from '../../../main/db/repositories/operators';
import { createLoginChecker } from '../../../main/operators/login-check';
import { createOperator } from '../../../main/operators/operator-accounts';
import { createOperatorAdmin, type OperatorAdmin } from '../../../main/operators/operator-admin';
import {
  AccessError,
  createOperatorSessions,
  type OperatorSessions,
} from '../../../main/operators/operator-session';
import { testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

/** Eight characters in code points, sixteen UTF-16 units. */
const EIGHT_YOSHI = '𠮷'.repeat(8);
/** Seven characters in code points, fourteen UTF-16 units: long enough only if units counted. */
const SEVEN_KEYS = '🔑'.repeat(7);
const now = () => new Date('2026-11-25T01:00:00Z');

let t: TestDb;
let admin: OperatorAdmin;
let adminId: number;
let sessions: OperatorSessions | null = null;

beforeEach(async () => {
  t = await openTestDb();
  admin = createOperatorAdmin({ db: () => t.db, hasher: testHasher, now });
  adminId = await createOperator(t.db, testHasher, {
    loginId: 'kanri',
    displayName: '管理 一郎',
    role: 'admin',
    password: 'kanri-password',
    createdBy: null,
  });
});
afterEach(async () => {
  sessions?.dispose();
  sessions = null;
  await t.dispose();
});

const authenticate = (loginId: string, password: string) =>
  createLoginChecker({ db: () => t.db, hasher: testHasher, now }).check(loginId, password);

async function refusal(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof AccessError) return e.code;
    throw e;
  }
}

const newClerk = (loginId: string, password: string) => ({
  loginId,
  displayName: '新任 花子',
  role: 'clerk' as const,
  password,
});

describe('operator administration', () => {
  it('creates an operator who must change the first password, counting it in code points', async () => {
    expect(await refusal(admin.create(newClerk('shinnin1', SEVEN_KEYS), adminId))).toBe(
      'password-too-short',
    );
    const created = await admin.create(newClerk('shinnin2', EIGHT_YOSHI), adminId);
    expect(created).toMatchObject({ loginId: 'shinnin2', role: 'clerk', mustChangePassword: true });
    const login = await authenticate('shinnin2', EIGHT_YOSHI);
    expect(login.ok).toBe(true);
    const audit = await searchAudit(t.db, { action: 'operator.created' });
    expect(audit.items[0]).toMatchObject({ operatorId: adminId });
    expect((await admin.list()).map((o) => o.loginId)).toEqual(['kanri', 'shinnin2']);
  });

  it('disables and enables an operator, audited; an administrator cannot disable themselves', async () => {
    const clerk = await admin.create(newClerk('shinnin', 'first-password'), adminId);
    expect(await refusal(admin.setDisabled(adminId, true, adminId))).toBe('forbidden-role');
    expect((await getOperator(t.db, adminId)).disabled).toBe(false);
    expect((await admin.setDisabled(clerk.id, true, adminId)).disabled).toBe(true);
    expect((await admin.setDisabled(clerk.id, false, adminId)).disabled).toBe(false);
    const actions = (await searchAudit(t.db, { operatorId: adminId })).items.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['operator.disabled', 'operator.enabled']));
  });

  it('resets a password by the same rule; the operator must change it at the next login', async () => {
    const clerk = await admin.create(newClerk('shinnin', 'first-password'), adminId);
    expect(await refusal(admin.resetPassword(clerk.id, SEVEN_KEYS, adminId))).toBe(
      'password-too-short',
    );
    expect(await authenticate('shinnin', 'first-password')).toMatchObject({
      ok: true,
    });
    const reset = await admin.resetPassword(clerk.id, EIGHT_YOSHI, adminId);
    expect(reset.mustChangePassword).toBe(true);
    expect((await authenticate('shinnin', EIGHT_YOSHI)).ok).toBe(true);
    const audit = await searchAudit(t.db, { action: 'operator.password-reset' });
    expect(audit.items[0]).toMatchObject({ operatorId: adminId });
  });
});

describe('the operator’s own password', () => {
  function newSessions(): OperatorSessions {
    sessions = createOperatorSessions({
      db: t.db,
      hasher: testHasher,
      setup: { needsCode: false },
      idleLockMinutes: 5,
      now,
      onChange: () => undefined,
    });
    return sessions;
  }

  it('is changed by the same rule in code points', async () => {
    await admin.create(newClerk('shinnin', 'given-by-admin'), adminId);
    const s = newSessions();
    await s.login('shinnin', 'given-by-admin');
    expect(await refusal(s.changePassword('given-by-admin', SEVEN_KEYS))).toBe(
      'password-too-short',
    );
    const changed = await s.changePassword('given-by-admin', EIGHT_YOSHI);
    expect(changed.operator?.mustChangePassword).toBe(false);
  });

  it('of the first administrator follows the same rule', async () => {
    await t.dispose();
    t = await openTestDb();
    const s = newSessions();
    const first = { loginId: 'admin1', displayName: '管理 太郎' };
    expect(await refusal(s.setupAdmin({ ...first, password: SEVEN_KEYS }))).toBe(
      'password-too-short',
    );
    const setup = await s.setupAdmin({ ...first, password: EIGHT_YOSHI });
    expect(setup.operator?.role).toBe('admin');
  });
});
