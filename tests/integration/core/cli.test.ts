// The administrator's command-line tools on a real database file: backup and audit verify.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardAuditLog } from '../../../main/audit/audit-guard';
import { appendAudit } from '../../../main/audit/audit-log';
import { openDatabase } from '../../../main/db/connection';
import { openIssuanceDatabase } from '../../../main/db/index';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { runScript } from '../../fixtures/run-script';

function tsx(script: string, args: string[]) {
  return runScript(script, args, { timeout: 60_000 });
}

describe('administrator commands', () => {
  it('db:backup makes a verified copy; audit:verify passes it and finds a tampered row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-cli-'));
    const file = join(dir, 'issuance.sqlite3');
    const raw = await openIssuanceDatabase(file, { mode: 'production', create: true });
    // As the app holds it: the audit key wrapped by a key file beside the database, which is where
    // audit:verify looks for it (and where the copy below finds it too).
    const { db, guard } = guardAuditLog(raw, new FileKeyProtector(join(dir, 'data-key.bin')), {
      mode: 'production',
      anchorsDir: null,
      now: () => new Date(),
    });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1)
        await appendAudit(tx, { operatorId: null, action: 'test.row' });
    });
    await (await guard).close();
    await db.close();

    const backupPath = join(dir, 'backup.sqlite3');
    const backup = tsx('scripts/db-backup.ts', [file, backupPath]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true });
    expect(existsSync(backupPath)).toBe(true);
    expect(tsx('scripts/db-backup.ts', [file, backupPath]).status).toBe(1); // never overwrites

    expect(tsx('scripts/audit-verify.ts', [backupPath]).status).toBe(0);

    // Tamper with row 3 through a raw handle, with the append-only trigger dropped.
    const attacker = await openDatabase(backupPath, {});
    await attacker.exec('DROP TRIGGER audit_log_no_update');
    await attacker.transaction((tx) =>
      tx.run(`UPDATE audit_log SET action = 'test.forged' WHERE seq = 3`),
    );
    await attacker.close();
    const verify = tsx('scripts/audit-verify.ts', [backupPath]);
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout.trim())).toMatchObject({
      ok: false,
      problems: [
        { kind: 'triggers', detail: 'audit_log_no_update' },
        { kind: 'rewritten', firstBadSeq: 3 },
      ],
    });
  });
});
