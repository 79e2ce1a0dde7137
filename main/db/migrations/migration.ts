// The shape of one numbered schema migration.
import type { Tx } from '../connection';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; 1, 2, 3 … without gaps. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's own transaction. */
  up(tx: Tx): Promise<void>;
  /**
   * The migration rebuilds a table other tables refer to (sqlite's way to change a constraint):
   * foreign keys are off while it runs, so that sqlite neither rewrites nor cascades the
   * references, and every key is checked before the transaction commits.
   */
  readonly rebuildsReferencedTable?: boolean;
}
