// A database handle that carries the audit key: every transaction through it appends keyed rows.
import type { Db, Tx } from '../db/connection';
import type { AuditKeys } from './audit-keys';

/** The last row a committed transaction appended. */
export interface CommittedAppend {
  readonly seq: number;
  readonly hash: Buffer;
}

export interface AuditBinding {
  readonly keys: AuditKeys;
  /** Told after a transaction that appended audit rows has committed (never for a rollback). */
  committed?(last: CommittedAppend): void;
}

interface TxState {
  readonly binding: AuditBinding;
  last?: CommittedAppend;
}

// appendAudit receives only the transaction; the key reaches it through this map. A transaction
// of a handle without the key finds nothing here (see appendAudit for what that allows).
const boundTransactions = new WeakMap<Tx, TxState>();

/** The key of the handle `tx` belongs to, or undefined for a handle opened without it. */
export function auditKeysOf(tx: Tx): AuditKeys | undefined {
  return boundTransactions.get(tx)?.binding.keys;
}

/** appendAudit notes its row, to be reported once the transaction has committed. */
export function noteAppended(tx: Tx, last: CommittedAppend): void {
  const state = boundTransactions.get(tx);
  if (state) state.last = last;
}

/**
 * `db` with the audit key bound to each of its transactions. Everything else passes through to
 * `db` itself, so the handle is the same database (its write queue, its close). The binding may
 * still be on its way (the key is unwrapped asynchronously): transactions wait for it, and fail
 * with its error if it cannot be had.
 */
export function withAuditKeys(db: Db, binding: AuditBinding | Promise<AuditBinding>): Db {
  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const b = await binding;
    const state: TxState = { binding: b };
    const value = await db.transaction((tx) => {
      boundTransactions.set(tx, state);
      return fn(tx);
    });
    if (state.last) b.committed?.(state.last);
    return value;
  }
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
