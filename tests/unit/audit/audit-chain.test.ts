// The keyed audit chain: the key, the carried-over plain prefix, seals, checks, and each attack on
// the log (cut short, rewritten consistently, trigger dropped) found with its first bad row.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorJsonLine, makeAnchor, type AuditAnchor } from '../../../main/audit/audit-anchors';
import { readAuditKeys, type AuditKeys } from '../../../main/audit/audit-keys';
import {
  appendAudit,
  auditRowHash,
  keyedAuditRowHash,
  verifyAuditChain,
} from '../../../main/audit/audit-log';
import { SEAL_ROWS, sealSegments, segmentBytesOf } from '../../../main/audit/audit-seal';
import { verifyAudit, type AuditProblem } from '../../../main/audit/audit-verify';
import { openDatabase } from '../../../main/db/connection';
import { migrate } from '../../../main/db/migrate';
import { readAuditRows } from '../../../main/db/repositories/audit';
import { auditSegmentBytes, readAuditStart } from '../../../main/db/repositories/audit-chain';
import {
  openKeyedTestDb,
  tamper,
  verifyCli,
  writeRows,
  type KeyedTestDb,
} from './support/keyed-db';
import { addResident } from '../db/support/temp-db';

let t: KeyedTestDb | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function open(options: Parameters<typeof openKeyedTestDb>[0] = {}): Promise<KeyedTestDb> {
  t = await openKeyedTestDb(options);
  return t;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-anchors-'));
  dirs.push(dir);
  return dir;
}

const verify = (k: KeyedTestDb, o: Partial<Parameters<typeof verifyAudit>[1]> = {}) =>
  verifyAudit(k.keyed, { keys: k.guard.keys, ...o });

const kinds = (problems: readonly AuditProblem[]) =>
  problems.map((p) => `${p.kind}@${p.firstBadSeq ?? '-'}`);

/** The attacker's consistent rewrite: row `seq` replaced, every later hash recomputed in SHA-256. */
async function rewriteFrom(path: string, seq: number, details: string): Promise<void> {
  const raw = await openDatabase(path, { integrityCheck: 'skip' });
  try {
    const rows = await readAuditRows(raw, 0, 1_000_000);
    let prev = rows[seq - 2]?.hash ?? Buffer.alloc(32);
    await raw.exec('DROP TRIGGER audit_log_no_update');
    await raw.transaction(async (tx) => {
      for (const row of rows.slice(seq - 1)) {
        const forged = row.seq === seq ? { ...row, details } : row;
        const hash = auditRowHash(prev, forged);
        await tx.run('UPDATE audit_log SET details = ?, hash = ? WHERE seq = ?', [
          forged.details,
          hash,
          row.seq,
        ]);
        prev = hash;
      }
    });
  } finally {
    await raw.close();
  }
}

function anchorAt(k: KeyedTestDb): Promise<AuditAnchor> {
  return makeAnchor(k.keyed, k.guard.keys, 'test', new Date());
}

