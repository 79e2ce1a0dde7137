// The audit log: append-only, hash-chained, tamper found at the right row, no secret in its details.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAudit,
  auditRowHash,
  verifyAuditChain,
  GENESIS_HASH,
} from '../../../main/audit/audit-log';
import {
  UnsafeDetailsError,
  assertSafeDetails,
  canonicalJson,
} from '../../../main/audit/details-guard';
import { openDatabase } from '../../../main/db/connection';
import { readAuditRows } from '../../../main/db/repositories/audit';
import { recordStep, startProcedure } from '../../../main/db/repositories/journal';
import { addOperator, addResident, openTestDb } from '../db/support/temp-db';
import { openKeyedTestDb, verifyCli, writeRows as writeKeyedRows } from './support/keyed-db';
import type { TestDb } from '../db/support/temp-db';

let t: TestDb;
let clerk: number;
beforeEach(async () => {
  t = await openTestDb();
  clerk = await addOperator(t, 'clerk', 'clerk');
});
afterEach(() => t.dispose());

async function writeRows(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await t.db.transaction((tx) =>
      appendAudit(tx, {
        operatorId: clerk,
        action: 'card.issued',
        details: { marker: `marker-${String(i).padStart(4, '0')}` },
      }),
    );
  }
}

describe('audit log: the chain', () => {
  it('each row hashes the previous row hash and its own canonical content', async () => {
    await writeRows(3);
    const rows = await readAuditRows(t.db, 0, 10);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.hash.equals(auditRowHash(GENESIS_HASH, rows[0]))).toBe(true);
    expect(rows[1]?.hash.equals(auditRowHash(rows[0]?.hash ?? GENESIS_HASH, rows[1]!))).toBe(true);
    expect(rows[0]?.details).toBe('{"marker":"marker-0001"}');
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 3 });
  });

  it('details are stored canonically: key order does not change the hash input', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });

  it('an empty log verifies', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 0 });
  });

  it('verifies across page boundaries of the reader', async () => {
    await writeRows(25);
    expect(await verifyAuditChain(t.db, { batchSize: 7 })).toEqual({ ok: true, rows: 25 });
  });

  it('a row is written with the caller’s transaction and disappears with its rollback', async () => {
    await writeRows(2);
    await expect(
      t.db.transaction(async (tx) => {
        await appendAudit(tx, { operatorId: clerk, action: 'card.issued' });
        throw new Error('card pulled out');
      }),
    ).rejects.toThrow('card pulled out');
    await writeRows(1);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 3 });
  });
});

describe('audit log: append-only', () => {
  it('refuses UPDATE and DELETE', async () => {
    await writeRows(2);
    await expect(
      t.db.transaction((tx) => tx.run(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.transaction((tx) => tx.run('DELETE FROM audit_log WHERE seq = 2')),
    ).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2 });
  });
});

describe('audit log: tamper', () => {
  it('an UPDATE through a raw handle with the trigger dropped is found at its seq', async () => {
    await writeRows(10);
    await t.db.exec(`DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET operator_id = NULL WHERE seq = 7`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, firstBrokenSeq: 7, rows: 6 });
  });

  it('a row removed from the middle is found where the gap starts', async () => {
    await writeRows(10);
    await t.db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4');
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, firstBrokenSeq: 4, rows: 3 });
  });

  it('a rewritten row with a recomputed own hash still breaks the next row', async () => {
    await writeRows(6);
    const rows = await readAuditRows(t.db, 0, 10);
    const forged = { ...rows[2]!, details: '{"marker":"forged"}' };
    const hash = auditRowHash(rows[1]!.hash, forged);
    await t.db.exec('DROP TRIGGER audit_log_no_update');
    await t.db.transaction((tx) =>
      tx.run('UPDATE audit_log SET details = ?, hash = ? WHERE seq = 3', [forged.details, hash]),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, firstBrokenSeq: 4, rows: 3 });
  });

  it('an edit of the file bytes is found by `npm run audit:verify`, which exits 1', async () => {
    // The file as the app keeps it: keyed rows, and the key file the command needs.
    const k = await openKeyedTestDb();
    try {
      await writeKeyedRows(k.keyed, 20, k.clerk);
      await k.guard.close();
      await k.db.close();
      expect(await verifyCli([k.path, '--key-file', k.keyFile])).toMatchObject({
        code: 0,
        result: { ok: true, rows: 20 },
      });
      const bytes = readFileSync(k.path);
      const from = Buffer.from('marker-00013');
      const at = bytes.indexOf(from);
      expect(at).toBeGreaterThan(0);
      Buffer.from('marker-00031').copy(bytes, at);
      writeFileSync(k.path, bytes);
      const db = await openDatabase(k.path, { readOnly: true });
      try {
        expect(await verifyAuditChain(db, { keys: k.guard.keys })).toEqual({
          ok: false,
          firstBrokenSeq: 13,
          rows: 12,
        });
      } finally {
        await db.close();
      }
      const result = await verifyCli([k.path, '--key-file', k.keyFile]);
      expect(result.code).toBe(1);
      expect(result.result).toMatchObject({
        ok: false,
        problems: [{ kind: 'rewritten', firstBadSeq: 13 }],
      });
    } finally {
      await k.dispose();
    }
  });
});

