// Backup: a consistent online copy that opens read-only and passes integrity_check.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain, appendAudit } from '../../../main/audit/audit-log';
import { backupDatabase } from '../../../main/db/backup';
import { openDatabase } from '../../../main/db/connection';
import { DbError } from '../../../main/db/errors';
import { createResident } from '../../../main/db/repositories/residents';
import { getResidentWithMaskedNumber } from '../../../main/db/repositories/residents';
import { addResident, openTestDb, residentInput } from './support/temp-db';
import type { TestDb } from './support/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

describe('backup', () => {
  it('copies the live database into one verified file that holds every row', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await addResident(t, i));
    const dest = join(t.dir, 'backup-2026-11-25.sqlite');
    const result = await backupDatabase(t.db, dest);
    expect(result.path).toBe(dest);
    expect(result.pages).toBeGreaterThan(5);
    expect(result.bytes).toBe(result.pages * 4096);
    // One self-contained file: no -wal or -shm beside it, and no leftover partial file.
    expect(readdirSync(t.dir).filter((f) => f.startsWith('backup-'))).toEqual([
      'backup-2026-11-25.sqlite',
    ]);
    const copy = await openDatabase(dest, { readOnly: true });
    try {
      expect(await copy.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      expect(await copy.get('SELECT count(*) AS n FROM residents')).toEqual({ n: 20 });
      // The same key still opens the copy's 個人番号.
      expect(
        (await getResidentWithMaskedNumber(copy, t.cipher, ids[3] ?? 0)).myNumberMasked,
      ).toMatch(/^\*\*\*\* \*\*\*\* \d{4}$/);
    } finally {
      await copy.close();
    }
  });

  it('is consistent while the counter keeps writing', async () => {
    let stop = false;
    let fiveWritten!: () => void;
    const five = new Promise<void>((r) => (fiveWritten = r));
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        await t.db.transaction(async (tx) => {
          const r = await createResident(tx, t.cipher, residentInput(1000 + i));
          await appendAudit(tx, { operatorId: null, action: 'resident.created', residentId: r });
        });
        if (i + 1 === 5) fiveWritten();
      }
    })();
    await five;
    const dest = join(t.dir, 'during-writes.sqlite');
    await backupDatabase(t.db, dest);
    stop = true;
    await writer;
    const copy = await openDatabase(dest, { readOnly: true });
    try {
      const residents =
        (await copy.get<{ n: number }>('SELECT count(*) AS n FROM residents'))?.n ?? 0;
      expect(residents).toBeGreaterThanOrEqual(5);
      // Each resident was written with its audit row in one transaction: the copy has both or neither.
      expect(await verifyAuditChain(copy)).toEqual({ ok: true, rows: residents });
    } finally {
      await copy.close();
    }
  });

  it('never overwrites an existing file', async () => {
    const dest = join(t.dir, 'taken.sqlite');
    writeFileSync(dest, 'keep me');
    await expect(backupDatabase(t.db, dest)).rejects.toBeInstanceOf(DbError);
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });
});