describe('the keyed chain', () => {
  it('rows appended through the app’s handle are HMACs under the audit key, not SHA-256', async () => {
    const k = await open();
    await writeRows(k.keyed, 3, k.clerk);
    const rows = await readAuditRows(k.db, 0, 10);
    expect(rows[1]!.hash.equals(keyedAuditRowHash(k.guard.keys, rows[0]!.hash, rows[1]!))).toBe(
      true,
    );
    expect(rows[1]!.hash.equals(auditRowHash(rows[0]!.hash, rows[1]!))).toBe(false);
    expect(await readAuditStart(k.db)).toMatchObject({
      keyedFromSeq: 1,
      keyId: k.guard.keys.keyId,
    });
    const r = await verify(k);
    expect(r).toMatchObject({ ok: true, rows: 3, problems: [] });
  });

  it('a handle without the key cannot append to a keyed log', async () => {
    const k = await open();
    await writeRows(k.keyed, 1, k.clerk);
    await expect(writeRows(k.db, 1, k.clerk)).rejects.toThrow(/keyed/);
    expect(await verifyAuditChain(k.db, { keys: k.guard.keys })).toEqual({ ok: true, rows: 1 });
  });

  it('the key is stored wrapped by the KeyProtector, never in clear', async () => {
    const k = await open();
    const stored = await k.db.get<{ wrapped: Buffer }>(
      `SELECT wrapped FROM data_keys WHERE purpose = 'audit-chain'`,
    );
    expect(stored?.wrapped.subarray(0, 4).toString('latin1')).toBe('FKP1');
    const again = (await readAuditKeys(k.db, k.protector)) as AuditKeys;
    expect(again.keyId).toBe(k.guard.keys.keyId);
    expect(again.row.equals(k.guard.keys.row)).toBe(true);
  });

  it('a database from before the key keeps its plain rows: the keyed chain pins their head', async () => {
    const k = await open({ plainRows: 5 });
    const start = await readAuditStart(k.db);
    const rows = await readAuditRows(k.db, 0, 10);
    expect(start).toMatchObject({ keyedFromSeq: 6 });
    expect(start!.prefixHead.equals(rows[4]!.hash)).toBe(true);
    await writeRows(k.keyed, 3, k.clerk);
    expect(await verify(k)).toMatchObject({ ok: true, rows: 8 });
    // The 個人番号 data key came through the rebuilt data_keys table.
    expect(await k.db.get(`SELECT count(*) AS n FROM data_keys`)).toEqual({ n: 2 });
  });

  it('a consistent rewrite of the plain prefix breaks the pin', async () => {
    const k = await open({ plainRows: 5 });
    await writeRows(k.keyed, 2, k.clerk);
    await rewriteFrom(k.path, 3, '{"marker":"forged"}');
    const r = await verify(k);
    expect(r.ok).toBe(false);
    // Plain hashes anyone can recompute: only that the prefix changed is known, from row 1 on.
    expect(kinds(r.problems)).toContain('rewritten@1');
  });
});

describe('seals', () => {
  it('sqlite builds a segment’s bytes exactly as they are built from rows', async () => {
    const k = await open();
    const resident = await addResident(k, 1);
    await k.keyed.transaction(async (tx) => {
      await appendAudit(tx, { operatorId: null, action: 'x.y', details: { a: "it's 確認" } });
      await appendAudit(tx, {
        operatorId: k.clerk,
        action: 'x.z',
        residentId: null,
        details: { q: 'say "hi"\n', n: 9007199254740991 },
      });
      await appendAudit(tx, {
        operatorId: null,
        action: 'x.w',
        residentId: resident,
        details: { a: "''", b: '証明書', c: '\u0000' },
      });
    });
    const rows = await readAuditRows(k.db, 0, 10);
    expect((await auditSegmentBytes(k.db, 1, 3))!.equals(segmentBytesOf(rows))).toBe(true);
  });

  it('complete segments are sealed after their rows verify; the full check reads them by seal', async () => {
    const k = await open();
    await writeRows(k.keyed, SEAL_ROWS * 2 + 5, k.clerk);
    await k.guard.idle();
    const seals = await k.db.all<{ seq_to: number }>('SELECT seq_to FROM audit_seals');
    expect(seals.map((s) => s.seq_to)).toEqual([SEAL_ROWS, SEAL_ROWS * 2]);
    const progress: number[] = [];
    const r = await verify(k, { onProgress: (c) => progress.push(c) });
    expect(r).toMatchObject({ ok: true, rows: SEAL_ROWS * 2 + 5 });
    expect(progress.at(-1)).toBe(SEAL_ROWS * 2 + 5);
  });

  it('a row changed under a seal is found at its own seq', async () => {
    const k = await open();
    await writeRows(k.keyed, SEAL_ROWS + 3, k.clerk);
    await k.guard.idle();
    await tamper(
      k.path,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator_id = NULL WHERE seq = 700`,
    );
    expect(kinds((await verify(k)).problems)).toEqual(['triggers@1', 'rewritten@700']);
  });

  it('text hidden after a NUL byte (where sqlite’s quoting stops) is still found under a seal', async () => {
    const k = await open();
    await writeRows(k.keyed, SEAL_ROWS, k.clerk);
    await k.guard.idle();
    await tamper(
      k.path,
      `DROP TRIGGER audit_log_no_update;
       UPDATE audit_log SET details = details || char(0) || 'hidden' WHERE seq = 5;
       CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`,
    );
    expect(kinds((await verify(k)).problems)).toEqual(['rewritten@5']);
  });

  it('a forged seal over intact keyed rows is a finding of its own', async () => {
    const k = await open();
    await writeRows(k.keyed, SEAL_ROWS, k.clerk);
    await k.guard.idle();
    await tamper(
      k.path,
      `DROP TRIGGER audit_seals_no_update; UPDATE audit_seals SET mac = zeroblob(32);
       CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
       BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;`,
    );
    expect(kinds((await verify(k)).problems)).toEqual(['seals@1']);
  });

  it('nothing is sealed past a broken row', async () => {
    const k = await open();
    await writeRows(k.keyed, 10, k.clerk);
    await tamper(
      k.path,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'x' WHERE seq = 4`,
    );
    await writeRows(k.keyed, SEAL_ROWS, k.clerk);
    await k.guard.idle();
    const sealed = await sealSegments(k.keyed, k.guard.keys, () => new Date());
    expect(sealed).toMatchObject({ sealed: 0, blocked: { kind: 'rewritten', seq: 4 } });
  });
});

