// The core with a real sqlite file: login, roles checked in main, idle lock, approvals, admin tools,
// and the attacks of the security review repeated through the router: probing for login ids,
// resident-window calls against the idle lock, approval lockout by a clerk, first start without
// IT's setup code; and old password hashes upgraded at login.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, corePaths, type Core } from '../../../main/core';
import type { CoreConfig } from '../../../main/config/config';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { getOperatorLogin, insertOperator } from '../../../main/db/repositories/operators';
import { createPasswordHasher } from '../../../main/operators/password-hash';
import type { SessionDto } from '../../../preload/contract/dto';
import type { Channel } from '../../../preload/contract/channels';
import type { Result } from '../../../preload/contract/result';
import { TEST_SCRYPT_COST } from '../../fixtures/password-cost';
import { onPostgres } from '../../fixtures/postgres';
import { onOfficeDatabase } from '../support/router-calls';

const ORIGIN = 'http://127.0.0.1:1';
const SENDER = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
const RESIDENT = { url: `${ORIGIN}/resident.html`, isMainFrame: true };
const cores: Core[] = [];
/** What IT put in the machine configuration of the production tests below. */
const SETUP_CODE = 'Kq7-Fv2m-Zt9w';

/** A key file outside the data folder: production refuses to start without a key protector. */
function productionKeys(): FileKeyProtector {
  return new FileKeyProtector(
    join(mkdtempSync(join(tmpdir(), 'madoguchi-core-keys-')), 'data.key'),
  );
}

/**
 * A core on this computer's file whatever the lane: for what is about the file itself (its faults,
 * its bytes) and the trainer's reset, which moves the practice file.
 */
function fileConfig(over: Partial<CoreConfig> = {}): CoreConfig {
  return {
    ...(over.mode === 'production' ? { keyProtector: productionKeys() } : {}),
    mode: 'practice',
    reader: { kind: 'simulated' },
    exchangeTimeoutMs: 2000,
    simTiming: false,
    idleLockMinutes: 5,
    version: 'test',
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-core-')),
    trustedOrigins: [ORIGIN],
    passwordHashCost: TEST_SCRYPT_COST,
    ...over,
  };
}

/** A core on the lane's backend: the office database on the PostgreSQL lane, else the file. */
function config(over: Partial<CoreConfig> = {}): CoreConfig {
  const c = fileConfig(over);
  return { ...c, ...onOfficeDatabase(c.dataDir), ...over };
}

async function started(c: CoreConfig): Promise<Core> {
  const core = createCore(c);
  cores.push(core);
  await core.start();
  return core;
}

async function call<T = unknown>(
  core: Core,
  channel: Channel,
  payload: unknown = {},
  from = SENDER,
) {
  return (await core.router.handle(from, channel, payload)) as Result<T>;
}

function codeOf(r: Result<unknown>): string | null {
  return r.ok ? null : r.error.code;
}

afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

