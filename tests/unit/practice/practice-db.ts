// Test support: a practice database in a fresh temp dir, its key file, and the bytes on disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIssuanceDatabase } from '../../../main/db';
import type { Db } from '../../../main/db/connection';
import type { DatabaseMode } from '../../../main/db/repositories/meta';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { openMyNumberCipher } from '../../../main/db/my-number-crypto';
import type { MyNumberCipher } from '../../../main/db/my-number-crypto';
import type { Clock } from '../../../main/db/clock';
import { createLoginChecker, type AuthResult } from '../../../main/operators/login-check';
import { testHasher } from '../../fixtures/password-cost';
import { makeTempDir as makeDbTempDir } from '../db/support/temp-db';

export interface TempDir {
  readonly dir: string;
  readonly protector: FileKeyProtector;
  cleanup(): void;
}

/** A fresh temp dir (the database tests' own) with the practice key file's protector in it. */
export function makeTempDir(): TempDir {
  const { dir, cleanup } = makeDbTempDir('madoguchi-practice-');
  return { dir, protector: new FileKeyProtector(join(dir, 'data.key')), cleanup };
}

/** A practice operator's login on `db`, as the app checks it (at the tests' hash cost). */
export function checkLogin(
  db: Db,
  loginId: string,
  password: string,
  clock: Clock,
): Promise<AuthResult> {
  return createLoginChecker({ db: () => db, hasher: testHasher, now: clock }).check(
    loginId,
    password,
  );
}

export async function openWithCipher(
  path: string,
  mode: DatabaseMode,
  t: TempDir,
): Promise<{ db: Db; cipher: MyNumberCipher }> {
  const db = await openIssuanceDatabase(path, { mode });
  return { db, cipher: await openMyNumberCipher(db, t.protector) };
}

/** The database file and its WAL side files, concatenated: everything sqlite keeps on disk. */
export function bytesOnDisk(path: string): Buffer {
  return Buffer.concat(
    ['', '-wal', '-shm', '-journal']
      .map((suffix) => path + suffix)
      .filter((p) => existsSync(p))
      .map((p) => readFileSync(p)),
  );
}

/** Each file of the database, for comparing before and after. */
export function filesOnDisk(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix))
      out[suffix || 'main'] = readFileSync(path + suffix).toString('hex');
  }
  return out;
}