describe('checks and the recent rows', () => {
  it('a recent check starts after the last passed check', async () => {
    const k = await open();
    await writeRows(k.keyed, 20, k.clerk);
    expect(await k.guard.verify('recent')).toMatchObject({ ok: true, from: 1 });
    await writeRows(k.keyed, 5, k.clerk);
    // The check itself is followed by no row here: the next one covers only the new rows.
    expect(await k.guard.verify('recent')).toMatchObject({ ok: true, from: 21, rows: 25 });
  });

  it('a rewrite before the last check is left to the full check, which finds it', async () => {
    const k = await open();
    await writeRows(k.keyed, 20, k.clerk);
    await k.guard.verify('recent');
    await tamper(
      k.path,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'x' WHERE seq = 9;
       CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`,
    );
    expect((await verify(k, { scope: 'recent' })).ok).toBe(true);
    expect(kinds((await verify(k, { scope: 'full' })).problems)).toEqual(['rewritten@9']);
  });
});

describe('anchors', () => {
  it('an anchor of another key, or with a changed MAC, does not count', async () => {
    const k = await open();
    await writeRows(k.keyed, 3, k.clerk);
    const a = await anchorAt(k);
    const forged = { ...a, mac: Buffer.alloc(32) };
    const other = { ...a, keyId: '00000000' };
    expect(kinds((await verify(k, { anchors: [a] })).problems)).toEqual([]);
    expect(kinds((await verify(k, { anchors: [forged, other] })).problems)).toEqual([
      'anchor@-',
      'key@-',
    ]);
  });
});

describe('attacks on the log', () => {
  it('cut short: the trigger dropped and the last rows deleted; the anchor names the first missing row', async () => {
    const k = await open();
    await writeRows(k.keyed, 12, k.clerk);
    const a = await anchorAt(k);
    await tamper(k.path, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 9');
    const r = await verify(k, { anchors: [a] });
    expect(kinds(r.problems)).toEqual(['triggers@1', 'truncated@10']);
    // What the chain alone cannot see (rows gone from the very end), the anchor shows.
    expect(kinds((await verify(k)).problems)).toEqual(['triggers@1']);
  });

  it('consistent rewrite: a row dropped, one forged, every later hash recomputed in SHA-256', async () => {
    const k = await open();
    await writeRows(k.keyed, 12, k.clerk);
    const a = await anchorAt(k);
    await tamper(k.path, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 7');
    // Rows 8… move down one seq; row 12 is a forgery; all rehashed from row 7 on.
    const rows = await readAuditRows(k.db, 0, 100);
    const raw = await openDatabase(k.path, { integrityCheck: 'skip' });
    await raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    await raw.transaction(async (tx) => {
      let prev = rows[5]!.hash;
      const rest = rows.slice(6).map((r) => ({ ...r, seq: r.seq - 1 }));
      rest.push({ ...rest.at(-1)!, seq: 12, details: '{"marker":"forged"}' });
      await tx.run('DELETE FROM audit_log WHERE seq >= 7');
      for (const r of rest) {
        const hash = auditRowHash(prev, r);
        await tx.run(
          `INSERT INTO audit_log (seq, at, operator_id, action, resident_id, card_id, details, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [r.seq, r.at, r.operatorId, r.action, r.residentId, r.cardId, r.details, hash],
        );
        prev = hash;
      }
    });
    await raw.close();
    const r = await verify(k, { anchors: [a] });
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.kind === 'rewritten')).toMatchObject({
      firstBadSeq: 7,
      evidence: 'chain',
    });
  });

  it('a dropped trigger is found, and so is one replaced by a trigger that lets everything through', async () => {
    const k = await open();
    await writeRows(k.keyed, 3, k.clerk);
    await k.guard.verify('recent');
    await writeRows(k.keyed, 2, k.clerk);
    await tamper(
      k.path,
      `DROP TRIGGER audit_log_no_delete;
       DROP TRIGGER audit_checks_no_update;
       CREATE TRIGGER audit_checks_no_update BEFORE UPDATE ON audit_checks WHEN 0
       BEGIN SELECT RAISE(ABORT, 'audit_checks is append-only'); END;`,
    );
    const r = await verify(k);
    // Rows after the last passed check (3) were written while the guard may have been off.
    expect(r.problems).toEqual([
      {
        kind: 'triggers',
        firstBadSeq: 4,
        evidence: 'schema',
        detail: 'audit_log_no_delete, audit_checks_no_update',
      },
    ]);
  });
});