describe('core: operators and roles', () => {
  it('practice mode starts with the seeded town and its operators; nothing works before login', async () => {
    const core = await started(config());
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('not-logged-in');
    const session = await call<{ needsSetup: boolean }>(core, 'auth:get-session');
    expect(session.ok && session.value.needsSetup).toBe(false);
    const login = await call(core, 'auth:login', {
      loginId: 'renshu01',
      password: 'renshu01-2026',
    });
    expect(login.ok).toBe(true);
    expect((await call(core, 'reader:list-readers')).ok).toBe(true);
  });

  it('the administrator runs no counter procedure: main refuses card health', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'kanri', password: 'kanri-2026' });
    expect(codeOf(await call(core, 'card:read-health', { reader: 'x' }))).toBe('forbidden-role');
    expect((await call(core, 'admin:list-operators')).ok).toBe(true);
  });

  it('a clerk cannot use the administrator channels', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    for (const channel of [
      'admin:list-operators',
      'audit:verify',
      'admin:backup-database',
    ] as const) {
      expect(codeOf(await call(core, channel))).toBe('forbidden-role');
    }
    expect(codeOf(await call(core, 'practice:reset'))).toBe('forbidden-role');
  });

  it('five wrong passwords lock the account for 15 minutes, counting down the tries', async () => {
    const core = await started(config());
    const wrong = { loginId: 'renshu02', password: 'wrong-password' };
    const first = await call(core, 'auth:login', wrong);
    expect(first).toEqual({ ok: false, error: { code: 'login-invalid', detail: '4' } });
    for (let i = 0; i < 3; i += 1) await call(core, 'auth:login', wrong);
    expect(codeOf(await call(core, 'auth:login', wrong))).toBe('login-locked');
    const right = await call(core, 'auth:login', {
      loginId: 'renshu02',
      password: 'renshu02-2026',
    });
    expect(codeOf(right)).toBe('login-locked');
  });

  it('locks after idle minutes, refuses everything but unlock, and unlocks with the password', async () => {
    let clock = new Date('2026-11-25T01:00:00Z').getTime();
    const core = await started(config({ idleLockMinutes: 5, now: () => new Date(clock) }));
    const events: string[] = [];
    core.onEvent((event, payload) => {
      if (event === 'auth:changed')
        events.push((payload as { locked: boolean }).locked ? 'locked' : 'open');
    });
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    clock += 4 * 60_000;
    expect((await call(core, 'reader:list-readers')).ok).toBe(true); // activity: timer restarts
    clock += 5 * 60_000;
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('session-locked');
    expect(events).toContain('locked');
    expect(codeOf(await call(core, 'auth:unlock', { password: 'nope-nope' }))).toBe(
      'login-invalid',
    );
    const unlocked = await call<{ locked: boolean }>(core, 'auth:unlock', {
      password: 'renshu01-2026',
    });
    expect(unlocked.ok && unlocked.value.locked).toBe(false);
    expect((await call(core, 'reader:list-readers')).ok).toBe(true);
  });

  it('first start without operators asks for the first administrator, once, with no default password', async () => {
    // Production mode has no seed; the simulated reader is used only so no PC/SC is needed here.
    const core = await started(config({ mode: 'production', setupCode: SETUP_CODE }));
    const before = await call<{ needsSetup: boolean }>(core, 'auth:get-session');
    expect(before.ok && before.value.needsSetup).toBe(true);
    const short = {
      loginId: 'admin1',
      displayName: '管理 太郎',
      password: 'short',
      setupCode: SETUP_CODE,
    };
    expect(codeOf(await call(core, 'auth:setup-admin', short))).toBe('password-too-short');
    const setup = await call<{ operator: { role: string } }>(core, 'auth:setup-admin', {
      ...short,
      password: 'a-long-password',
    });
    expect(setup.ok && setup.value.operator.role).toBe('admin');
    const again = { ...short, loginId: 'admin2', password: 'another-password' };
    expect(codeOf(await call(core, 'auth:setup-admin', again))).toBe('setup-already-done');
  });

  it('an approval needs a second operator who is an enabled supervisor', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    const request = {
      action: 'face-check-override',
      reason: '写真と本人の髪型が違うが同一人物と確認',
    };
    const self = { ...request, approverLoginId: 'renshu01', approverPassword: 'renshu01-2026' };
    expect(codeOf(await call(core, 'approval:approve', self))).toBe('self-approval');
    const clerk = { ...request, approverLoginId: 'renshu02', approverPassword: 'renshu02-2026' };
    expect(codeOf(await call(core, 'approval:approve', clerk))).toBe('approver-not-allowed');
    const supervisor = { ...request, approverLoginId: 'sekinin', approverPassword: 'sekinin-2026' };
    const approved = await call<{ approverDisplayName: string }>(
      core,
      'approval:approve',
      supervisor,
    );
    expect(approved.ok).toBe(true);
  });

  it('the administrator adds, disables and resets operators; a disabled one cannot log in', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'kanri', password: 'kanri-2026' });
    const created = await call<{ id: number }>(core, 'admin:create-operator', {
      loginId: 'shinnin',
      displayName: '新任 花子',
      role: 'clerk',
      password: 'first-password',
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : 0;
    const dup = { loginId: 'shinnin', displayName: 'x', role: 'clerk', password: 'password-2' };
    expect(codeOf(await call(core, 'admin:create-operator', dup))).toBe('duplicate-login');
    await call(core, 'admin:set-operator-disabled', { operatorId: id, disabled: true });
    const reset = await call<{ mustChangePassword: boolean }>(
      core,
      'admin:reset-operator-password',
      {
        operatorId: id,
        password: 'second-password',
      },
    );
    expect(reset.ok && reset.value.mustChangePassword).toBe(true);
    await call(core, 'auth:logout');
    const login = { loginId: 'shinnin', password: 'second-password' };
    expect(codeOf(await call(core, 'auth:login', login))).toBe('login-disabled');
  });

  it('an operator whose password an administrator chose must change it before anything else', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'kanri', password: 'kanri-2026' });
    await call(core, 'admin:create-operator', {
      loginId: 'shinnin2',
      displayName: '新任 次郎',
      role: 'clerk',
      password: 'given-by-admin',
    });
    await call(core, 'auth:logout');
    const login = await call<{ operator: { mustChangePassword: boolean } }>(core, 'auth:login', {
      loginId: 'shinnin2',
      password: 'given-by-admin',
    });
    expect(login.ok && login.value.operator.mustChangePassword).toBe(true);
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('password-change-required');
    const change = (currentPassword: string, newPassword: string) =>
      call<{ operator: { mustChangePassword: boolean } }>(core, 'auth:change-password', {
        currentPassword,
        newPassword,
      });
    expect(codeOf(await change('given-by-admin', 'given-by-admin'))).toBe('password-reused');
    expect(codeOf(await change('given-by-admin', 'short'))).toBe('password-too-short');
    expect(codeOf(await change('not-the-password', 'my-own-password'))).toBe('login-invalid');
    const changed = await change('given-by-admin', 'my-own-password');
    expect(changed.ok && changed.value.operator.mustChangePassword).toBe(false);
    expect((await call(core, 'reader:list-readers')).ok).toBe(true);
    await call(core, 'auth:logout');
    expect(
      codeOf(await call(core, 'auth:login', { loginId: 'shinnin2', password: 'given-by-admin' })),
    ).toBe('login-invalid');
  });

  it('audit: every action has its operator, the chain verifies, CSV and backup are written', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'kanri', password: 'kanri-2026' });
    const search = await call<{ items: { action: string; operatorLoginId: string | null }[] }>(
      core,
      'audit:search',
      { filter: { action: 'operator.login' }, page: 1 },
    );
    expect(search.ok && search.value.items[0]?.operatorLoginId).toBe('kanri');
    const verify = await call<{ ok: boolean; rows: number }>(core, 'audit:verify');
    expect(verify.ok && verify.value.ok).toBe(true);
    const csv = await call<{ path: string; rows: number }>(core, 'audit:export-csv', {
      filter: {},
    });
    expect(csv.ok).toBe(true);
    const text = readFileSync(csv.ok ? csv.value.path : '', 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF"seq","at","operator","action","resident_id","card_id","details"',
    );
    expect(text).toContain('"operator.login"');
    // A counter's file is copied and checked; the office database is backed up on its server.
    const backup = await call<{ path: string; bytes: number }>(core, 'admin:backup-database');
    expect(
      backup.ok ? existsSync(backup.value.path) && backup.value.bytes > 0 : codeOf(backup),
    ).toBe(onPostgres() ? 'backup-on-server' : true);
  });

  it('the trainer resets practice data: everyone logs in again on the fresh seed', async () => {
    const core = await started(fileConfig());
    await call(core, 'auth:login', { loginId: 'kanri', password: 'kanri-2026' });
    await call(core, 'admin:create-operator', {
      loginId: 'temp',
      displayName: '一時 職員',
      role: 'clerk',
      password: 'temp-password',
    });
    await call(core, 'auth:logout');
    await call(core, 'auth:login', { loginId: 'kenshu', password: 'kenshu-2026' });
    const reset = await call<{ operator: unknown }>(core, 'practice:reset');
    expect(reset.ok && reset.value.operator).toBe(null);
    expect(
      codeOf(await call(core, 'auth:login', { loginId: 'temp', password: 'temp-password' })),
    ).toBe('login-invalid');
    expect(
      (await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' })).ok,
    ).toBe(true);
  });
});

