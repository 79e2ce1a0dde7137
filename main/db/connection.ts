// The only importer of sqlite3: opening with checks, pragmas, the write queue, promise wrappers, backup.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import {
  DbClosedError,
  DbCorruptError,
  DbError,
  DbFullError,
  DbLockedError,
  DbNotFoundError,
  DbReadOnlyError,
  DbReferenceError,
  DbTooNewError,
  TransactionEndedError,
} from './errors';
import { WriteQueue } from './write-queue';

/** Which database a handle talks to: the embedded sqlite file or the office's PostgreSQL. */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | boolean | Uint8Array | null;
/** Positional (`?`) or named (`:name`, given here without the colon) parameters. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  readonly changes: number;
  readonly lastId: number;
}

/** What a read needs. Rows come back as plain objects; BLOB columns as Buffer (a Uint8Array). */
export interface Queryable {
  /** The SQL this handle speaks, for the few statements that differ (see dialect.ts). */
  readonly dialect: Dialect;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** A handle valid only inside `db.transaction(...)`: every statement runs in that transaction. */
export interface Tx extends Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly path: string;
  readonly readOnly: boolean;
  /**
   * Runs `fn` in one IMMEDIATE transaction, after every earlier transaction has ended: writes
   * never interleave across awaits. Rolls back completely when `fn` or COMMIT fails.
   * Reads through `db.get/all` run beside it on a second connection and see committed data only.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Statements outside a transaction (pragmas, maintenance), still through the write queue. */
  exec(sql: string): Promise<void>;
  /** Consistent online copy with sqlite's backup API. The caller verifies the copy. */
  backupTo(destPath: string): Promise<{ pages: number }>;
  /** Waits for queued transactions, then closes both connections. */
  close(): Promise<void>;
  /**
   * Holds every write queued from now on until `verdict` settles (reads go on). When it settles
   * with an error, that error refuses those writes and every later one (as `refuseWrites`).
   */
  holdWrites(verdict: Promise<DbError | null>): void;
  /**
   * From now on every transaction and exec fails with `reason` before BEGIN, so the file is not
   * written again by this connection: for a file found damaged after it was opened.
   */
  refuseWrites(reason: DbError): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default true). An existing file is never replaced. */
  readonly create?: boolean;
  readonly readOnly?: boolean;
  /** ms to wait for another process's lock before DbLockedError (default 5000). */
  readonly busyTimeoutMs?: number;
  /**
   * 'full' runs PRAGMA integrity_check on open (default), 'quick' runs quick_check. Both read
   * the whole file, which costs time on a very large database.
   */
  readonly integrityCheck?: 'full' | 'quick' | 'skip';
  /** Refuse (before any write) a file whose user_version is above this. */
  readonly maxSchemaVersion?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

interface SqliteError extends Error {
  code?: string;
  errno?: number;
}

/** False when the OS says this process may not write `path` (read-only file, folder or disk). */
function mayWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS';
  }
}

/** Which of the database's places refuses writes: its folder, the file, or neither as far as the OS says. */
function readOnlyPlace(path: string): 'folder' | 'file' | null {
  if (!mayWrite(dirname(path))) return 'folder';
  if (fileSize(path) !== undefined && !mayWrite(path)) return 'file';
  return null;
}

/** Maps sqlite3 error codes to the typed errors the app understands; others pass through. */
export function mapSqliteError(err: unknown, path: string): unknown {
  if (err instanceof DbError) return err;
  const e = err as SqliteError | null;
  switch (e?.code) {
    case 'SQLITE_FULL':
      return new DbFullError({ cause: err });
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DbLockedError({ cause: err });
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new DbCorruptError(path, [], { cause: err });
    case 'SQLITE_READONLY': {
      // sqlite says the database is read-only; the folder is the other place that can make it so
      // (no room for its journal), and the message for IT names the one to fix.
      const place = readOnlyPlace(path) ?? 'file';
      return new DbReadOnlyError(place, place === 'folder' ? dirname(path) : path, { cause: err });
    }
    case 'SQLITE_CANTOPEN':
      return readOnlyPlace(path) === 'folder'
        ? new DbReadOnlyError('folder', dirname(path), { cause: err })
        : err;
    case 'SQLITE_CONSTRAINT':
      return typeof e.message === 'string' && e.message.includes('FOREIGN KEY')
        ? new DbReferenceError({ cause: err })
        : err;
    default:
      return err;
  }
}

/**
 * True for a UNIQUE (or other given kind of) constraint failure, so repositories need not know
 * sqlite3. A FOREIGN KEY failure arrives as DbReferenceError, with sqlite's error as its cause.
 */