describe('attacks through `npm run audit:verify`', () => {
  it('finds each attack with its first bad seq and exits 1; exits 0 on the intact log', async () => {
    const k = await open();
    await writeRows(k.keyed, 12, k.clerk);
    const anchorsDir = tempDir();
    const anchorsFile = join(anchorsDir, 'anchors.jsonl');
    writeFileSync(anchorsFile, `${anchorJsonLine(await anchorAt(k))}\n`);
    const key = ['--key-file', k.keyFile];

    expect(await verifyCli([k.path, ...key, '--anchors', anchorsFile])).toMatchObject({
      code: 0,
      result: { ok: true, rows: 12, anchors: { given: 1, matched: 1 } },
    });

    // A plain-SHA-256 rewrite from row 5 on.
    const copy = join(anchorsDir, 'rewritten.sqlite');
    await k.keyed.backupTo(copy);
    writeFileSync(join(anchorsDir, 'data-key.bin'), readFileSync(k.keyFile), { mode: 0o600 });
    await rewriteFrom(copy, 5, '{"m":1}');
    const rewritten = await verifyCli([copy]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.result?.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'rewritten', firstBadSeq: 5 })]),
    );
    expect(rewritten.stderr).toMatch(/rewritten: a row was rewritten, first bad seq 5/);

    // Cut short, with the trigger dropped.
    await tamper(k.path, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 10');
    const cut = await verifyCli([k.path, ...key, '--anchors', anchorsDir]);
    expect(cut.code).toBe(1);
    expect(cut.result?.problems).toEqual([
      { kind: 'triggers', firstBadSeq: 1, evidence: 'schema', detail: 'audit_log_no_delete' },
      { kind: 'truncated', firstBadSeq: 11, evidence: 'anchor' },
    ]);
  });

  it('a file from before the keyed log is reported as unkeyed, its plain chain walked', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.sqlite');
    const db = await openDatabase(path);
    await migrate(db, { target: 5 });
    // Rows as the app before the keyed log wrote them: plain SHA-256.
    await db.transaction(async (tx) => {
      let prev: Buffer = Buffer.alloc(32);
      for (let seq = 1; seq <= 3; seq++) {
        const row = {
          seq,
          at: '2026-01-05T00:00:00.000Z',
          operatorId: null,
          action: 'x.y',
          residentId: null,
          cardId: null,
          details: '{}',
        };
        prev = auditRowHash(prev, row);
        await tx.run(
          `INSERT INTO audit_log (seq, at, operator_id, action, resident_id, card_id, details, hash)
           VALUES (?, ?, NULL, 'x.y', NULL, NULL, '{}', ?)`,
          [seq, row.at, prev],
        );
      }
    });
    await db.close();
    writeFileSync(join(dir, 'data-key.bin'), Buffer.alloc(32), { mode: 0o600 });
    const r = await verifyCli([path]);
    expect(r.code).toBe(1);
    expect(r.result).toMatchObject({ ok: false, rows: 3, problems: [{ kind: 'unkeyed' }] });
    expect(r.stderr).toMatch(/open it with the app once/);
  });

  it('refuses to run without the key, and says where to check instead', async () => {
    const k = await open();
    const r = await verifyCli([k.path, '--key-file', join(k.dir, 'nope.bin')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/key file not found/);
  });
});
