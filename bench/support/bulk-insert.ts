// Bulk INSERT for the benchmark generator, still only through main/db's Tx API.
import type { SqlValue, Tx } from '../../main/db/connection';

// Tx.run prepares its statement each call; a multi-row VALUES list pays that (and the trip to the
// sqlite3 worker thread) once per few hundred rows instead of once per row.
const MAX_PARAMS = 30_000; // sqlite's limit here is 32,766 bound parameters per statement

/**
 * Collects rows and writes them `rowsPerStatement` at a time with one multi-row INSERT. One
 * statement may be in flight while the caller builds the next rows, which keeps both cores busy.
 */
export class BulkInserter {
  private readonly rowsPerStatement: number;
  private readonly fullSql: string;
  private rows: SqlValue[] = [];
  private count = 0;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: Tx,
    private readonly table: string,
    private readonly columns: readonly string[],
    rowsPerStatement = 500,
  ) {
    this.rowsPerStatement = Math.max(
      1,
      Math.min(rowsPerStatement, Math.floor(MAX_PARAMS / columns.length)),
    );
    this.fullSql = this.sql(this.rowsPerStatement);
  }

  private sql(rows: number): string {
    const one = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`;
  }

  async add(row: readonly SqlValue[]): Promise<void> {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: wrong column count`);
    for (const v of row) this.rows.push(v);
    this.count += 1;
    if (this.count === this.rowsPerStatement) await this.send(this.fullSql);
  }

  private async send(sql: string): Promise<void> {
    const params = this.rows;
    this.rows = [];
    this.count = 0;
    await this.inFlight;
    this.inFlight = this.tx.run(sql, params);
  }

  /** Writes what is left and waits for every statement; call before the transaction ends. */
  async flush(): Promise<void> {
    if (this.count > 0) await this.send(this.sql(this.count));
    await this.inFlight;
  }
}
