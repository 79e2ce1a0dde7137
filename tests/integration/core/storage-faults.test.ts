// Storage faults on a real disk of the test's own (a small tmpfs, filled up or made read-only): a
// damaged file takes no write, logout ends the session on a full disk and its audit row comes
// later, an export leaves no partial file, and each fault has its own message with an error number.
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openAuditKeys } from '../../../main/audit/audit-keys';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { createCore, corePaths, type Core } from '../../../main/core';
import type { CoreConfig } from '../../../main/config/config';
import { openDatabase } from '../../../main/db/connection';
import { DbCorruptError } from '../../../main/db/errors';
import { FileKeyProtector, type KeyProtector } from '../../../main/db/key-protector';
import { ERROR_LOG_FILE } from '../../../main/logs/error-log';
import type { SessionDto } from '../../../preload/contract/dto';
import { ERROR_ID_PATTERN, type AppError } from '../../../preload/contract/errors';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';
import { practiceConfig, raw } from '../support/router-calls';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';

const CLERK_LOGIN = { loginId: 'renshu01', password: 'renshu01-2026' };
const ADMIN_LOGIN = { loginId: 'kanri', password: 'kanri-2026' };

const cores: Core[] = [];
const disks: SmallDisk[] = [];
const folders: string[] = [];

afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  while (disks.length) disks.pop()!.unmount();
});
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = null;
});

// A seeded practice data folder made once and copied for each test: the seed's password hashes
// cost seconds each time.
let template: Promise<string> | null = null;
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-faults-template-'));
    folders.push(dir);
    const core = createCore(practiceConfig(dir));
    await core.start();
    await core.integrityChecked();
    await core.close();
    return dir;
  })();
  return template;
}

/** A seeded data folder: on a small disk of its own when one is given, else in the temp folder. */
async function seededDataDir(disk?: SmallDisk): Promise<string> {
  const dataDir = disk
    ? join(disk.dir, 'practice')
    : mkdtempSync(join(tmpdir(), 'madoguchi-faults-data-'));
  if (!disk) folders.push(dataDir);
  cpSync(await seededTemplate(), dataDir, { recursive: true });
  return dataDir;
}

function smallDisk(): SmallDisk {
  const disk = mountSmallDisk(32);
  disks.push(disk);
  return disk;
}

/** The clock the test moves; starts on the practice seed's day. */
function clock() {
  let at = new Date('2026-11-25T01:00:00.000Z').getTime();
  return {
    now: () => new Date(at),
    advance: (ms: number) => (at += ms),
  };
}

async function started(config: CoreConfig): Promise<Core> {
  const core = createCore(config);
  cores.push(core);
  await core.start();
  return core;
}

async function stop(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
}

function errorOf(r: { ok: boolean; error?: AppError }): AppError | null {
  return r.ok ? null : (r.error ?? null);
}

/** The refusal a test expects: its code, and the error number IT finds in the error log. */
function expectForIt(r: { ok: boolean; error?: AppError }, code: string): string {
  const error = errorOf(r);
  expect(error?.code).toBe(code);
  expect(error?.errorId).toMatch(ERROR_ID_PATTERN);
  return error!.errorId!;
}

/** Words for the clerk in both languages: the code has its own message, not the internal one. */
function expectOwnMessage(code: string): void {
  const jaText = (ja.errors as Record<string, string>)[code];
  const enText = (en.errors as Record<string, string>)[code];
  expect(jaText).toBeTruthy();
  expect(enText).toBeTruthy();
  expect(jaText).not.toBe(ja.errors.internal);
}

async function auditActions(core: Core, afterSeq = 0) {
  return core
    .db()!
    .all<{ seq: number; at: string; action: string; details: string }>(
      'SELECT seq, at, action, details FROM audit_log WHERE seq > ? ORDER BY seq',
      [afterSeq],
    );
}

async function lastSeq(core: Core): Promise<number> {
  const row = await core.db()!.get<{ n: number | null }>('SELECT max(seq) AS n FROM audit_log');
  return row?.n ?? 0;
}

