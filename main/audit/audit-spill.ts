// Audit rows the database refused (a full disk): kept in memory and in a reserved spill file, and
// written into the chain, in order and with their own time, before any other write.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { Db, Queryable } from '../db/connection';
import { fileStamp } from '../documents/file-stamp';
import { DbError } from '../db/errors';
import type { KeyProtector } from '../db/key-protector';
import { lastAuditRow } from '../db/repositories/audit';
import { appendAudit, type AuditEntry } from './audit-log';

/**
 * The rows that may wait: a logout ends the session and the idle lock hides the screen whatever the
 * disk says, so their rows are the ones that must outlive a refused write. A spill naming any other action is refused as forged.
 */
const KEEPABLE_ACTIONS: ReadonlySet<string> = new Set(['operator.logout', 'operator.idle-locked']);

/**
 * The spill file's size, written in full when the app starts (while the disk has room), so that
 * keeping a row later overwrites bytes the file already has and needs no new space.
 */
export const SPILL_BYTES = 16 * 1024;
const LENGTH_BYTES = 4;

/** Failures after which the kept rows wait for the next write; any other drops them to the log. */
const WAIT_ON: ReadonlySet<string> = new Set([
  'db-full',
  'db-locked',
  'db-corrupt',
  'db-read-only',
  'data-folder-read-only',
  'db-closed',
  'db-check-failed',
]);

export interface KeptAuditRow {
  readonly operatorId: number | null;
  readonly action: string;
  /** When it happened (ISO); the chain row gets this time. */
  readonly at: string;
  /** The code of the failure that kept it (db-full): the row's details say it came late. */
  readonly reason: string;
}

/** The chain's last row when the first kept row was refused: a spill fits that chain only. */
interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

interface SpillBody {
  readonly head: ChainHead;
  readonly rows: readonly KeptAuditRow[];
}

/** Why a spill file was not replayed; the file is kept aside for IT. */
export class SpillRefusedError extends Error {
  override readonly name = 'SpillRefusedError';
  constructor(
    readonly reason: 'unreadable' | 'key' | 'mac' | 'content' | 'chain-moved',
    readonly keptAs: string,
  ) {
    super(`audit spill refused (${reason}); kept as ${keptAs}`);
  }
}

/** Kept rows given up on (the database refused them for a reason other than space or a lock). */
export class KeptRowsDroppedError extends Error {
  override readonly name = 'KeptRowsDroppedError';
  constructor(
    readonly rows: readonly KeptAuditRow[],
    options?: { cause?: unknown },
  ) {
    // Operator ids, actions and times only: what IT needs to add the rows by hand.
    super(
      `audit rows not written: ${rows.map((r) => `${r.at} ${r.action} operator=${String(r.operatorId)}`).join('; ')}`,
      options,
    );
  }
}

export interface AuditSpillOptions {
  /** The spill file, beside the database. */
  readonly path: string;
  /** Wraps this run's spill key, as it wraps the data key: a spill is only as forgeable as that. */
  readonly protector: KeyProtector;
  /** Where a failure of the spill itself goes (the error log). */
  readonly report: (e: unknown) => void;
}

export interface AuditSpill {
  /** Reads what the previous run left, if genuine and still fitting the chain; prepares the file. */
  load(db: Queryable): Promise<void>;
  /** Keeps a row whose write failed with `error`. Never throws. */
  keep(db: Queryable, entry: AuditEntry, at: Date, error: unknown): Promise<void>;
  /** Rows waiting. */
  pending(): number;
  /**
   * Writes the waiting rows, oldest first, in one transaction. Throws the database's error while
   * it cannot take them (a full disk): the write that asked must not go before them.
   */
  flush(db: Db): Promise<void>;
  /** Gives up the waiting rows (to the log), for a database replaced by a fresh one. */
  discard(): Promise<void>;
}

function mac(key: Uint8Array, body: string): Buffer {
  return createHmac('sha256', key).update(body, 'utf8').digest();
}

