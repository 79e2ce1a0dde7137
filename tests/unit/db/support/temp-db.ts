// Test support: real sqlite files in a fresh temp dir, migrated, with a key-file protected cipher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIsoDate, parseMyNumber } from '../../../../main/card/domain';
import type { MyNumber } from '../../../../main/card/domain';
import type { Db } from '../../../../main/db/connection';
import { openIssuanceDatabase } from '../../../../main/db';
import { FileKeyProtector } from '../../../../main/db/key-protector';
import { openMyNumberCipher } from '../../../../main/db/my-number-crypto';
import type { MyNumberCipher } from '../../../../main/db/my-number-crypto';
import { createResident } from '../../../../main/db/repositories/residents';
import type { NewResident } from '../../../../main/db/repositories/residents';
import { insertOperator } from '../../../../main/db/repositories/operators';
import type { OperatorRole } from '../../../../main/db/repositories/operators';

export function makeTempDir(prefix = 'madoguchi-db-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDb {
  readonly dir: string;
  readonly path: string;
  readonly db: Db;
  readonly cipher: MyNumberCipher;
  readonly protector: FileKeyProtector;
  dispose(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const { dir, cleanup } = makeTempDir();
  const path = join(dir, 'issuance.sqlite');
  const db = await openIssuanceDatabase(path, { mode: 'production' });
  const protector = new FileKeyProtector(join(dir, 'data.key'));
  const cipher = await openMyNumberCipher(db, protector);
  return {
    dir,
    path,
    db,
    cipher,
    protector,
    async dispose() {
      await db.close().catch(() => undefined);
      cleanup();
    },
  };
}

/** Appends the check digit, so any 11 digits make a valid 個人番号 for a fictional resident. */
export function myNumberFrom(first11: string): MyNumber {
  let s = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 0x30;
    s += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = s % 11;
  return parseMyNumber(first11 + String(r <= 1 ? 0 : 11 - r));
}

export function residentInput(i: number, overrides: Partial<NewResident> = {}): NewResident {
  return {
    kanaName: 'ヤマダ タロウ',
    kanjiName: '山田　太郎',
    birthDate: parseIsoDate('1980-02-17'),
    address: '東京都架空市本町1-2-3',
    sex: 'male',
    myNumber: myNumberFrom(String(10_000_000_000 + i)),
    ...overrides,
  };
}

export async function addResident(t: TestDb, i: number, o: Partial<NewResident> = {}) {
  return t.db.transaction((tx) => createResident(tx, t.cipher, residentInput(i, o)));
}

/** Operators with a placeholder hash: these tests do not log in, so no scrypt cost. */
export async function addOperator(t: TestDb, loginId: string, role: OperatorRole): Promise<number> {
  return t.db.transaction((tx) =>
    insertOperator(tx, { loginId, displayName: loginId, role, passwordHash: 'scrypt$x' }),
  );
}
