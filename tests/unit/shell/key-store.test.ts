// Where the data keys live: the OS key store or IT's key file in production, never beside the data.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseKeyStore,
  isInside,
  keyFileAdvice,
  keyFileUnusable,
  KeyStoreRefusal,
  type KeyStoreInput,
} from '../../../main/config/key-store';
import { defaultBackupDir, modeDataDir } from '../../../main/config/paths';
import { FileKeyProtector, KeyFileError } from '../../../main/db/key-protector';

let root: string;
let input: KeyStoreInput;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-keystore-'));
  const appDataDir = join(root, 'userData');
  const dataDir = modeDataDir(appDataDir, 'production');
  mkdirSync(dataDir, { recursive: true });
  input = {
    mode: 'production',
    osKeyStore: 'available',
    appDataDir,
    dataDir,
    backupDir: defaultBackupDir(dataDir),
    platform: process.platform,
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function refusal(over: Partial<KeyStoreInput>): KeyStoreRefusal {
  try {
    chooseKeyStore({ ...input, ...over });
  } catch (e) {
    if (e instanceof KeyStoreRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('production key store', () => {
  it('uses the OS key store when there is one', () => {
    expect(chooseKeyStore(input)).toEqual({ kind: 'os' });
  });

  it('without one, refuses to start instead of writing a key file into the data folder', () => {
    const r = refusal({ osKeyStore: 'unavailable' });
    expect(r.reason).toBe('no-key-store');
    // IT reads what to do, in Japanese, with the configuration key that lets them do it.
    expect(r.advice).toMatch(/IT担当者へ/);
    expect(r.advice).toContain('dataKeyFile');
  });

  it("counts Linux's constant-key fallback as no key store", () => {
    expect(refusal({ osKeyStore: 'plain-text' }).reason).toBe('no-key-store');
  });

  it("takes IT's key file on another path, even where an OS key store exists", () => {
    const keyFile = join(root, 'it-keys', 'madoguchi.key');
    for (const osKeyStore of ['available', 'unavailable'] as const) {
      expect(chooseKeyStore({ ...input, osKeyStore, dataKeyFile: keyFile })).toEqual({
        kind: 'key-file',
        path: keyFile,
      });
    }
  });

  it('refuses a key file in the data folder, in the app folder or in the backup folder', () => {
    const inData = refusal({ osKeyStore: 'unavailable', dataKeyFile: join(input.dataDir, 'k') });
    expect(inData.reason).toBe('key-file-in-data');
    expect(inData.advice).toMatch(/IT担当者へ/);
    // The practice folder beside it is copied with the same user folder.
    const inApp = refusal({ dataKeyFile: join(input.appDataDir, 'practice', 'k') });
    expect(inApp.reason).toBe('key-file-in-data');
    const backupDir = join(root, 'backup-drive', 'madoguchi');
    const inBackups = refusal({ backupDir, dataKeyFile: join(backupDir, 'k') });
    expect(inBackups.reason).toBe('key-file-in-backups');
  });

  it('refuses a key file reached through a link into the data folder', () => {
    const link = join(root, 'innocent');
    symlinkSync(input.dataDir, link);
    expect(refusal({ dataKeyFile: join(link, 'madoguchi.key') }).reason).toBe('key-file-in-data');
  });

  it('refuses a backup folder inside the data folder', () => {
    expect(refusal({ backupDir: join(input.dataDir, 'backups') }).reason).toBe('backups-in-data');
  });
});

describe("IT's key file that cannot be used", () => {
  it('says which file, why, and what IT does, in Japanese', () => {
    const path = join(root, 'missing-drive', 'madoguchi.key');
    let error: unknown;
    try {
      new FileKeyProtector(path);
    } catch (e) {
      error = e;
    }
    const r = keyFileUnusable(path, error);
    expect(r.reason).toBe('key-file-unusable');
    expect(r.advice).toContain(path);
    expect(r.advice).toContain('ENOENT');
    expect(r.advice).toMatch(/IT担当者へ/);
    const loose = keyFileAdvice(new KeyFileError('permissions', path));
    expect(loose).toContain('chmod 600');
  });
});

describe('practice key store', () => {
  it('keeps the key file in the practice folder when the OS has no key store', () => {
    const practice = { ...input, mode: 'practice' as const };
    expect(chooseKeyStore({ ...practice, osKeyStore: 'unavailable' })).toEqual({
      kind: 'practice-file',
    });
    expect(chooseKeyStore(practice)).toEqual({ kind: 'os' });
  });
});

describe('isInside', () => {
  it('compares Windows paths without case, and sees a sibling with a longer name as outside', () => {
    const app = 'C:\\Users\\Clerk\\AppData\\Roaming\\窓口';
    expect(isInside(app, 'c:\\users\\clerk\\appdata\\roaming\\窓口\\production\\k', 'win32')).toBe(
      true,
    );
    expect(isInside(app, 'D:\\keys\\k', 'win32')).toBe(false);
    expect(isInside('/u/production', '/u/production-backups/k', 'linux')).toBe(false);
    expect(isInside('/u/production', '/u/production/..keys', 'linux')).toBe(true);
    expect(isInside('/u/production', '/u/production', 'linux')).toBe(true);
  });
});