function isKeptRow(r: unknown): r is KeptAuditRow {
  const row = r as Record<string, unknown> | null;
  return (
    row !== null &&
    typeof row === 'object' &&
    (row.operatorId === null || Number.isSafeInteger(row.operatorId)) &&
    typeof row.action === 'string' &&
    KEEPABLE_ACTIONS.has(row.action) &&
    typeof row.at === 'string' &&
    !Number.isNaN(Date.parse(row.at)) &&
    new Date(row.at).toISOString() === row.at &&
    typeof row.reason === 'string' &&
    /^[a-z-]{1,40}$/.test(row.reason)
  );
}

async function chainHead(db: Queryable): Promise<ChainHead> {
  const last = await lastAuditRow(db);
  return { seq: last?.seq ?? 0, hash: last ? last.hash.toString('hex') : '' };
}

function reasonOf(error: unknown): string {
  return error instanceof DbError ? error.code : 'unknown';
}

export function createAuditSpill(options: AuditSpillOptions): AuditSpill {
  const { path, protector, report } = options;
  let rows: KeptAuditRow[] = [];
  let head: ChainHead | null = null;
  /** This run's spill key and its wrapped form; null when the file cannot be used this run. */
  let runKey: { key: Buffer; wrapped: string } | null = null;
  let slotReady = false;
  // One step at a time: a keep while a flush runs waits, so rows never cross.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const result = turn.then(step);
    turn = result.catch(() => undefined);
    return result;
  };

  /** Writes the slot in place (length, then the record) and syncs it; the file keeps its size. */
  function writeSlot(record: Buffer): void {
    const fd = openSync(path, 'r+');
    try {
      const length = Buffer.alloc(LENGTH_BYTES);
      length.writeUInt32BE(record.length);
      writeSync(fd, Buffer.concat([length, record]), 0, LENGTH_BYTES + record.length, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The slot mirrors `rows`; when they do not all fit, the file holds the oldest that do. */
  function persist(): void {
    if (!slotReady || !runKey) return;
    try {
      if (rows.length === 0 || head === null) {
        writeSlot(Buffer.alloc(0));
        return;
      }
      for (let n = rows.length; n > 0; n -= 1) {
        const body = JSON.stringify({ head, rows: rows.slice(0, n) } satisfies SpillBody);
        const record = Buffer.from(
          JSON.stringify({
            v: 1,
            key: runKey.wrapped,
            body,
            mac: mac(runKey.key, body).toString('hex'),
          }),
        );
        if (record.length + LENGTH_BYTES > SPILL_BYTES) continue;
        writeSlot(record);
        return;
      }
    } catch (e) {
      report(e);
    }
  }

  /** Moves a refused spill aside, where IT finds it; the next run starts a new one. */
  function refuse(reason: SpillRefusedError['reason']): void {
    const keptAs = `${path}.refused-${fileStamp(new Date())}`;
    try {
      renameSync(path, keptAs);
    } catch (e) {
      report(e);
    }
    report(new SpillRefusedError(reason, keptAs));
  }

  /** The previous run's record: verified under its own wrapped key, then against the chain. */
  async function readPrevious(db: Queryable): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') report(e);
      return;
    }
    if (bytes.length < LENGTH_BYTES) return refuse('unreadable');
    const length = bytes.readUInt32BE(0);
    if (length === 0) return;
    if (length > bytes.length - LENGTH_BYTES) return refuse('unreadable');
    let record: { v?: unknown; key?: unknown; body?: unknown; mac?: unknown };
    try {
      record = JSON.parse(bytes.subarray(LENGTH_BYTES, LENGTH_BYTES + length).toString('utf8'));
    } catch {
      return refuse('unreadable');
    }
    if (
      record.v !== 1 ||
      typeof record.key !== 'string' ||
      typeof record.body !== 'string' ||
      typeof record.mac !== 'string'
    )
      return refuse('unreadable');
    let key: Buffer;
    try {
      key = protector.unprotect(Buffer.from(record.key, 'base64'));
    } catch {
      return refuse('key');
    }
    const given = Buffer.from(record.mac, 'hex');
    const expected = mac(key, record.body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('mac');
    let body: SpillBody;
    try {
      body = JSON.parse(record.body) as SpillBody;
    } catch {
      return refuse('content');
    }
    if (
      !body?.head ||
      !Number.isSafeInteger(body.head.seq) ||
      typeof body.head.hash !== 'string' ||
      !Array.isArray(body.rows) ||
      body.rows.length === 0 ||
      !body.rows.every(isKeptRow)
    )
      return refuse('content');
    // A genuine spill copied back later, or one the chain has moved past, would enter twice or
    // out of order: it fits only the chain exactly as it was when its first row was refused.
    const now = await chainHead(db);
    if (now.seq !== body.head.seq || now.hash !== body.head.hash) return refuse('chain-moved');
    rows = [...body.rows];
    head = body.head;
  }

  /** The slot for this run: full size on disk now, under a fresh key wrapped by the protector. */
  function prepareSlot(): void {
    try {
      const key = randomBytes(32);
      runKey = { key, wrapped: Buffer.from(protector.protect(key)).toString('base64') };
    } catch (e) {
      report(e);
      return;
    }
    try {
      let size = -1;
      try {
        size = statSync(path).size;
      } catch {
        // no spill file yet
      }
      if (size < SPILL_BYTES) {
        const fd = openSync(path, size < 0 ? 'wx' : 'r+', 0o600);
        try {
          writeSync(fd, Buffer.alloc(SPILL_BYTES), 0, SPILL_BYTES, 0);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
      slotReady = true;
    } catch (e) {
      report(e);
    }
  }

  async function writeRows(db: Db): Promise<void> {
    if (rows.length === 0) return;
    const batch = [...rows];
    try {
      // The database itself, not the wrapper that would wait for this very flush.
      await (underlying.get(db) ?? db).transaction(async (tx) => {
        for (const r of batch) {
          await appendAudit(
            tx,
            { operatorId: r.operatorId, action: r.action, details: { deferred: r.reason } },
            () => new Date(r.at),
          );
        }
      });
    } catch (e) {
      if (e instanceof DbError && WAIT_ON.has(e.code)) throw e;
      // Anything else would refuse them forever and every write after them: give them to IT.
      report(new KeptRowsDroppedError(batch, { cause: e }));
    }
    rows = rows.slice(batch.length);
    if (rows.length === 0) head = null;
    persist();
  }

  return {
    load: (db) =>
      serial(async () => {
        try {
          await readPrevious(db);
        } catch (e) {
          report(e);
        }
        prepareSlot();
        // What was read is now under this run's key; an empty record clears a stale one.
        persist();
      }),

    keep: (db, entry, at, error) =>
      serial(async () => {
        const row: KeptAuditRow = {
          operatorId: entry.operatorId,
          action: entry.action,
          at: at.toISOString(),
          reason: reasonOf(error),
        };
        if (!KEEPABLE_ACTIONS.has(row.action)) {
          report(new KeptRowsDroppedError([row], { cause: error }));
          return;
        }
        if (rows.length === 0) {
          try {
            head = await chainHead(db);
          } catch (e) {
            // The chain cannot be read (a damaged file): the row waits in memory only.
            head = null;
            report(e);
          }
        }
        rows.push(row);
        if (head) persist();
      }).catch(report),

    pending: () => rows.length,

    flush: (db) => serial(() => writeRows(db)),

    discard: () =>
      serial(async () => {
        if (rows.length > 0) report(new KeptRowsDroppedError(rows));
        rows = [];
        head = null;
        persist();
      }),
  };
}

/** Each wrapper's database, so a flush handed the wrapper writes past it. */
const underlying = new WeakMap<Db, Db>();

/**
 * The database as the app writes it: before each transaction, the kept rows go into the chain in
 * their own transaction, so no later row can come before them. While they cannot be written (the
 * disk is still full), the transaction is refused with that error.
 */
export function writesAfterKeptRows(db: Db, spill: AuditSpill): Db {
  const wrapper = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        const transaction: Db['transaction'] = async (fn) => {
          if (spill.pending() > 0) await spill.flush(target);
          return target.transaction(fn);
        };
        return transaction;
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  underlying.set(wrapper, db);
  return wrapper;
}
