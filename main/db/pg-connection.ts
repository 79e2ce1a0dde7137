// The only importer of pg: the office's PostgreSQL database behind the same Db, Tx and Queryable.
import { createHash } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import pg from 'pg';
import type { Db, RunResult, SqlParams, SqlValue, Tx } from './connection';
import {
  DbClosedError,
  DbError,
  DbFullError,
  DbLockedError,
  DbReferenceError,
  DbUnavailableError,
  TransactionEndedError,
} from './errors';
import { WriteQueue } from './write-queue';

export interface PgConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** Read when a connection is made, so a changed password file is taken without a restart. */
  readonly password: () => string | Promise<string>;
  /**
   * TLS to the server: its CA, and optionally the SHA-256 of the server certificate itself (hex,
   * colons allowed), so that another certificate from the same CA is refused. Null: no TLS (the
   * tests' loopback server only; the machine configuration requires it).
   */
  readonly tls: { readonly ca: string; readonly serverCertSha256?: string } | null;
  /** Connections in the pool (default 4): reads run beside the one write transaction. */
  readonly maxConnections?: number;
  /** The counter's name in pg_stat_activity, so IT sees which counter holds what. */
  readonly applicationName?: string;
  /** ms a connection attempt may take before the database counts as unreachable (default 5000). */
  readonly connectTimeoutMs?: number;
  /** ms a write waits for the office write lock before DbLockedError (default 15000). */
  readonly lockTimeoutMs?: number;
  /** Told how long each write transaction waited for the office write lock (bench:office). */
  readonly onLockWait?: (ms: number) => void;
}

/**
 * The key of the transaction-scoped advisory lock every write takes first. Every procedure step
 * appends to the office's one audit chain, whose next row depends on the last, so appends must
 * follow one another; taking the lock before the first statement also makes the transaction's
 * reads see every earlier commit, as sqlite's one writer does. Writes are short (milliseconds), so
 * eight counters queue for it without a clerk noticing.
 */
export const OFFICE_WRITE_LOCK = 0x6d61646f; // 'mado'

// int8 (counts, ids) and numeric (sums) as numbers, booleans as 1/0: rows look as sqlite's do.
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    if (oid === 16) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function toPgValue(v: SqlValue): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) {
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return v;
}

interface Translated {
  readonly text: string;
  /** For named parameters: the name behind each $n, in order. */
  readonly names: readonly string[] | null;
}

const translations = new Map<string, Translated>();

/**
 * The repositories' SQL with `?` (or `:name`) parameters as PostgreSQL's `$1, $2 …`. String
 * literals, quoted names, comments and `::` casts are left as they are.
 */
export function toPgPlaceholders(sql: string): Translated {
  const cached = translations.get(sql);
  if (cached) return cached;
  let out = '';
  let n = 0;
  const names: string[] = [];
  let named = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else if (ch === ':' && sql[i + 1] === ':') {
      out += '::';
      i++;
    } else if (ch === ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      named = true;
      let at = names.indexOf(m[0]);
      if (at < 0) at = names.push(m[0]) - 1;
      out += `$${at + 1}`;
      i += m[0].length;
    } else {
      out += ch;
    }
  }
  const t: Translated = { text: keepAliasCase(out), names: named ? names : null };
  translations.set(sql, t);
  return t;
}

/**
 * sqlite keeps an alias as written (`AS notAfter`); PostgreSQL folds an unquoted one to lower
 * case. A mixed-case alias outside string literals is quoted, so rows have the same keys on both.
 */
function keepAliasCase(sql: string): string {
  return sql
    .split("'")
    .map((part, i) =>
      i % 2 === 0
        ? part.replace(/\b(AS|as)\s+([a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, '$1 "$2"')
        : part,
    )
    .join("'");
}

function values(t: Translated, params: SqlParams | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return (params as readonly SqlValue[]).map(toPgValue);
  const byName = params as Readonly<Record<string, SqlValue>>;
  return (t.names ?? []).map((name) => {
    if (!(name in byName)) throw new Error(`no value for :${name}`);
    return toPgValue(byName[name]!);
  });
}

interface PgError extends Error {
  code?: string;
}

/** SQLSTATE classes that mean the server went away or never answered. */
function isConnectionFault(e: PgError | null): boolean {
  const code = e?.code ?? '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')
    return true;
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)
  )
    return true;
  // pg's own words for a connection that ended or timed out under it.
  return /Connection terminated|connection timeout|Client has encountered a connection error|read-only transaction/i.test(
    e?.message ?? '',
  );
}

/** Maps PostgreSQL's errors to the typed errors the app understands; others pass through. */
export function mapPgError(err: unknown): unknown {
  if (err instanceof DbError) return err;
  const e = err as PgError | null;
  switch (e?.code) {
    case '53100':
      return new DbFullError({ cause: err });
    case '55P03':
    case '40P01':
      return new DbLockedError({ cause: err });
    case '23503':
      return new DbReferenceError({ cause: err });
    // A standby in recovery, or a server that became one: writes are refused until a primary answers.
    case '25006':
      return new DbUnavailableError({ cause: err });
  }
  if (isConnectionFault(e)) return new DbUnavailableError({ cause: err });
  return err;
}

/** Compares a certificate's SHA-256 with a pin written as hex, with or without colons. */
export function certificateMatchesPin(raw: Buffer, pin: string): boolean {
  const want = pin.replace(/:/g, '').toLowerCase();
  return createHash('sha256').update(raw).digest('hex') === want;
}