/** Empties the WAL into the file: from here on every write needs new space on the disk. */
async function settle(core: Core): Promise<void> {
  await core.integrityChecked();
  await core.db()!.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

describe('a damaged database takes no write', () => {
  it('a login into a file with a damaged page is refused before the check has even finished, and the file keeps its bytes', async () => {
    const dataDir = await seededDataDir();
    const path = corePaths(dataDir).database;
    // One damaged page that the login does not read: the residents table's root.
    const probe = await openDatabase(path, { readOnly: true });
    const root = await probe.get<{ rootpage: number }>(
      `SELECT rootpage FROM sqlite_schema WHERE name = 'residents'`,
    );
    await probe.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    bytes[(root!.rootpage - 1) * pageSize] = 0xa5;
    writeFileSync(path, bytes);

    const core = await started(practiceConfig(dataDir));
    // Not waiting for the check: the login's write waits for it, then is refused.
    const login = await raw<SessionDto>(core, 'auth:login', CLERK_LOGIN);
    expectForIt(login, 'db-corrupt');
    await core.integrityChecked();
    for (const [channel, payload] of [
      ['auth:login', CLERK_LOGIN],
      ['auth:setup-admin', { loginId: 'x1', displayName: 'x', password: 'long-enough-1' }],
      ['auth:unlock', { password: 'renshu01-2026' }],
    ] as const) {
      expect(errorOf(await raw(core, channel, payload))?.code, channel).toBe('db-corrupt');
    }
    await stop(core);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expectOwnMessage('db-corrupt');
  });

  it('a file that is not a database takes no login either', async () => {
    const dataDir = await seededDataDir();
    const path = corePaths(dataDir).database;
    const garbage = Buffer.from('not a database at all. '.repeat(300));
    writeFileSync(path, garbage);
    const core = await started(practiceConfig(dataDir));
    const info = await raw<{ startupError: AppError | null }>(core, 'app:get-info');
    expect(info.ok && info.value.startupError?.code).toBe('db-corrupt');
    expect(info.ok && info.value.startupError?.errorId).toMatch(ERROR_ID_PATTERN);
    expect(errorOf(await raw(core, 'auth:login', CLERK_LOGIN))?.code).toBe('db-corrupt');
    expect(errorOf(await raw(core, 'auth:logout'))?.code).toBe('db-corrupt');
    await stop(core);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('a clerk logged in when the damage is found can still log out', async () => {
    const dataDir = await seededDataDir();
    const core = await started(practiceConfig(dataDir));
    await core.integrityChecked();
    expect((await raw(core, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    // What the check after start does when it finds a damaged page.
    core.db()!.refuseWrites(new DbCorruptError(corePaths(dataDir).database));
    const out = await raw<SessionDto>(core, 'auth:logout');
    expect(out.ok && out.value.operator).toBe(null);
    expect(errorOf(await raw(core, 'reader:list-readers'))?.code).toBe('not-logged-in');
  });
});

/** The chain walked with the practice core's own audit key (unwrapped by its data folder's key file). */
async function keyedChainOf(core: Core) {
  const db = core.db()!;
  const protector = new FileKeyProtector(corePaths(core.config.dataDir).keyFile);
  const { keys } = await openAuditKeys(db, protector, () => new Date());
  return verifyAuditChain(db, { keys });
}

describe('a full disk', () => {
  it('logout ends the session; its audit row waits and goes into the chain, in order, when space returns', async () => {
    const disk = smallDisk();
    const time = clock();
    const core = await started({ ...practiceConfig(await seededDataDir(disk)), now: time.now });
    expect((await raw(core, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    await settle(core);
    const before = await lastSeq(core);
    const sessions: SessionDto[] = [];
    core.onEvent((event, payload) => {
      if (event === 'auth:changed') sessions.push(payload as SessionDto);
    });
    disk.fill();

    time.advance(60_000);
    const loggedOutAt = time.now().toISOString();
    const out = await raw<SessionDto>(core, 'auth:logout');
    expect(out.ok && out.value.operator).toBe(null);
    expect(sessions.at(-1)?.operator).toBe(null);
    expect(errorOf(await raw(core, 'reader:list-readers'))?.code).toBe('not-logged-in');
    expect(await auditActions(core, before)).toEqual([]);

    // Still full: the next login is refused with the disk's message, and writes nothing.
    time.advance(60_000);
    const refusedId = expectForIt(await raw(core, 'auth:login', CLERK_LOGIN), 'db-full');
    expect(await auditActions(core, before)).toEqual([]);

    disk.free();
    time.advance(60_000);
    expect((await raw(core, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    const rows = await auditActions(core, before);
    expect(rows.map((r) => r.action)).toEqual(['operator.logout', 'operator.login']);
    expect(rows[0]).toMatchObject({ at: loggedOutAt, details: '{"deferred":"db-full"}' });
    expect(await keyedChainOf(core)).toMatchObject({ ok: true });
    expectOwnMessage('db-full');

    // The refusal's entry waited for space and is in the log by the close; never the password.
    await stop(core);
    const log = readFileSync(join(core.config.dataDir, 'logs', ERROR_LOG_FILE), 'utf8');
    expect(log).toContain(`"id":"${refusedId}"`);
    expect(log).not.toContain(CLERK_LOGIN.password);
    expect(log).not.toMatch(/(?<![0-9])[0-9]{12}(?![0-9])/);
  });

  it('a logout row kept through a restart is written by the next start, once', async () => {
    const disk = smallDisk();
    const time = clock();
    const dataDir = await seededDataDir(disk);
    const first = await started({ ...practiceConfig(dataDir), now: time.now });
    expect((await raw(first, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    await settle(first);
    const before = await lastSeq(first);
    disk.fill();
    time.advance(60_000);
    const loggedOutAt = time.now().toISOString();
    expect((await raw(first, 'auth:logout')).ok).toBe(true);
    await stop(first); // still full: the row stays in the spill file

    disk.free();
    time.advance(60_000);
    const second = await started({ ...practiceConfig(dataDir), now: time.now });
    expect((await raw(second, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    const rows = await auditActions(second, before);
    expect(rows.map((r) => [r.action, r.at])).toEqual([
      ['operator.logout', loggedOutAt],
      ['operator.login', time.now().toISOString()],
    ]);
    await stop(second);

    // The spill was used up: a third start writes nothing more.
    const third = await started({ ...practiceConfig(dataDir), now: time.now });
    await third.integrityChecked();
    expect((await raw(third, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    expect((await auditActions(third, before)).map((r) => r.action)).toEqual([
      'operator.logout',
      'operator.login',
      'operator.login',
    ]);
    expect(await keyedChainOf(third)).toMatchObject({ ok: true });
  });

  it('the audit CSV export leaves no file, not even an empty one', async () => {
    const disk = smallDisk();
    const dataDir = await seededDataDir(disk);
    const core = await started(practiceConfig(dataDir));
    expect((await raw(core, 'auth:login', ADMIN_LOGIN)).ok).toBe(true);
    await settle(core);
    disk.fill();
    expectForIt(await raw(core, 'audit:export-csv', { filter: {} }), 'disk-full');
    const exports = corePaths(dataDir).exports;
    expect(existsSync(exports) ? readdirSync(exports) : []).toEqual([]);
    expectOwnMessage('disk-full');

    // With space again, the export is there whole.
    disk.free();
    const again = await raw<{ path: string; bytes: number }>(core, 'audit:export-csv', {
      filter: {},
    });
    expect(again.ok).toBe(true);
    expect(readdirSync(exports)).toHaveLength(1);
  });
});

describe('read-only places', () => {
  it('a read-only data folder is refused at start with its own message, the file untouched', async () => {
    const disk = smallDisk();
    const dataDir = await seededDataDir(disk);
    const bytes = readFileSync(corePaths(dataDir).database);
    disk.readOnly();
    const core = await started(practiceConfig(dataDir));
    const info = await raw<{ startupError: AppError | null }>(core, 'app:get-info');
    expect(info.ok && info.value.startupError?.code).toBe('data-folder-read-only');
    expect(info.ok && info.value.startupError?.errorId).toMatch(ERROR_ID_PATTERN);
    expect(errorOf(await raw(core, 'auth:login', CLERK_LOGIN))?.code).toBe('data-folder-read-only');
    await stop(core);
    expect(readFileSync(corePaths(dataDir).database).equals(bytes)).toBe(true);
    expectOwnMessage('data-folder-read-only');
  });

  it('a read-only database file is refused at start with its own message', async () => {
    const disk = smallDisk();
    const dataDir = await seededDataDir(disk);
    const path = corePaths(dataDir).database;
    const bytes = readFileSync(path);
    disk.readOnlyFile(path);
    const core = await started(practiceConfig(dataDir));
    expect(core.startupError()?.code).toBe('db-read-only');
    expect(errorOf(await raw(core, 'auth:login', CLERK_LOGIN))?.code).toBe('db-read-only');
    await stop(core);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    // The folder was writable: the error log has the entry IT is given the number of.
    const log = readFileSync(join(dataDir, 'logs', ERROR_LOG_FILE), 'utf8');
    expect(log).toContain(core.startupError()?.errorId);
    expectOwnMessage('db-read-only');
  });
});

describe('the data key', () => {
  it('a key file that does not open this database: its own message, the file untouched', async () => {
    const dataDir = await seededDataDir();
    const paths = corePaths(dataDir);
    const bytes = readFileSync(paths.database);
    writeFileSync(paths.keyFile, randomBytes(32), { mode: 0o600 });
    const core = await started(practiceConfig(dataDir));
    expect(core.startupError()?.code).toBe('data-key-wrong');
    expect(errorOf(await raw(core, 'auth:login', CLERK_LOGIN))?.code).toBe('data-key-wrong');
    await stop(core);
    expect(readFileSync(paths.database).equals(bytes)).toBe(true);
    expectOwnMessage('data-key-wrong');
  });

  it('the OS key store refusing to unwrap (as safeStorage throws) is the same message', async () => {
    const dataDir = await seededDataDir();
    const refusing: KeyProtector = {
      protect: () => {
        throw new Error('Encryption is not available.');
      },
      unprotect: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.');
      },
    };
    const core = await started({ ...practiceConfig(dataDir), keyProtector: refusing });
    expect(core.startupError()?.code).toBe('data-key-wrong');
  });

  it('a key store that cannot protect a new key: its own message, and no key stored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-faults-fresh-'));
    folders.push(dataDir);
    const unavailable: KeyProtector = {
      protect: () => {
        throw new Error('Encryption is not available.');
      },
      unprotect: () => {
        throw new Error('Encryption is not available.');
      },
    };
    const core = await started({ ...practiceConfig(dataDir), keyProtector: unavailable });
    expect(core.startupError()?.code).toBe('data-key-unavailable');
    expectOwnMessage('data-key-unavailable');
  });
});

describe('a foreign-key violation', () => {
  it('an approval for a procedure that does not exist: its own message, nothing recorded', async () => {
    const core = await started(practiceConfig(await seededDataDir()));
    expect((await raw(core, 'auth:login', CLERK_LOGIN)).ok).toBe(true);
    const before = await lastSeq(core);
    const approvals = () => core.db()!.get<{ n: number }>('SELECT count(*) AS n FROM approvals');
    const approvalsBefore = await approvals();
    const r = await raw(core, 'approval:approve', {
      action: 'revocation',
      procedureId: 'no-such-procedure',
      reason: '確認のため',
      approverLoginId: 'sekinin',
      approverPassword: 'sekinin-2026',
    });
    expectForIt(r, 'db-reference-missing');
    expect(await approvals()).toEqual(approvalsBefore);
    // The approver's login is its own transaction and stays; the approval and its row do not.
    expect((await auditActions(core, before)).map((row) => row.action)).not.toContain(
      'approval.recorded',
    );
    expectOwnMessage('db-reference-missing');
  });
});
