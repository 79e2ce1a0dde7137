// The hash-chained audit log: append inside the caller's transaction (keyed once the file has its
// key), and walk the chain row by row.
import { createHash } from 'node:crypto';
import type { Queryable, Tx } from '../db/connection';
import { appendAuditRow, lastAuditRow, readAuditRows } from '../db/repositories/audit';
import type { AuditRow } from '../db/repositories/audit';
import {
  isAuditChainKeyed,
  readAuditStart,
  type AuditStartRow,
} from '../db/repositories/audit-chain';
import { systemClock } from '../db/clock';
import type { Clock } from '../db/clock';
import { AuditKeyError, GENESIS_HASH, hmac, type AuditKeys } from './audit-keys';
import { assertSafeDetails, canonicalJson } from './details-guard';
import type { Details } from './details-guard';
import { auditKeysOf, noteAppended } from './keyed-db';

export { GENESIS_HASH } from './audit-keys';

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

/** A row of the plain prefix (written before the file had its audit key): SHA-256. */
export function auditRowHash(prevHash: Uint8Array, row: Omit<AuditRow, 'hash'>): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(row), 'utf8').digest();
}

/** A row of the keyed chain: HMAC-SHA256 under the audit key, over the same bytes. */
export function keyedAuditRowHash(
  keys: AuditKeys,
  prevHash: Uint8Array,
  row: Omit<AuditRow, 'hash'>,
): Buffer {
  return hmac(keys.row, prevHash, Buffer.from(canonicalAuditRow(row), 'utf8'));
}

/**
 * Appends one row in the caller's transaction, so the audit row commits or rolls back with the
 * change it records. Refuses unsafe details before anything is written. Through a handle that
 * carries the audit key (withAuditKeys) the row is keyed; a handle without it may only append to
 * a file that has never had a key (a new database before the app first opens it with its key).
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
  const keys = auditKeysOf(tx);
  if (!keys && (await isAuditChainKeyed(tx))) {
    throw new AuditKeyError('the audit chain is keyed: append through the handle holding its key');
  }
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
  const prev = last?.hash ?? GENESIS_HASH;
  const hash = keys ? keyedAuditRowHash(keys, prev, row) : auditRowHash(prev, row);
  await appendAuditRow(tx, { ...row, hash });
  noteAppended(tx, { seq: row.seq, hash });
  return { seq: row.seq };
}

/** How each row's hash is made: SHA-256 before keyedFromSeq, HMAC under the key from there on. */
export interface ChainRules {
  /** Null for a file that has never had its key: every row is plain. */
  readonly keys: AuditKeys | null;
  /** The first keyed row; Infinity for a file that has never had its key (all plain). */
  readonly keyedFromSeq: number;
  /** What the hash before keyedFromSeq must be (the start row's pin). */
  readonly prefixHead: Buffer;
}

export function chainRules(keys: AuditKeys | null, start: AuditStartRow | undefined): ChainRules {
  return start
    ? { keys, keyedFromSeq: start.keyedFromSeq, prefixHead: start.prefixHead }
    : { keys, keyedFromSeq: Number.POSITIVE_INFINITY, prefixHead: GENESIS_HASH };
}

/** Where a walk over consecutive rows stopped: a missing row, a row that fails, or the pin. */
export type WalkBreak =
  | { readonly kind: 'gap'; readonly seq: number }
  | { readonly kind: 'rewritten'; readonly seq: number }
  /** The hash before the keyed start is not the one the start row pinned. */
  | { readonly kind: 'pin'; readonly seq: number };

/** A walk in progress: the hash of the last good row and the seq expected next. */
export interface WalkState {
  prev: Buffer;
  expected: number;
}

/** Checks `rows` one by one, moving `state` along; the first break, or null. */
export function walkRows(
  rules: ChainRules,
  rows: readonly AuditRow[],
  state: WalkState,
): WalkBreak | null {
  for (const row of rows) {
    if (row.seq !== state.expected) return { kind: 'gap', seq: state.expected };
    if (row.seq === rules.keyedFromSeq && !state.prev.equals(rules.prefixHead)) {
      return { kind: 'pin', seq: row.seq };
    }
    const keys = row.seq >= rules.keyedFromSeq ? rules.keys : null;
    if (row.seq >= rules.keyedFromSeq && !keys) return { kind: 'rewritten', seq: row.seq };
    const hash = keys ? keyedAuditRowHash(keys, state.prev, row) : auditRowHash(state.prev, row);
    if (!hash.equals(row.hash)) return { kind: 'rewritten', seq: row.seq };
    state.prev = row.hash;
    state.expected += 1;
  }
  return null;
}

export type AuditChainResult =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly firstBrokenSeq: number; readonly rows: number };

/**
 * The chain's own consistency, row by row from row 1 (keyed rows need `keys`). On its own this
 * proves little: whoever holds the file can recompute a plain chain. verifyAudit is the check.
 */
export async function verifyAuditChain(
  db: Queryable,
  options: { readonly batchSize?: number; readonly keys?: AuditKeys | null } = {},
): Promise<AuditChainResult> {
  const keys = options.keys ?? null;
  // Without the key every row is walked as plain (a file from before migration 6 has no start).
  const rules = chainRules(keys, keys ? await readAuditStart(db) : undefined);
  const state = { prev: GENESIS_HASH, expected: 1 };
  const batch = options.batchSize ?? 5000;
  for (;;) {
    const page = await readAuditRows(db, state.expected - 1, batch);
    const broken = walkRows(rules, page, state);
    if (broken) return { ok: false, firstBrokenSeq: broken.seq, rows: broken.seq - 1 };
    if (page.length < batch) return { ok: true, rows: state.expected - 1 };
  }
}