export function isConstraintError(err: unknown, kind: 'UNIQUE' | 'CHECK' | 'FOREIGN KEY'): boolean {
  const e = (err instanceof DbReferenceError ? err.cause : err) as SqliteError | null;
  // PostgreSQL's SQLSTATE for the same three (the office database, pg-connection.ts).
  if (e?.code === PG_CONSTRAINT_CODES[kind]) return true;
  return (
    e?.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && e.message.includes(kind)
  );
}

const PG_CONSTRAINT_CODES = { UNIQUE: '23505', CHECK: '23514', 'FOREIGN KEY': '23503' } as const;

function toBindable(v: SqlValue): string | number | Buffer | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) {
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return v as string | number | Buffer | null;
}

function bindParams(params: SqlParams | undefined): unknown[] | Record<string, unknown> {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params.map(toBindable);
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params as Record<string, SqlValue>)) {
    named[`:${k}`] = toBindable(v);
  }
  return named;
}

/** Promise wrappers over one sqlite3 connection. */
class Conn {
  readonly dialect = 'sqlite' as const;
  constructor(
    readonly raw: sqlite3.Database,
    readonly path: string,
  ) {}

  static open(path: string, mode: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(path, mode, (err) => {
        if (err) reject(mapSqliteError(err, path));
        else resolve(new Conn(raw, path));
      });
    });
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.raw.run(sql, bindParams(params), function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.get(sql, bindParams(params), (err: Error | null, row: T | undefined) => {
        if (err) reject(err);
        else resolve(row);
      });
    });
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.raw.all(sql, bindParams(params), (err: Error | null, rows: T[]) => {
        if (err) reject(err);
        else resolve(rows);
      });
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.exec(sql, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.close((err) => (err ? reject(err) : resolve()));
    });
  }
}

/** The transaction handle: statements are tracked so none can outlive the transaction. */
class TxHandle implements Tx {
  readonly dialect = 'sqlite' as const;
  private ended = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly conn: Conn) {}

  private track<T>(make: () => Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new TransactionEndedError());
    const p = make().catch((err: unknown) => {
      throw mapSqliteError(err, this.conn.path);
    });
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return p;
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.track(() => this.conn.run(sql, params));
  }
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.track(() => this.conn.get<T>(sql, params));
  }
  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.track(() => this.conn.all<T>(sql, params));
  }
  exec(sql: string): Promise<void> {
    return this.track(() => this.conn.exec(sql));
  }

  /** Refuses new statements and waits for any the caller forgot to await. */
  async end(): Promise<void> {
    this.ended = true;
    await Promise.all([...this.pending]);
  }
}

interface BackupHandle {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly pageCount: number;
}

class Database implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly writes = new WriteQueue();

  constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly writer: Conn | undefined,
    private readonly reader: Conn,
  ) {}

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.reader.get<T>(sql, params).catch((err: unknown) => {
      throw mapSqliteError(err, this.path);
    });
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.reader.all<T>(sql, params).catch((err: unknown) => {
      throw mapSqliteError(err, this.path);
    });
  }

  private enqueue<T>(work: (writer: Conn) => Promise<T>): Promise<T> {
    const writer = this.writer;
    return this.writes.run(
      () => work(writer!),
      writer ? undefined : new DbError('db-opened-read-only', 'database opened read-only'),
    );
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.enqueue(async (writer) => {
      // IMMEDIATE takes the write lock now, so a transaction never fails half-way on an upgrade.
      try {
        await writer.exec('BEGIN IMMEDIATE');
      } catch (err) {
        throw mapSqliteError(err, this.path);
      }
      const tx = new TxHandle(writer);
      try {
        const value = await fn(tx);
        await tx.end();
        await writer.exec('COMMIT');
        return value;
      } catch (err) {
        await tx.end();
        try {
          await writer.exec('ROLLBACK');
        } catch {
          // sqlite already rolled back on its own (SQLITE_FULL can do that): nothing left to undo.
        }
        throw mapSqliteError(err, this.path);
      }
    });
  }

  exec(sql: string): Promise<void> {
    return this.enqueue((writer) =>
      writer.exec(sql).catch((err: unknown) => {
        throw mapSqliteError(err, this.path);
      }),
    );
  }

  backupTo(destPath: string): Promise<{ pages: number }> {
    if (this.writes.closed) return Promise.reject(new DbClosedError());
    // From the read connection: one step(-1) copies one WAL snapshot while writes go on.
    const raw = this.reader.raw as unknown as {
      backup(file: string, cb: (err: Error | null) => void): BackupHandle;
    };
    return new Promise((resolve, reject) => {
      const fail = (err: unknown) => reject(mapSqliteError(err, this.path));
      const b = raw.backup(destPath, (openErr) => {
        if (openErr) return fail(openErr);
        b.step(-1, (stepErr) => {
          const pages = b.pageCount;
          const completed = b.completed;
          b.finish(() => {
            if (stepErr) fail(stepErr);
            else if (!completed)
              fail(new DbError('db-backup-incomplete', 'backup did not complete'));
            else resolve(toSingleFile(destPath).then(() => ({ pages })));
          });
        });
      });
    });
  }

  holdWrites(verdict: Promise<DbError | null>): void {
    this.writes.hold(verdict);
  }

  refuseWrites(reason: DbError): void {
    this.writes.refuse(reason);
  }

  close(): Promise<void> {
    return this.writes.close(async () => {
      await this.reader.close();
      if (this.writer) await this.writer.close();
    });
  }
}