class PgTx implements Tx {
  readonly dialect = 'postgres' as const;
  private ended = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly idTables: (client: pg.PoolClient, table: string) => Promise<boolean>,
  ) {}

  private track<T>(make: () => Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new TransactionEndedError());
    const p = make().catch((err: unknown) => {
      throw mapPgError(err);
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
    return this.track(async () => {
      let text = sql;
      // sqlite gives the new row's id after any INSERT; PostgreSQL only when asked for it.
      const insert = /^\s*INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(sql);
      if (insert && !/\bRETURNING\b/i.test(sql) && (await this.idTables(this.client, insert[1]!)))
        text = `${sql} RETURNING id`;
      const t = toPgPlaceholders(text);
      const r = await this.client.query<{ id?: number }>(t.text, values(t, params));
      const last = r.rows.length > 0 ? r.rows[r.rows.length - 1]!.id : undefined;
      return { changes: r.rowCount ?? 0, lastId: typeof last === 'number' ? last : 0 };
    });
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.track(async () => (await query<T>(this.client, sql, params))[0]);
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.track(() => query<T>(this.client, sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.track(async () => {
      await this.client.query(sql);
    });
  }

  async end(): Promise<void> {
    this.ended = true;
    await Promise.all([...this.pending]);
  }
}

async function query<T>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: SqlParams | undefined,
): Promise<T[]> {
  const t = toPgPlaceholders(sql);
  const r = await client.query(t.text, values(t, params));
  return r.rows as T[];
}

class PgDatabase implements Db {
  readonly dialect = 'postgres' as const;
  readonly readOnly = false;
  private readonly writes = new WriteQueue();
  private readonly withId = new Map<string, boolean>();

  constructor(
    readonly path: string,
    private readonly pool: pg.Pool,
    private readonly options: PgConnectionOptions,
  ) {}

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.all<T>(sql, params).then((rows) => rows[0]);
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    if (this.writes.closed) return Promise.reject(new DbClosedError());
    return query<T>(this.pool, sql, params).catch((err: unknown) => {
      throw mapPgError(err);
    });
  }

  /** True when `table` has an integer `id` column, whose value an INSERT reports as lastId. */
  private readonly idTables = async (client: pg.PoolClient, table: string): Promise<boolean> => {
    const known = this.withId.get(table);
    if (known !== undefined) return known;
    const r = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
          AND table_name = $1 AND column_name = 'id' AND data_type IN ('bigint', 'integer')`,
      [table.toLowerCase()],
    );
    const has = (r.rowCount ?? 0) > 0;
    this.withId.set(table, has);
    return has;
  };

  private enqueue<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw mapPgError(err);
      }
      let broken = false;
      // A connection that dies while checked out says so as an 'error' event, which would end the
      // process unheard; the statement it interrupted fails as well, and that failure is the one told.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        return await work(client);
      } catch (err) {
        broken = mapPgError(err) instanceof DbUnavailableError;
        throw err;
      } finally {
        // A connection that failed under us is dropped, not handed to the next write.
        client.off('error', ignore);
        client.release(broken);
      }
    });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.enqueue(async (client) => {
      try {
        await client.query('BEGIN');
        await client.query(
          `SET LOCAL lock_timeout = ${Math.floor(this.options.lockTimeoutMs ?? 15_000)}`,
        );
        const asked = performance.now();
        await client.query('SELECT pg_advisory_xact_lock($1)', [OFFICE_WRITE_LOCK]);
        this.options.onLockWait?.(performance.now() - asked);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw mapPgError(err);
      }
      const tx = new PgTx(client, this.idTables);
      try {
        const value = await fn(tx);
        await tx.end();
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await tx.end();
        await client.query('ROLLBACK').catch(() => undefined);
        throw mapPgError(err);
      }
    });
  }

  exec(sql: string): Promise<void> {
    return this.enqueue(async (client) => {
      try {
        await client.query(sql);
      } catch (err) {
        throw mapPgError(err);
      }
    });
  }

  backupTo(): Promise<{ pages: number }> {
    // The office database is backed up by IT on the server (pg_basebackup, a standby), not by a counter.
    return Promise.reject(
      new DbError('db-backup-on-server', 'the office database is backed up on its server'),
    );
  }

  holdWrites(verdict: Promise<DbError | null>): void {
    this.writes.hold(verdict);
  }

  refuseWrites(reason: DbError): void {
    this.writes.refuse(reason);
  }

  close(): Promise<void> {
    return this.writes.close(() => this.pool.end());
  }
}

/**
 * Opens a pool to the office database and checks that it answers (one round trip), so that a
 * wrong address, password or certificate is told at start and not in the middle of a procedure.
 */
export async function openPgDatabase(options: PgConnectionOptions): Promise<Db> {
  const tls = options.tls;
  const pool = new pg.Pool({
    host: options.host,
    port: options.port,
    database: options.database,
    user: options.user,
    password: options.password as () => Promise<string>,
    max: options.maxConnections ?? 4,
    application_name: options.applicationName ?? 'madoguchi',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types: TYPES,
    ssl: tls
      ? {
          ca: tls.ca,
          rejectUnauthorized: true,
          checkServerIdentity: (host: string, cert: PeerCertificate) => {
            const pin = tls.serverCertSha256;
            if (pin !== undefined && !certificateMatchesPin(cert.raw, pin)) {
              return new Error('the server certificate is not the pinned one');
            }
            return checkServerIdentity(host, cert);
          },
        }
      : false,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new PgDatabase(
    `postgres://${options.user}@${options.host}:${options.port}/${options.database}`,
    pool,
    options,
  );
  try {
    await db.get('SELECT 1 AS ok');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return db;
}
