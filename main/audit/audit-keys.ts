// The audit chain's key: random, stored wrapped by the KeyProtector, one HKDF subkey per use.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Clock } from '../db/clock';
import type { Db, Queryable } from '../db/connection';
import type { KeyProtector } from '../db/key-protector';
import { lastAuditRow } from '../db/repositories/audit';
import {
  insertAuditStart,
  readAuditStart,
  type AuditStartRow,
} from '../db/repositories/audit-chain';
import { findWrappedDataKey, insertWrappedDataKey } from '../db/repositories/data-keys';

/** The hash before the first row, and the plain prefix's head when the keyed chain starts at 1. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * Subkeys of the one audit key, so that a MAC of one kind can never pass for another: rows of the
 * chain, seals of segments, recorded checks, the keyed start, anchors kept outside the database.
 */
export interface AuditKeys {
  /** 8 hex digits naming the key (not secret): printed with anchors, so a key change shows. */
  readonly keyId: string;
  readonly row: Buffer;
  readonly seal: Buffer;
  readonly check: Buffer;
  readonly start: Buffer;
  readonly anchor: Buffer;
}

function subkey(key: Uint8Array, use: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `madoguchi audit ${use} v1`, bytes));
}

export function deriveAuditKeys(key: Uint8Array): AuditKeys {
  if (key.length !== 32) throw new Error('audit key must be 32 bytes');
  return {
    keyId: subkey(key, 'key id', 4).toString('hex'),
    row: subkey(key, 'row'),
    seal: subkey(key, 'seal'),
    check: subkey(key, 'check'),
    start: subkey(key, 'start'),
    anchor: subkey(key, 'anchor'),
  };
}

/** Numbers as 8 bytes big-endian, so every field of a MAC input has a fixed length. */
export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

export function hmac(key: Buffer, ...parts: readonly Uint8Array[]): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

export function startMac(keys: AuditKeys, keyedFromSeq: number, prefixHead: Uint8Array): Buffer {
  return hmac(keys.start, u64(keyedFromSeq), prefixHead, Buffer.from(keys.keyId, 'latin1'));
}

export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

/** The database's audit key, unwrapped; null when the file has none yet. Writes nothing. */
export async function readAuditKeys(
  q: Queryable,
  protector: KeyProtector,
): Promise<AuditKeys | null> {
  const wrapped = await findWrappedDataKey(q, 'audit-chain');
  return wrapped ? deriveAuditKeys(protector.unprotect(wrapped)) : null;
}

/**
 * Opens the audit key for appending. The first time (no key in the file), a random key is made,
 * stored wrapped, and the keyed chain starts after the last row: the start row pins that row's
 * hash under the key, so the plain SHA-256 prefix can no longer be rewritten unnoticed. A file
 * whose start row exists but whose key is gone gets a new key and keeps its start row, which then
 * fails verification: nothing here ever blesses a chain it finds changed.
 */
export async function openAuditKeys(
  db: Db,
  protector: KeyProtector,
  clock: Clock,
): Promise<{ keys: AuditKeys; start: AuditStartRow | undefined }> {
  return db.transaction(async (tx) => {
    const wrapped = await findWrappedDataKey(tx, 'audit-chain');
    if (wrapped) {
      return {
        keys: deriveAuditKeys(protector.unprotect(wrapped)),
        start: await readAuditStart(tx),
      };
    }
    const fresh = randomBytes(32);
    const at = clock().toISOString();
    await insertWrappedDataKey(tx, 'audit-chain', protector.protect(fresh), at);
    const keys = deriveAuditKeys(fresh);
    const existing = await readAuditStart(tx);
    if (existing) return { keys, start: existing };
    const last = await lastAuditRow(tx);
    const prefixHead = last?.hash ?? GENESIS_HASH;
    const keyedFromSeq = (last?.seq ?? 0) + 1;
    const start: AuditStartRow = {
      keyedFromSeq,
      prefixHead,
      keyId: keys.keyId,
      mac: startMac(keys, keyedFromSeq, prefixHead),
      createdAt: at,
    };
    await insertAuditStart(tx, start);
    return { keys, start };
  });
}