/** The copy carries the WAL flag of its source; a backup is one self-contained file instead. */
async function toSingleFile(path: string): Promise<void> {
  const conn = await Conn.open(path, sqlite3.OPEN_READWRITE);
  try {
    await conn.get('PRAGMA journal_mode = DELETE');
  } finally {
    await conn.close();
  }
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** Reads the 16-byte header without sqlite, so a foreign file is refused before sqlite opens it. */
function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** What sqlite's page check reports: [] for a sound file, else one line per problem found. */
async function pageProblems(
  q: Queryable,
  pragma: 'integrity_check' | 'quick_check',
): Promise<string[]> {
  const rows = await q.all<Record<string, string>>(`PRAGMA ${pragma}`);
  const lines = rows.map((r) => String(Object.values(r)[0]));
  if (lines.length === 0) return [`${pragma} gave no answer`];
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/**
 * PRAGMA quick_check on an open database: [] when sound, else the problems. It reads every page,
 * so on a large file it is for the background after start.
 */
export function quickCheck(q: Queryable): Promise<string[]> {
  // The office's PostgreSQL checks its own pages (data checksums); there is no file here to read.
  if (q.dialect === 'postgres') return Promise.resolve([]);
  return pageProblems(q, 'quick_check');
}

async function checkFile(conn: Conn, path: string, options: OpenOptions): Promise<void> {
  const mode = options.integrityCheck ?? 'full';
  if (mode !== 'skip') {
    const problems = await pageProblems(conn, mode === 'full' ? 'integrity_check' : 'quick_check');
    if (problems.length > 0) throw new DbCorruptError(path, problems);
  }
  if (options.maxSchemaVersion !== undefined) {
    const row = await conn.get<{ user_version: number }>('PRAGMA user_version');
    const found = row?.user_version ?? 0;
    if (found > options.maxSchemaVersion) throw new DbTooNewError(found, options.maxSchemaVersion);
  }
}

/**
 * Opens a database file. Checks (header, a writable folder and file, integrity, schema version) run
 * before anything is written, so a damaged, foreign, read-only or newer file is refused
 * byte-for-byte untouched.
 * Pragmas: WAL, foreign_keys ON, busy_timeout, and synchronous=FULL for the whole connection:
 * every commit (issuance, suspension, revocation, fee) is on disk when the promise resolves.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  const busy = options.busyTimeoutMs ?? 5000;
  const size = fileSize(path);
  const isNew = size === undefined || size === 0;
  if (size === undefined && (options.create === false || options.readOnly)) {
    throw new DbNotFoundError(path);
  }
  if (!isNew && !hasSqliteHeader(path)) throw new DbCorruptError(path, ['not an sqlite file']);
  if (!options.readOnly) {
    // Before sqlite opens it: sqlite would open a write-protected file for reading without a
    // word, and the first write would fail deep inside a procedure instead of at start.
    const place = readOnlyPlace(path);
    if (place) throw new DbReadOnlyError(place, place === 'folder' ? dirname(path) : path);
  }
  // The owner's only (0600) from the start; sqlite gives its -wal and -shm the same mode.
  if (size === undefined && !options.readOnly) closeSync(openSync(path, 'wx', 0o600));

  const mode = options.readOnly
    ? sqlite3.OPEN_READONLY
    : sqlite3.OPEN_READWRITE | (isNew ? sqlite3.OPEN_CREATE : 0);
  const first = await Conn.open(path, mode);
  let reader: Conn | undefined;
  try {
    first.raw.configure('busyTimeout', busy);
    if (!isNew) await checkFile(first, path, options);
    await first.exec('PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF');
    if (options.readOnly) return new Database(path, true, undefined, first);

    const jm = await first.get<{ journal_mode: string }>('PRAGMA journal_mode = WAL');
    if (jm?.journal_mode !== 'wal') throw new DbError('db-no-wal', 'WAL journal mode unavailable');
    await first.exec(`PRAGMA synchronous = FULL; PRAGMA busy_timeout = ${Math.floor(busy)}`);

    reader = await Conn.open(path, sqlite3.OPEN_READONLY);
    reader.raw.configure('busyTimeout', busy);
    await reader.exec('PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF');
    return new Database(path, false, first, reader);
  } catch (err) {
    await reader?.close().catch(() => undefined);
    await first.close().catch(() => undefined);
    throw mapSqliteError(err, path);
  }
}
