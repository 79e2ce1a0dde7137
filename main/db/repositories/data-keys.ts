// Storage of wrapped data keys (never a clear key).
import type { Queryable, Tx } from '../connection';

/** The 個人番号 data key, and the key of the audit chain (main/audit/audit-keys.ts). */
export type DataKeyPurpose = 'my-number' | 'audit-chain';

export async function findWrappedDataKey(
  q: Queryable,
  purpose: DataKeyPurpose,
): Promise<Uint8Array | undefined> {
  const row = await q.get<{ wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE purpose = ?', [
    purpose,
  ]);
  return row?.wrapped;
}

export async function insertWrappedDataKey(
  tx: Tx,
  purpose: DataKeyPurpose,
  wrapped: Uint8Array,
  at: string,
): Promise<void> {
  await tx.run('INSERT INTO data_keys (purpose, wrapped, created_at) VALUES (?, ?, ?)', [
    purpose,
    wrapped,
    at,
  ]);
}

/** Every wrapped key of the database, whatever its purpose: the recovery package carries them all. */
export async function listWrappedDataKeys(
  q: Queryable,
): Promise<{ purpose: string; wrapped: Buffer }[]> {
  return q.all<{ purpose: string; wrapped: Buffer }>(
    'SELECT purpose, wrapped FROM data_keys ORDER BY purpose',
  );
}

/** Stores a key wrapped anew (a restore on another machine's KeyProtector). */
export async function rewrapDataKey(tx: Tx, purpose: string, wrapped: Uint8Array): Promise<void> {
  const r = await tx.run('UPDATE data_keys SET wrapped = ? WHERE purpose = ?', [wrapped, purpose]);
  if (r.changes !== 1) throw new Error(`no data key for ${purpose}`);
}