describe('audit details: never a PIN, a 個人番号 or a face image', () => {
  const refused: [string, unknown, string][] = [
    ['a pin field', { pin: '1234' }, 'secret-field'],
    ['a camelCase PIN field', { authPin: 'x' }, 'secret-field'],
    ['a nested password field', { step: { new_password: 'x' } }, 'secret-field'],
    ['a passcode field', { Passcode: 'x' }, 'secret-field'],
    ['a 暗証番号 field', { 暗証番号: 'x' }, 'secret-field'],
    ['a 12-digit string', { note: 'number 537686677188 given' }, 'my-number'],
    ['a spaced 12-digit number', { note: '5376 8667 7188' }, 'my-number'],
    ['full-width digits', { note: '５３７６８６６７７１８８' }, 'my-number'],
    ['a 12-digit number value', { n: 537686677188 }, 'my-number'],
    ['a 12-digit number in an array', { list: ['a', '537686677188'] }, 'my-number'],
    ['a data: image', { photo: 'data:image/jpeg;base64,/9j/4AAQ' }, 'image'],
    ['binary', { photo: new Uint8Array([0xff, 0xd8]) }, 'not-json'],
  ];
  for (const [what, details, reason] of refused) {
    it(`refuses ${what}`, () => {
      let caught: unknown;
      try {
        assertSafeDetails(details);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UnsafeDetailsError);
      expect((caught as UnsafeDetailsError).reason).toBe(reason);
      // The message names the field, never the value.
      expect((caught as Error).message).not.toMatch(/1234|537686677188|7188|base64/);
    });
  }

  it('accepts ordinary details: a 15-digit card serial, a date, a reason', () => {
    expect(() =>
      assertSafeDetails({
        cardSerial: '400000012719843',
        reportedAt: '2026-11-25T09:00:00.000Z',
        reason: '紛失',
        spinner: true,
        tries: 3,
      }),
    ).not.toThrow();
  });

  it('appendAudit refuses before writing anything', async () => {
    await writeRows(1);
    await expect(
      t.db.transaction((tx) =>
        appendAudit(tx, { operatorId: clerk, action: 'pin.set', details: { pin: '1234' } }),
      ),
    ).rejects.toBeInstanceOf(UnsafeDetailsError);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 1 });
  });

  it('the procedure journal refuses the same', async () => {
    const resident = await addResident(t, 1);
    await expect(
      t.db.transaction(async (tx) => {
        const p = await startProcedure(tx, {
          kind: 'issuance',
          operatorId: clerk,
          residentId: resident,
        });
        await recordStep(tx, {
          procedureId: p,
          step: 'pins',
          status: 'completed',
          operatorId: clerk,
          data: { signingPassword: 'ABC123' },
        });
      }),
    ).rejects.toBeInstanceOf(UnsafeDetailsError);
    expect(await t.db.get('SELECT count(*) AS n FROM procedures')).toEqual({ n: 0 });
  });
});
