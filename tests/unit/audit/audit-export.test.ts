// The audit CSV export: every matching row across pages, newest first, written for the operator only.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/audit-log';
import { parseAnchors } from '../../../main/audit/audit-anchors';
import { exportAuditCsv } from '../../../main/audit/audit-export';
import { verifyAudit } from '../../../main/audit/audit-verify';
import { openKeyedTestDb, writeRows } from './support/keyed-db';
import { addOperator, openTestDb, type TestDb } from '../db/support/temp-db';

const now = () => new Date('2026-11-25T01:02:03.456Z');
let t: TestDb;
let clerk: number;

beforeEach(async () => {
  t = await openTestDb();
  clerk = await addOperator(t, 'madoguchi', 'clerk');
});
afterEach(() => t.dispose());

/** `count` rows of `action`, the n-th with detail n. */
async function rows(action: string, count: number): Promise<void> {
  await t.db.transaction(async (tx) => {
    for (let n = 1; n <= count; n += 1) {
      await appendAudit(tx, { operatorId: clerk, action, details: { n } }, now);
    }
  });
}

describe('audit CSV export', () => {
  it('writes every matching row past the first page, newest first, with the operator’s login id', async () => {
    await rows('card.health-read', 501);
    await rows('operator.login', 3);
    const file = await exportAuditCsv(
      t.db,
      { action: 'card.health-read' },
      { dir: join(t.dir, 'exports'), now },
    );
    expect(file.rows).toBe(501);
    expect(file.path).toBe(join(t.dir, 'exports', 'audit-20261125-100203-456.csv'));
    const text = readFileSync(file.path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(file.bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\uFEFF"seq","at","operator","action","resident_id","card_id","details"');
    expect(lines).toHaveLength(1 + 501 + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toContain('"madoguchi","card.health-read","","","{""n"":501}"');
    expect(lines[501]).toContain('"{""n"":1}"');
    expect(text).not.toContain('operator.login');
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('leaves nothing behind when the file cannot be completed: no partial CSV, no temporary file', async () => {
    await rows('operator.login', 3);
    const dir = join(t.dir, 'exports');
    // Something already in the way of the final name: the last step (the rename) fails.
    mkdirSync(join(dir, 'audit-20261125-100203-456.csv'), { recursive: true });
    await expect(exportAuditCsv(t.db, {}, { dir, now })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['audit-20261125-100203-456.csv']);
    expect(statSync(join(dir, 'audit-20261125-100203-456.csv')).isDirectory()).toBe(true);
  });

  it('ends with the chain’s anchor at the time of the export, which verifies against the log', async () => {
    const k = await openKeyedTestDb();
    try {
      await writeRows(k.keyed, 4, k.clerk);
      const file = await exportAuditCsv(
        k.keyed,
        {},
        { dir: join(k.dir, 'exports'), now, anchor: () => k.guard.anchor('export') },
      );
      const lines = readFileSync(file.path, 'utf8').split('\r\n');
      // Header, the four rows, an empty line, then the anchor.
      expect(lines[5]).toBe('');
      expect(lines[6]).toBe(`"audit-anchor","key","","${k.guard.keys.keyId}"`);
      const { anchors } = parseAnchors(readFileSync(file.path, 'utf8'));
      expect(anchors).toHaveLength(1);
      expect(anchors[0]).toMatchObject({ seq: 4, keyId: k.guard.keys.keyId });
      expect(await verifyAudit(k.keyed, { keys: k.guard.keys, anchors })).toMatchObject({
        ok: true,
        anchors: { given: 1, matched: 1 },
      });
    } finally {
      await k.dispose();
    }
  });
});
