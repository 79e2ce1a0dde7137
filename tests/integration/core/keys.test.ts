// The production core never keeps a key beside its data, and its backups go elsewhere: a copy of
// the data folder and the backups, carried off the machine, does not decrypt a 個人番号.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInside } from '../../../main/config/key-store';
import { defaultBackupDir, modeDataDir } from '../../../main/config/paths';
import type { CoreConfig } from '../../../main/config/config';
import { corePaths, createCore, MissingKeyProtectorError, type Core } from '../../../main/core';
import { openIssuanceDatabase } from '../../../main/db/index';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { MyNumberCipher, openMyNumberCipher } from '../../../main/db/my-number-crypto';
import { listWrappedDataKeys } from '../../../main/db/repositories/data-keys';
import { createResident, firstStoredMyNumber } from '../../../main/db/repositories/residents';
import { TestKeyProtector } from '../../unit/authority/authority-helpers';
import { myNumberFrom, residentInput } from '../../unit/db/support/temp-db';
import { productionConfig, TEST_SETUP_CODE } from '../support/router-calls';

const ORIGIN = 'http://127.0.0.1:1';
const SENDER = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
const roots: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

/**
 * A counter PC: the user's folder (Electron userData) with the production data folder in it, and
 * no key store unless the test gives it one.
 */
function counterPc(over: Partial<CoreConfig> = {}): CoreConfig {
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-keys-'));
  roots.push(root);
  const dataDir = modeDataDir(join(root, 'userData'), 'production');
  const { keyProtector: _theTestsOwn, ...pc } = productionConfig(dataDir, {
    backupDir: defaultBackupDir(dataDir),
  });
  return { ...pc, ...over };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('production keys', () => {
  it('without an OS key store or key file, the core refuses and writes nothing', () => {
    const c = counterPc();
    mkdirSync(c.dataDir, { recursive: true });
    expect(() => createCore(c)).toThrow(MissingKeyProtectorError);
    expect(readdirSync(c.dataDir)).toEqual([]);
  });

  it('a copy of the data folder and of the backups, carried off the machine, decrypts nothing', async () => {
    // The OS key store (DPAPI, keychain): its key is in no file the attacker can copy.
    const os = new TestKeyProtector();
    const c = counterPc({ keyProtector: os });
    const core = createCore(c);
    cores.push(core);
    await core.start();
    const db = core.db()!;
    const number = myNumberFrom('98765432101');
    const cipher = await openMyNumberCipher(db, os);
    await db.transaction((tx) =>
      createResident(tx, cipher, residentInput(0, { myNumber: number })),
    );
    await core.router.handle(SENDER, 'auth:setup-admin', {
      loginId: 'kanri',
      displayName: '管理 太郎',
      password: 'kanri-password-2026',
      setupCode: TEST_SETUP_CODE,
    });
    const backup = await core.router.handle(SENDER, 'admin:backup-database', {});
    expect(backup.ok, JSON.stringify(backup)).toBe(true);
    const backupPath = backup.ok ? (backup.value as { path: string }).path : '';
    await core.close();

    // The backup is outside the data folder; the data folder holds no key file.
    expect(isInside(c.dataDir, backupPath, process.platform)).toBe(false);
    expect(isInside(c.backupDir!, backupPath, process.platform)).toBe(true);
    const stolen = [...filesUnder(c.dataDir), ...filesUnder(c.backupDir!)];
    expect(stolen.map((f) => relative(c.dataDir, f))).not.toContain('data-key.bin');
    expect(stolen.some((f) => f === corePaths(c.dataDir).keyFile)).toBe(false);

    // The attacker tries every copied file as the key file, and as the raw data key.
    const copy = await openIssuanceDatabase(backupPath, { mode: 'production', create: false });
    try {
      // The 個人番号 key (the audit chain's key sits beside it, wrapped the same way).
      const wrapped = (await listWrappedDataKeys(copy)).find((k) => k.purpose === 'my-number');
      const sample = (await firstStoredMyNumber(copy))!;
      expect(wrapped).toBeDefined();
      for (const file of stolen) {
        const bytes = readFileSync(file);
        expect(() => new FileKeyProtector(file).unprotect(wrapped!.wrapped), file).toThrow();
        if (bytes.length === 32) {
          expect(() => new MyNumberCipher(bytes).decrypt(sample.enc), file).toThrow();
        }
      }
      // Only the OS key store of this machine opens it.
      expect(new MyNumberCipher(os.unprotect(wrapped!.wrapped)).decrypt(sample.enc)).toBe(number);
    } finally {
      await copy.close();
    }
  });
});
