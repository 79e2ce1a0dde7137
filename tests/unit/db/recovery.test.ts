// A backup restored on a replacement machine through the recovery package: and nowhere else.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchAudit } from '../../../main/db/repositories/audit';
import { backupDatabase } from '../../../main/db/backup';
import { openIssuanceDatabase } from '../../../main/db/index';
import { FileKeyProtector, KeyFileError, type KeyProtector } from '../../../main/db/key-protector';
import { openMyNumberCipher } from '../../../main/db/my-number-crypto';
import { collectRecoveryKeys, restoreBackup, RestoreError } from '../../../main/db/recovery';
import { RECOVERY_KDF_COST } from '../../../main/db/recovery-package';
import { findOperatorByLogin } from '../../../main/db/repositories/operators';
import { createOperator } from '../../../main/operators/operator-accounts';
import { TEST_PACKAGE_KDF_COST, testHasher } from '../../fixtures/password-cost';
import { revealMyNumber } from '../../../main/db/repositories/residents';
import {
  loadOfficeKey,
  OfficeKeyError,
  officeKeyProtector,
  newOfficeKey,
} from '../../../main/db/office-key';
import {
  makeOfficeKeyPackage,
  parseMaintenanceArgs,
  lineReader,
  runMaintenance,
  UsageError,
  type MaintenanceDeps,
} from '../../../main/maintenance';
import { Readable } from 'node:stream';
import { openAuditKeys } from '../../../main/audit/audit-keys';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { addResident, makeTempDir, myNumberFrom, openTestDb, type TestDb } from './support/temp-db';

const PASSPHRASE = 'sora-no-iro 2026 madoguchi';
const ADMIN = { loginId: 'kanri', password: 'kanri-password-2026' };
/** What the key:export launcher pipes: an administrator's login, then the passphrase. */
const EXPORT_INPUT = [ADMIN.loginId, ADMIN.password, PASSPHRASE];
const NUMBER = myNumberFrom('12345678901');

