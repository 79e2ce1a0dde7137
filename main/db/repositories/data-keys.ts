// Storage of wrapped data keys (never a clear key).
import type { Tx } from '../connection';

export type DataKeyPurpose = 'my-number';

export async function findWrappedDataKey(
  tx: Tx,
  purpose: DataKeyPurpose,
): Promise<Uint8Array | undefined> {
  const row = await tx.get<{ wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE purpose = ?', [
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
