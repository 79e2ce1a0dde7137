// The administrator's command-line tools on a real database file: backup and audit verify.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/audit-log';
import { openDatabase } from '../../../main/db/connection';
import { openIssuanceDatabase } from '../../../main/db/index';

function tsx(script: string, args: string[]) {
  return spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('administrator commands', () => {
  it('db:backup makes a verified copy; audit:verify passes it and finds a tampered row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-cli-'));
    const file = join(dir, 'issuance.sqlite3');
    const db = await openIssuanceDatabase(file, { mode: 'production', create: true });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1)
        await appendAudit(tx, { operatorId: null, action: 'test.row' });
    });
    await db.close();

    const backupPath = join(dir, 'backup.sqlite3');
    const backup = tsx('scripts/db-backup.ts', [file, backupPath]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true });
    expect(existsSync(backupPath)).toBe(true);
    expect(tsx('scripts/db-backup.ts', [file, backupPath]).status).toBe(1); // never overwrites

    expect(tsx('scripts/audit-verify.ts', [backupPath]).status).toBe(0);

    // Tamper with row 3 through a raw handle, with the append-only trigger dropped.
    const raw = await openDatabase(backupPath, {});
    await raw.exec('DROP TRIGGER audit_log_no_update');
    await raw.transaction((tx) =>
      tx.run(`UPDATE audit_log SET action = 'test.forged' WHERE seq = 3`),
    );
    await raw.close();
    const verify = tsx('scripts/audit-verify.ts', [backupPath]);
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout.trim())).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});