describe('core: the attacks of the security review', () => {
  const WRONG = 'not-the-password';

  it('probing for login ids: an unknown ID and a wrong password answer the same, try after try', async () => {
    // One moment for all tries, so that the two locks end at the same time.
    const core = await started(config({ now: () => new Date('2026-11-25T01:00:00Z') }));
    const answers = async (loginId: string) => {
      const out: Result<unknown>[] = [];
      for (let i = 0; i < 6; i += 1)
        out.push(await call(core, 'auth:login', { loginId, password: WRONG }));
      return out;
    };
    const known = await answers('renshu02');
    const unknown = await answers('renshu99');
    expect(unknown).toEqual(known);
    expect(known.map(codeOf)).toEqual([
      ...Array(4).fill('login-invalid'),
      'login-locked',
      'login-locked',
    ]);
    expect(known[0]).toEqual({ ok: false, error: { code: 'login-invalid', detail: '4' } });
  });

  it('resident-window calls never keep the clerk’s session open, and go on while it is locked', async () => {
    let clock = new Date('2026-11-25T01:00:00Z').getTime();
    const core = await started(config({ idleLockMinutes: 5, now: () => new Date(clock) }));
    const locks: boolean[] = [];
    core.onEvent((event, payload) => {
      if (event === 'auth:changed') locks.push((payload as SessionDto).locked);
    });
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    // The resident window pokes main every 20 seconds for six minutes, the clerk doing nothing.
    for (let i = 0; i < 18; i += 1) {
      clock += 20_000;
      expect((await call(core, 'resident:get-prompt', {}, RESIDENT)).ok).toBe(true);
    }
    // The clerk's session locked at five minutes all the same; the resident's calls still work.
    expect(locks).toEqual([false, true]);
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('session-locked');
    expect((await call(core, 'resident:get-prompt', {}, RESIDENT)).ok).toBe(true);
    // Nor can the resident window report activity or unlock: those channels are the clerk's.
    expect(codeOf(await call(core, 'auth:report-activity', {}, RESIDENT))).toBe('forbidden-sender');
    expect(codeOf(await call(core, 'auth:unlock', { password: 'x' }, RESIDENT))).toBe(
      'forbidden-sender',
    );
  });

  it('a clerk typing wrong approver passwords pauses their own approvals, never the supervisor', async () => {
    const core = await started(config());
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    const request = {
      action: 'face-check-override',
      reason: '写真と本人の髪型が違うが同一人物と確認',
    };
    const codes: (string | null)[] = [];
    for (let i = 0; i < 6; i += 1) {
      const guess = { ...request, approverLoginId: 'sekinin', approverPassword: `guess-${i}` };
      codes.push(codeOf(await call(core, 'approval:approve', guess)));
    }
    expect(codes).toEqual([
      ...Array(4).fill('login-invalid'),
      'approval-paused',
      'approval-paused',
    ]);
    const right = { ...request, approverLoginId: 'sekinin', approverPassword: 'sekinin-2026' };
    expect(codeOf(await call(core, 'approval:approve', right))).toBe('approval-paused');
    // The supervisor's day goes on: they log in, and approve at another clerk's counter.
    await call(core, 'auth:logout');
    expect(
      (await call(core, 'auth:login', { loginId: 'sekinin', password: 'sekinin-2026' })).ok,
    ).toBe(true);
    await call(core, 'auth:logout');
    await call(core, 'auth:login', { loginId: 'renshu02', password: 'renshu02-2026' });
    expect((await call(core, 'approval:approve', right)).ok).toBe(true);
  });

  it('first start in production: nobody becomes administrator without IT’s setup code', async () => {
    const core = await started(config({ mode: 'production', setupCode: SETUP_CODE }));
    const session = await call<SessionDto>(core, 'auth:get-session');
    expect(session.ok && session.value.setupCode).toBe('required');
    const first = { loginId: 'kanri01', displayName: '管理 太郎', password: 'a-long-password' };
    expect(codeOf(await call(core, 'auth:setup-admin', first))).toBe('setup-code-invalid');
    const guessed = { ...first, setupCode: 'Kq7-Fv2m-Zt9x' };
    expect(codeOf(await call(core, 'auth:setup-admin', guessed))).toBe('setup-code-invalid');
    expect(codeOf(await call(core, 'admin:list-operators'))).toBe('not-logged-in');
    const setup = await call<SessionDto>(core, 'auth:setup-admin', {
      ...first,
      setupCode: SETUP_CODE,
    });
    expect(setup.ok && setup.value.operator?.role).toBe('admin');
  });

  it('first start in production with no setup code configured: setup is refused, the screen says why', async () => {
    const core = await started(config({ mode: 'production' }));
    const session = await call<SessionDto>(core, 'auth:get-session');
    expect(session.ok && session.value).toMatchObject({
      needsSetup: true,
      setupCode: 'not-configured',
    });
    const first = { loginId: 'kanri01', displayName: '管理 太郎', password: 'a-long-password' };
    expect(codeOf(await call(core, 'auth:setup-admin', { ...first, setupCode: 'x' }))).toBe(
      'setup-code-missing',
    );
  });

  it('the app hashes at the production cost: the first administrator’s hash is scrypt N=2^17', async () => {
    const c = config({ mode: 'production', setupCode: SETUP_CODE });
    const { passwordHashCost: _cheap, ...production } = c;
    const core = await started(production);
    const first = { loginId: 'kanri01', displayName: '管理 太郎', password: 'a-long-password' };
    const setup = await call<SessionDto>(core, 'auth:setup-admin', {
      ...first,
      setupCode: SETUP_CODE,
    });
    const id = setup.ok ? setup.value.operator!.id : 0;
    expect((await getOperatorLogin(core.db()!, id)).passwordHash).toMatch(
      /^scrypt\$131072\$8\$1\$/,
    );
  }, 60_000);

  it('an old, cheaper hash is replaced at the next successful login', async () => {
    const core = await started(config());
    const old = await createPasswordHasher({ N: TEST_SCRYPT_COST.N / 2, r: 8, p: 1 }).hash(
      'furui-password',
    );
    const id = await core.db()!.transaction((tx) =>
      insertOperator(tx, {
        loginId: 'furui',
        displayName: '古井',
        role: 'clerk',
        passwordHash: old,
      }),
    );
    expect(
      (await call(core, 'auth:login', { loginId: 'furui', password: 'furui-password' })).ok,
    ).toBe(true);
    const stored = (await getOperatorLogin(core.db()!, id)).passwordHash;
    expect(stored).not.toBe(old);
    expect(stored).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_COST.N}\\$8\\$1\\$`));
  });
});

describe('core: database faults at start', () => {
  it('a corrupt file is reported, refused for every call, and never overwritten', async () => {
    const c = fileConfig();
    const paths = corePaths(c.dataDir);
    (await started(c)).close();
    await cores.pop()?.close();
    const garbage = Buffer.from('this is not a database file at all'.repeat(200));
    writeFileSync(paths.database, garbage);
    const core = await started(c);
    const info = await call<{ startupError: { code: string } | null }>(core, 'app:get-info');
    expect(info.ok && info.value.startupError?.code).toBe('db-corrupt');
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('db-corrupt');
    expect(readFileSync(paths.database).equals(garbage)).toBe(true);
  });

  it('the production app refuses a practice database file, and the other way round', async () => {
    const c = fileConfig();
    await started(c);
    await cores.pop()!.close();
    const production = await started({ ...c, mode: 'production', keyProtector: productionKeys() });
    const info = await call<{ startupError: { code: string } | null }>(production, 'app:get-info');
    expect(info.ok && info.value.startupError?.code).toBe('db-mode-mismatch');
  });

  it('a damaged table page stops every call with db-corrupt', async () => {
    const c = fileConfig();
    await started(c);
    await cores.pop()!.close();
    // Break the b-tree header of every page but the first: the file header stays valid, so the
    // file opens, and the damage is found by the first read or by the check after start.
    const path = corePaths(c.dataDir).database;
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    for (let page = 1; page * pageSize < bytes.length; page += 1) bytes[page * pageSize] = 0xa5;
    writeFileSync(path, bytes);
    const core = await started(c);
    await core.integrityChecked();
    expect(core.startupError()?.code).toBe('db-corrupt');
    expect(codeOf(await call(core, 'auth:login', { loginId: 'renshu01', password: 'x' }))).not.toBe(
      null,
    );
    expect(codeOf(await call(core, 'reader:list-readers'))).toBe('db-corrupt');
  });

  it('the seeded practice file holds no 12-digit number in clear', async () => {
    const c = fileConfig();
    await started(c);
    await cores.pop()!.close();
    const bytes = readFileSync(corePaths(c.dataDir).database).toString('latin1');
    expect(bytes).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });
});
