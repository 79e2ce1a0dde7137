// The hash-chained audit log: append inside the caller's transaction, verify the whole chain.
import { createHash } from 'node:crypto';
import type { Queryable, Tx } from '../db/connection';
import { appendAuditRow, lastAuditRow, readAuditRows } from '../db/repositories/audit';
import type { AuditRow } from '../db/repositories/audit';
import { systemClock } from '../db/clock';
import type { Clock } from '../db/clock';
import { assertSafeDetails, canonicalJson } from './details-guard';
import type { Details } from './details-guard';

export interface AuditEntry {
  /** Internal operator id; null only for actions of the app itself (first start, migration). */
  readonly operatorId: number | null;
  /** Dotted verb, e.g. 'card.issued', 'resident.my-number-revealed'. */
  readonly action: string;
  readonly residentId?: number | null;
  readonly cardId?: number | null;
  /** Checked by assertSafeDetails: never a PIN, a 個人番号 or an image. */
  readonly details?: Details;
}

export type AuditVerifyResult =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly firstBrokenSeq: number; readonly rows: number };

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The bytes that are hashed: a JSON array in fixed column order, so nothing is ambiguous. */
export function canonicalAuditRow(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.operatorId,
    row.action,
    row.residentId,
    row.cardId,
    row.details,
  ]);
}

export function auditRowHash(prevHash: Uint8Array, row: Omit<AuditRow, 'hash'>): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(row), 'utf8').digest();
}

/**
 * Appends one row in the caller's transaction, so the audit row commits or rolls back with the
 * change it records. Refuses unsafe details before anything is written.
 */
export async function appendAudit(
  tx: Tx,
  entry: AuditEntry,
  clock: Clock = systemClock,
): Promise<{ seq: number }> {
  const details = entry.details ?? {};
  assertSafeDetails(details);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(entry.action))
    throw new Error('audit action must be a dotted name');
  const last = await lastAuditRow(tx);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: clock().toISOString(),
    operatorId: entry.operatorId,
    action: entry.action,
    residentId: entry.residentId ?? null,
    cardId: entry.cardId ?? null,
    details: canonicalJson(details),
  };
  await appendAuditRow(tx, { ...row, hash: auditRowHash(last?.hash ?? GENESIS_HASH, row) });
  return { seq: row.seq };
}

/**
 * Walks the chain from seq 1. A changed row breaks its own hash; a removed row shows as a gap in
 * seq. Removing rows at the very end cannot be seen from the chain alone.
 */
export async function verifyAuditChain(
  db: Queryable,
  options: { batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  const batch = options.batchSize ?? 5000;
  let prev: Uint8Array = GENESIS_HASH;
  let expected = 1;
  let rows = 0;
  for (;;) {
    const page = await readAuditRows(db, expected - 1, batch);
    for (const row of page) {
      if (row.seq !== expected) return { ok: false, firstBrokenSeq: expected, rows };
      const hash = auditRowHash(prev, row);
      if (!hash.equals(row.hash)) return { ok: false, firstBrokenSeq: row.seq, rows };
      prev = row.hash;
      expected += 1;
      rows += 1;
    }
    if (page.length < batch) return { ok: true, rows };
  }
}