let old: TestDb;
let residentId: number;
let offline: string;
const cleanups: (() => void | Promise<void>)[] = [];
beforeEach(async () => {
  old = await openTestDb();
  cleanups.push(() => old.dispose());
  residentId = await addResident(old, 1, { myNumber: NUMBER });
  await createOperator(old.db, testHasher, {
    ...ADMIN,
    displayName: '管理 太郎',
    role: 'admin',
    createdBy: null,
  });
  const stick = makeTempDir('madoguchi-usb-');
  cleanups.push(stick.cleanup);
  offline = stick.dir;
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Answers the command's reads in order, as the launcher's piped lines would. */
function input(lines: readonly string[]): () => Promise<string> {
  const queue = [...lines];
  return async () => queue.shift() ?? '';
}

/**
 * A machine as the shell sees it: its folders and its own protector. Logins and packages at the
 * tests' cheap scrypt costs; one test below checks the tool's own package cost.
 */
function machine(
  protector: KeyProtector,
  over: Partial<MaintenanceDeps> = {},
  reads: readonly string[] = [PASSPHRASE],
) {
  const { dir, cleanup } = makeTempDir('madoguchi-machine-');
  cleanups.push(cleanup);
  const lines: string[] = [];
  const deps: MaintenanceDeps = {
    mode: 'production',
    appDataDir: join(dir, 'userData'),
    databasePath: join(dir, 'userData', 'production', 'issuance.sqlite3'),
    backupDir: join(dir, 'userData', 'production-backups'),
    officeKeyPath: join(dir, 'userData', 'production', 'office-key.sealed'),
    keyProtector: protector,
    readLine: input(reads),
    now: () => new Date('2026-11-25T01:00:00Z'),
    platform: process.platform,
    print: (line) => lines.push(line),
    hasher: testHasher,
    packageKdfCost: TEST_PACKAGE_KDF_COST,
    ...over,
  };
  return { dir, deps, lines, result: () => JSON.parse(lines.at(-1)!) as Record<string, unknown> };
}

/** The old machine: its live database is old.path, its protector old.protector. */
function oldMachine(lines: readonly string[] = EXPORT_INPUT) {
  return machine(old.protector, { databasePath: old.path }, lines);
}

async function backupOf(t: TestDb, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  return (await backupDatabase(t.db, join(dir, 'issuance-backup.sqlite3'))).path;
}

/** A temp folder removed after the test. */
function tempDir(): string {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('recovery package and restore', { timeout: 60_000 }, () => {
  it("restores a backup on a fresh machine with a fresh protector and reads the resident's 個人番号", async () => {
    const from = oldMachine();
    const backup = await backupOf(old, from.deps.backupDir);
    const pkg = join(offline, 'recovery.json');
    expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(0);
    // The export's own audit row keys the old machine's chain: its audit key travels too.
    expect(from.result()).toMatchObject({ ok: true, dataKeys: ['audit-chain', 'my-number'] });
    expect(statSync(pkg).mode & 0o777).toBe(0o600);

    // The replacement PC: nothing in its data folder, a key store of its own.
    const to = machine(new FileKeyProtector(join(tempDir(), 'new-machine.key')));
    const code = await runMaintenance(
      { kind: 'db-restore', backupPath: backup, packagePath: pkg },
      to.deps,
    );
    expect(code, to.lines.join('\n')).toBe(0);
    expect(to.result()).toMatchObject({ ok: true, keyConfirmed: true, dataKeys: ['my-number'] });

    const db = await openIssuanceDatabase(to.deps.databasePath, { mode: 'production' });
    cleanups.push(() => db.close());
    const cipher = await openMyNumberCipher(db, to.deps.keyProtector);
    // The operators came with the backup: its administrator reads the number on the new PC.
    const admin = (await findOperatorByLogin(db, ADMIN.loginId))!.id;
    const read = await revealMyNumber(db, cipher, {
      residentId,
      operatorId: admin,
      purpose: 'restore check',
    });
    expect(read).toBe(NUMBER);
    // The restore is on the record, and the file is its owner's only.
    const actions = (await searchAudit(db, {})).items.map((r) => r.action);
    expect(actions).toContain('database.restored');
    expect(statSync(to.deps.databasePath).mode & 0o777).toBe(0o600);
    // The old machine's database records that its keys left in a package, and who took them.
    const exported = (await searchAudit(old.db, { action: 'key.recovery-exported' })).items;
    const adminId = (await findOperatorByLogin(old.db, ADMIN.loginId))?.id;
    expect(exported.map((r) => r.operatorId)).toEqual([adminId]);
  });

  it('seals the package at the full cost unless a test asks for less', async () => {
    const from = machine(
      old.protector,
      { databasePath: old.path, packageKdfCost: undefined },
      EXPORT_INPUT,
    );
    const pkg = join(offline, 'recovery-full-cost.json');
    expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(0);
    expect(JSON.parse(readFileSync(pkg, 'utf8')).kdf).toMatchObject(RECOVERY_KDF_COST);
  });

  it('a backup of a keyed audit chain restores with its chain intact under the new machine', async () => {
    const from = oldMachine();
    const pkg = join(offline, 'recovery-keyed.json');
    // The export keys the old chain first; the backup taken after it carries the audit key's row.
    expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(0);
    const backup = await backupOf(old, from.deps.backupDir);
    const to = machine(new FileKeyProtector(join(tempDir(), 'new-machine.key')));
    const code = await runMaintenance(
      { kind: 'db-restore', backupPath: backup, packagePath: pkg },
      to.deps,
    );
    expect(code, to.lines.join('\n')).toBe(0);
    expect(to.result()).toMatchObject({ ok: true, dataKeys: ['audit-chain', 'my-number'] });

    const db = await openIssuanceDatabase(to.deps.databasePath, { mode: 'production' });
    cleanups.push(() => db.close());
    const { keys } = await openAuditKeys(db, to.deps.keyProtector, to.deps.now);
    expect(await verifyAuditChain(db, { keys })).toMatchObject({ ok: true });
    const last = (await searchAudit(db, {})).items[0];
    expect(last?.action).toBe('database.restored');
  });

  it('a backup carried off with a key of its own cannot be read: only the package opens it', async () => {
    const backup = await backupOf(old, oldMachine().deps.backupDir);
    const db = await openIssuanceDatabase(backup, { mode: 'production', create: false });
    cleanups.push(() => db.close());
    const dir = tempDir();
    await expect(
      openMyNumberCipher(db, new FileKeyProtector(join(dir, 'thief.key'))),
    ).rejects.toBeInstanceOf(KeyFileError);
  });

  it('refuses the wrong passphrase and leaves the new data folder empty', async () => {
    const from = oldMachine();
    const backup = await backupOf(old, from.deps.backupDir);
    const pkg = join(offline, 'recovery.json');
    expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(0);
    const to = machine(new FileKeyProtector(join(tempDir(), 'k')), {}, [
      'sora-no-iro 2026 madoguch1',
    ]);
    expect(
      await runMaintenance({ kind: 'db-restore', backupPath: backup, packagePath: pkg }, to.deps),
    ).toBe(1);
    expect(to.result()).toEqual({ ok: false, error: 'wrong-passphrase' });
    expect(to.lines[0]).toMatch(/パスフレーズが違う/);
    expect(existsSync(to.deps.databasePath)).toBe(false);
  });

  it('writes a package for an administrator only', async () => {
    await createOperator(old.db, testHasher, {
      loginId: 'madoguchi01',
      password: 'clerk-password-2026',
      displayName: '窓口 花子',
      role: 'clerk',
      createdBy: null,
    });
    const pkg = join(offline, 'recovery.json');
    for (const [lines, error] of [
      [['madoguchi01', 'clerk-password-2026', PASSPHRASE], 'administrator-not-admin'],
      [[ADMIN.loginId, 'not-the-password', PASSPHRASE], 'administrator-invalid'],
      [['nobody', ADMIN.password, PASSPHRASE], 'administrator-invalid'],
    ] as const) {
      const from = oldMachine(lines);
      expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(1);
      expect(from.result()).toEqual({ ok: false, error });
      expect(from.lines[0]).toMatch(/管理者/);
      expect(existsSync(pkg)).toBe(false);
    }
  });

  it('refuses to write the package into the data folder or the backup folder', async () => {
    const from = machine(
      old.protector,
      { databasePath: old.path, appDataDir: old.dir },
      EXPORT_INPUT,
    );
    const inside = join(old.dir, 'recovery.json');
    expect(await runMaintenance({ kind: 'key-export', packagePath: inside }, from.deps)).toBe(1);
    expect(from.lines[0]).toMatch(/書き出せません/);
    expect(existsSync(inside)).toBe(false);
    mkdirSync(from.deps.backupDir, { recursive: true });
    const beside = join(from.deps.backupDir, 'recovery.json');
    expect(await runMaintenance({ kind: 'key-export', packagePath: beside }, from.deps)).toBe(1);
    expect(existsSync(beside)).toBe(false);
  });

  it('never overwrites a package, and never replaces a database already in place', async () => {
    const from = oldMachine();
    const pkg = join(offline, 'recovery.json');
    writeFileSync(pkg, 'an older package');
    expect(await runMaintenance({ kind: 'key-export', packagePath: pkg }, from.deps)).toBe(1);
    expect(readFileSync(pkg, 'utf8')).toBe('an older package');

    const keys = await collectRecoveryKeys(old.db, old.protector);
    const backup = await backupOf(old, from.deps.backupDir);
    const err = await restoreBackup({
      backupPath: backup,
      databasePath: old.path,
      mode: 'production',
      keys,
      protector: old.protector,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect((err as RestoreError).reason).toBe('target-exists');
  });

  it("refuses another database's keys: the package must belong to the backup", async () => {
    const other = await openTestDb();
    cleanups.push(() => other.dispose());
    const foreignKeys = await collectRecoveryKeys(other.db, other.protector);
    const dir = tempDir();
    const backup = await backupOf(old, join(dir, 'b'));
    const target = join(dir, 'new', 'issuance.sqlite3');
    const err = await restoreBackup({
      backupPath: backup,
      databasePath: target,
      mode: 'production',
      keys: foreignKeys,
      protector: new FileKeyProtector(join(dir, 'k')),
    }).catch((e: unknown) => e);
    expect((err as RestoreError).reason).toBe('wrong-key');
    // Nothing is left behind: no database, no half-restored copy.
    expect(readdirSync(join(dir, 'new'))).toEqual([]);
  });

  it('refuses a package without a key the backup holds', async () => {
    const dir = tempDir();
    const backup = await backupOf(old, join(dir, 'b'));
    const err = await restoreBackup({
      backupPath: backup,
      databasePath: join(dir, 'new', 'issuance.sqlite3'),
      mode: 'production',
      keys: { dataKeys: {} },
      protector: new FileKeyProtector(join(dir, 'k')),
    }).catch((e: unknown) => e);
    expect((err as RestoreError).reason).toBe('missing-key');
  });

  it('refuses a production backup on a practice machine', async () => {
    const keys = await collectRecoveryKeys(old.db, old.protector);
    const dir = tempDir();
    const backup = await backupOf(old, join(dir, 'b'));
    await expect(
      restoreBackup({
        backupPath: backup,
        databasePath: join(dir, 'practice', 'issuance.sqlite3'),
        mode: 'practice',
        keys,
        protector: new FileKeyProtector(join(dir, 'k')),
      }),
    ).rejects.toMatchObject({ code: 'db-mode-mismatch' });
    expect(existsSync(join(dir, 'practice', 'issuance.sqlite3'))).toBe(false);
  });
});

describe('the office key package', { timeout: 60_000 }, () => {
  /** IT's office key package on the stick (a cheaper scrypt than the tool's). */
  async function officePackage(): Promise<string> {
    const pkg = join(offline, 'office-key.json');
    await makeOfficeKeyPackage(pkg, PASSPHRASE, {
      createdAt: '2026-11-25T01:00:00Z',
      kdfCost: TEST_PACKAGE_KDF_COST,
    });
    return pkg;
  }
  const freshProtector = () => new FileKeyProtector(join(tempDir(), 'machine.key'));
  const install = (packagePath: string) => ({ kind: 'office-key-install', packagePath }) as const;

  it('installs one key on two counters, each sealed by its own machine', async () => {
    const pkg = await officePackage();
    expect(statSync(pkg).mode & 0o777).toBe(0o600);
    const [a, b] = [machine(freshProtector()), machine(freshProtector())];
    for (const m of [a, b]) {
      expect(await runMaintenance(install(pkg), m.deps)).toBe(0);
      expect(m.result()).toEqual({ ok: true, path: m.deps.officeKeyPath });
      expect(statSync(m.deps.officeKeyPath).mode & 0o777).toBe(0o600);
    }
    // Sealed differently on each machine, the same key once unsealed.
    expect(readFileSync(a.deps.officeKeyPath)).not.toEqual(readFileSync(b.deps.officeKeyPath));
    const sealedAtA = loadOfficeKey(a.deps.officeKeyPath, a.deps.keyProtector).protect(
      Buffer.alloc(32, 7),
    );
    const atB = loadOfficeKey(b.deps.officeKeyPath, b.deps.keyProtector);
    expect(atB.unprotect(sealedAtA)).toEqual(Buffer.alloc(32, 7));
    // Another machine's protector cannot unseal what was installed for this one.
    expect(() => loadOfficeKey(a.deps.officeKeyPath, b.deps.keyProtector)).toThrow(
      expect.objectContaining({ reason: 'not-this-machine' }),
    );
  });

  it('refuses a wrong passphrase, a counter’s own package, a second install, practice', async () => {
    const pkg = await officePackage();
    const wrong = machine(freshProtector(), {}, ['not the passphrase at all']);
    expect(await runMaintenance(install(pkg), wrong.deps)).toBe(1);
    expect(wrong.result()).toEqual({ ok: false, error: 'wrong-passphrase' });
    expect(existsSync(wrong.deps.officeKeyPath)).toBe(false);

    const counterPackage = join(offline, 'recovery.json');
    const exporter = oldMachine();
    await runMaintenance({ kind: 'key-export', packagePath: counterPackage }, exporter.deps);
    const notOffice = machine(freshProtector());
    expect(await runMaintenance(install(counterPackage), notOffice.deps)).toBe(1);
    expect(notOffice.result()).toEqual({ ok: false, error: 'not-an-office-key-package' });

    const twice = machine(freshProtector(), {}, [PASSPHRASE, PASSPHRASE]);
    expect(await runMaintenance(install(pkg), twice.deps)).toBe(0);
    const first = readFileSync(twice.deps.officeKeyPath);
    expect(await runMaintenance(install(pkg), twice.deps)).toBe(1);
    expect(twice.result()).toEqual({ ok: false, error: 'office-key-present' });
    expect(readFileSync(twice.deps.officeKeyPath)).toEqual(first);

    const practice = machine(freshProtector(), { mode: 'practice' });
    expect(await runMaintenance(install(pkg), practice.deps)).toBe(1);
    expect(practice.result()).toEqual({ ok: false, error: 'practice-mode' });
    await expect(makeOfficeKeyPackage(pkg, PASSPHRASE, { createdAt: 'x' })).rejects.toThrow();
  });

  it('tells a missing key and another office’s key apart', () => {
    const m = machine(freshProtector());
    expect(() => loadOfficeKey(m.deps.officeKeyPath, m.deps.keyProtector)).toThrow(
      expect.objectContaining({ reason: 'missing', code: 'office-key-missing' }),
    );
    const sealed = officeKeyProtector(newOfficeKey()).protect(Buffer.alloc(32, 1));
    expect(() => officeKeyProtector(newOfficeKey()).unprotect(sealed)).toThrow(OfficeKeyError);
    expect(() => officeKeyProtector(newOfficeKey()).unprotect(sealed)).toThrow(
      expect.objectContaining({ reason: 'wrong-office', code: 'office-key-wrong' }),
    );
  });
});

describe('maintenance command line', () => {
  it('reads the switch and its files, and refuses a wrong count', () => {
    expect(parseMaintenanceArgs(['/opt/窓口/madoguchi'])).toBeNull();
    expect(parseMaintenanceArgs(['electron', '.', '--key-export', '/media/usb/r.json'])).toEqual({
      kind: 'key-export',
      packagePath: '/media/usb/r.json',
    });
    expect(parseMaintenanceArgs(['app', '--db-restore', '/b/x.sqlite3', '/media/r.json'])).toEqual({
      kind: 'db-restore',
      backupPath: '/b/x.sqlite3',
      packagePath: '/media/r.json',
    });
    expect(() => parseMaintenanceArgs(['app', '--db-restore', '/b/x.sqlite3'])).toThrow(UsageError);
    expect(parseMaintenanceArgs(['app', '--office-key-install', '/media/office.json'])).toEqual({
      kind: 'office-key-install',
      packagePath: '/media/office.json',
    });
    expect(() => parseMaintenanceArgs(['app', '--office-key-install'])).toThrow(UsageError);
    expect(() => parseMaintenanceArgs(['app', '--key-export'])).toThrow(UsageError);
  });

  it('reads its input line by line, and empty lines once it has ended', async () => {
    const next = lineReader(Readable.from(['kanri\nかな入りの', 'パスフレーズ\r\nlast']));
    expect(await next()).toBe('kanri');
    expect(await next()).toBe('かな入りのパスフレーズ');
    expect(await next()).toBe('last');
    expect(await next()).toBe('');
  });
});
