// Seals: one HMAC over each complete segment of rows, written only after each row has verified.
import type { Clock } from '../db/clock';
import type { Db, Queryable } from '../db/connection';
import { lastAuditRow, readAuditRows, type AuditRow } from '../db/repositories/audit';
import {
  auditHashesAt,
  insertAuditSeal,
  lastAuditSeal,
  readAuditStart,
  type AuditStartRow,
} from '../db/repositories/audit-chain';
import { chainRules, walkRows, type ChainRules, type WalkBreak, type WalkState } from './audit-log';
import { GENESIS_HASH, hmac, startMac, u64, type AuditKeys } from './audit-keys';

/** Rows per segment. A seal covers rows k·SEAL_ROWS + 1 … (k + 1)·SEAL_ROWS. */
export const SEAL_ROWS = 1024;

/** The first row of the segment holding `seq`. */
export function segmentStart(seq: number): number {
  return Math.floor((seq - 1) / SEAL_ROWS) * SEAL_ROWS + 1;
}

/** sqlite's printf %Q: in single quotes, each one doubled; NULL bare. */
const q = (v: string | number | null): string =>
  v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`;
/** A text column as the seal has it: its length in UTF-8 bytes, then %Q of it. */
const text = (s: string): string => `${Buffer.byteLength(s, 'utf8')}${q(s)}`;

/**
 * The bytes a seal covers, built from rows exactly as auditSegmentBytes (the repository) has sqlite
 * build them: the row's hash, then seq, the text columns with their byte lengths, every column
 * quoted as printf %Q does, joined by ','; rows joined by a line feed.
 */
export function segmentBytesOf(rows: readonly AuditRow[]): Buffer {
  const parts: Buffer[] = [];
  rows.forEach((r, i) => {
    if (i > 0) parts.push(LF);
    parts.push(r.hash);
    const line = [
      String(r.seq),
      text(r.at),
      q(r.operatorId),
      text(r.action),
      q(r.residentId),
      q(r.cardId),
      text(r.details),
    ].join(',');
    parts.push(Buffer.from(line, 'utf8'));
  });
  return Buffer.concat(parts);
}
const LF = Buffer.from('\n');

/** The seal of rows seqFrom…seqTo that follow a row of hash `prevHash`. */
export function sealMac(
  keys: AuditKeys,
  seqFrom: number,
  seqTo: number,
  prevHash: Uint8Array,
  bytes: Uint8Array,
): Buffer {
  return hmac(keys.seal, u64(seqFrom), u64(seqTo), prevHash, bytes);
}

/** The stored hash of row seq - 1 (the genesis before row 1); undefined when that row is gone. */
export async function hashBefore(q: Queryable, seq: number): Promise<Buffer | undefined> {
  if (seq === 1) return GENESIS_HASH;
  return (await auditHashesAt(q, [seq - 1])).get(seq - 1);
}

/** Long work on the log given up because the app is closing. */
export class AuditWorkStopped extends Error {
  override readonly name = 'AuditWorkStopped';
}

/** Walks rows from..to (inclusive) by pages from `q`; the first break, or null. */
export async function walkRange(
  q: Queryable,
  rules: ChainRules,
  from: number,
  to: number,
  state: WalkState,
  shouldStop: () => boolean = () => false,
  pageSize = 5000,
): Promise<WalkBreak | null> {
  let after = from - 1;
  while (after < to) {
    if (shouldStop()) throw new AuditWorkStopped();
    const page = await readAuditRows(q, after, Math.min(pageSize, to - after));
    const inRange = page.filter((r) => r.seq <= to);
    const broken = walkRows(rules, inRange, state);
    if (broken) return broken;
    if (inRange.length === 0) {
      // Rows up to `to` were expected and none came: the range ends early.
      return state.expected <= to ? { kind: 'gap', seq: state.expected } : null;
    }
    after = inRange[inRange.length - 1]!.seq;
  }
  return null;
}

/** True when the start row is the one this key wrote. */
export function startHolds(keys: AuditKeys, start: AuditStartRow): boolean {
  return (
    start.keyId === keys.keyId &&
    startMac(keys, start.keyedFromSeq, start.prefixHead).equals(start.mac)
  );
}

export interface SealResult {
  /** Segments sealed by this call. */
  readonly sealed: number;
  /** The last row covered by a seal now (0: none). */
  readonly sealedTo: number;
  /** Why sealing stopped before the last complete segment, if it did. */
  readonly blocked: WalkBreak | { readonly kind: 'start'; readonly seq: number } | null;
}

/**
 * Seals every complete segment after the last seal, one transaction each, each only after its rows
 * verify one by one inside that transaction. The plain prefix is first walked to its end and must
 * end at the hash the start row pinned, so that no seal ever covers a prefix rewritten after the
 * key was made. Stops at the first segment that does not verify and seals nothing after it.
 */
export async function sealSegments(
  db: Db,
  keys: AuditKeys,
  clock: Clock,
  options: {
    readonly maxSegments?: number;
    /** Asked between segments: true gives up with AuditWorkStopped (the app is closing). */
    readonly shouldStop?: () => boolean;
  } = {},
): Promise<SealResult> {
  const shouldStop = options.shouldStop ?? (() => false);
  const start = await readAuditStart(db);
  const last = await lastAuditSeal(db);
  const sealedTo = last?.seqTo ?? 0;
  if (!start || !startHolds(keys, start)) {
    return { sealed: 0, sealedTo, blocked: { kind: 'start', seq: sealedTo + 1 } };
  }
  const rules = chainRules(keys, start);
  const head = (await lastAuditRow(db))?.seq ?? 0;
  let next = sealedTo + 1;
  if (next + SEAL_ROWS - 1 > head) return { sealed: 0, sealedTo, blocked: null };

  if (next < rules.keyedFromSeq) {
    const prev = await hashBefore(db, next);
    if (!prev) return { sealed: 0, sealedTo, blocked: { kind: 'gap', seq: next - 1 } };
    const broken = await walkRange(
      db,
      rules,
      next,
      rules.keyedFromSeq - 1,
      { prev, expected: next },
      shouldStop,
    );
    if (broken) return { sealed: 0, sealedTo, blocked: broken };
    const pinned = await hashBefore(db, rules.keyedFromSeq);
    if (!pinned?.equals(rules.prefixHead)) {
      return { sealed: 0, sealedTo, blocked: { kind: 'pin', seq: next } };
    }
  }

  let sealed = 0;
  const max = options.maxSegments ?? Number.POSITIVE_INFINITY;
  while (next + SEAL_ROWS - 1 <= head && sealed < max) {
    if (shouldStop()) throw new AuditWorkStopped();
    const from = next;
    const to = from + SEAL_ROWS - 1;
    const broken = await db.transaction(async (tx) => {
      const prev = await hashBefore(tx, from);
      if (!prev) return { kind: 'gap', seq: from - 1 } as const;
      const rows = await readAuditRows(tx, from - 1, SEAL_ROWS);
      const state = { prev, expected: from };
      const walk = walkRows(rules, rows, state);
      if (walk) return walk;
      if (state.expected !== to + 1) return { kind: 'gap', seq: state.expected } as const;
      await insertAuditSeal(tx, {
        seqFrom: from,
        seqTo: to,
        mac: sealMac(keys, from, to, prev, segmentBytesOf(rows)),
        sealedAt: clock().toISOString(),
      });
      return null;
    });
    if (broken) return { sealed, sealedTo: from - 1, blocked: broken };
    sealed += 1;
    next = to + 1;
  }
  return { sealed, sealedTo: next - 1, blocked: null };
}
