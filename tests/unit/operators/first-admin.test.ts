// Production's first start: the first administrator only with IT's setup code; practice needs none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchAudit } from '../../../main/db/repositories/audit';
import { countOperators } from '../../../main/db/repositories/operators';
import {
  AccessError,
  createOperatorSessions,
  type FirstAdminSetup,
  type OperatorSessions,
} from '../../../main/operators/operator-session';
import { testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

const CODE = 'Kq7-Fv2m-Zt9w';
const FIRST = { loginId: 'kanri01', displayName: '管理 太郎', password: 'a-long-password' };
let t: TestDb;
let sessions: OperatorSessions | null = null;

beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  sessions?.dispose();
  sessions = null;
  await t.dispose();
});

function sessionsWith(setup: FirstAdminSetup): OperatorSessions {
  sessions = createOperatorSessions({
    db: t.db,
    hasher: testHasher,
    setup,
    idleLockMinutes: 5,
    onChange: () => undefined,
  });
  return sessions;
}

async function refusal(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof AccessError) return e.code;
    throw e;
  }
}

describe('the first administrator in production', () => {
  it('is refused to whoever opens the app first without the code, and audited', async () => {
    const s = sessionsWith({ needsCode: true, code: CODE });
    expect(await s.status()).toMatchObject({ needsSetup: true, setupCode: 'required' });
    expect(await refusal(s.setupAdmin(FIRST))).toBe('setup-code-invalid');
    expect(await refusal(s.setupAdmin({ ...FIRST, setupCode: 'Kq7-Fv2m-Zt9x' }))).toBe(
      'setup-code-invalid',
    );
    expect(await countOperators(t.db)).toBe(0);
    expect((await s.status()).operator).toBeNull();
    const refused = await searchAudit(t.db, { action: 'operator.setup-code-refused' });
    expect(refused.total).toBe(2);
    expect(JSON.stringify(refused.items)).not.toContain('Kq7');
  });

  it('is created with the code, typed with an IME on or spaces around; then setup is over', async () => {
    const s = sessionsWith({ needsCode: true, code: CODE });
    // The code is checked before the password rule: nothing is learnt without it.
    expect(await refusal(s.setupAdmin({ ...FIRST, password: 'short' }))).toBe('setup-code-invalid');
    const created = await s.setupAdmin({ ...FIRST, setupCode: ' Ｋｑ７－Ｆｖ２ｍ－Ｚｔ９ｗ ' });
    expect(created.operator).toMatchObject({ loginId: 'kanri01', role: 'admin' });
    expect(created.needsSetup).toBe(false);
    await s.logout();
    const again = { ...FIRST, loginId: 'kanri02', setupCode: CODE };
    expect(await refusal(s.setupAdmin(again))).toBe('setup-already-done');
  });

  it('cannot be created at all while IT has configured no code', async () => {
    const s = sessionsWith({ needsCode: true, code: null });
    expect(await s.status()).toMatchObject({ needsSetup: true, setupCode: 'not-configured' });
    expect(await refusal(s.setupAdmin({ ...FIRST, setupCode: '' }))).toBe('setup-code-missing');
    expect(await refusal(s.setupAdmin({ ...FIRST, setupCode: 'anything at all' }))).toBe(
      'setup-code-missing',
    );
    expect(await countOperators(t.db)).toBe(0);
  });
});

describe('practice mode', () => {
  it('needs no code (it seeds its operators; an empty practice file sets up without one)', async () => {
    const s = sessionsWith({ needsCode: false });
    expect((await s.status()).setupCode).toBe('not-needed');
    expect((await s.setupAdmin(FIRST)).operator?.role).toBe('admin');
  });
});
