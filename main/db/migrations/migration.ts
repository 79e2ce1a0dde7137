// The shape of one numbered schema migration, in sqlite's SQL and in PostgreSQL's.
import type { Tx } from '../connection';

export interface Migration {
  /** Becomes PRAGMA user_version (sqlite) or schema_version.version (PostgreSQL) once applied; 1, 2, 3 … without gaps. */
  readonly version: number;
  readonly name: string;
  /** The sqlite form; runs inside the migration's own transaction. */
  up(tx: Tx): Promise<void>;
  /**
   * The same change for the office's PostgreSQL database, run in one transaction as one script.
   * Written by hand beside `up` (docs/architecture.md says how each sqlite form is spelt there);
   * the migrations test applies both and compares the two schemas table by table.
   */
  readonly postgres: string;
  /**
   * The migration rebuilds a table other tables refer to (sqlite's way to change a constraint):
   * foreign keys are off while it runs, so that sqlite neither rewrites nor cascades the
   * references, and every key is checked before the transaction commits. PostgreSQL changes the
   * constraint in place instead.
   */
  readonly rebuildsReferencedTable?: boolean;
}
