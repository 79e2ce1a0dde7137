// The local error log for IT: one JSON line per unexpected error, under an id the clerk passes on.
import { randomInt } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_ID_PATTERN } from '../../preload/contract/errors';
import { assertSafeDetails, UnsafeDetailsError, type JsonValue } from '../audit/details-guard';
import type { Clock } from '../db/clock';
import { DbError } from '../db/errors';
import { KeyFileError } from '../db/key-protector';

/** The file in the log folder; older ones are errors.1.log (newest) to errors.<files-1>.log. */
export const ERROR_LOG_FILE = 'errors.log';

export interface ErrorLogOptions {
  /** The folder of the log (`<data folder>/logs`), created on the first entry. */
  readonly dir: string;
  readonly now?: Clock;
  /** A file is rotated before it would grow past this (default 1 MiB). */
  readonly maxBytes?: number;
  /** Files kept, the current one included (default 5): at most maxBytes × files on disk. */
  readonly files?: number;
}

/** Where the error happened, for IT: the IPC channel, or the part of the app. */
export interface ErrorContext {
  readonly channel?: string;
  readonly where?: string;
  /** The AppError code the clerk was shown. */
  readonly code?: string;
}

export interface ErrorLog {
  /** The current file. */
  readonly path: string;
  /**
   * Writes one entry and returns its id. Never throws: when the entry cannot be written (a full
   * disk, a read-only folder), the id still goes to the clerk, a line to stderr, and the entry
   * waits in memory for the next write that succeeds.
   */
  record(error: unknown, context?: ErrorContext): string;
  /** Writes the entries still waiting, if the disk takes them now (at close). */
  flush(): void;
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const MAX_FRAMES = 12;
const MAX_FRAME_CHARS = 300;
const MAX_MESSAGE_CHARS = 500;
const MAX_CAUSES = 3;
const REMOVED = '[removed]';
/** Entries kept in memory while the log cannot be written; the oldest go first past this. */
const MAX_WAITING = 100;

/**
 * `E-20261125-KQWXRT`: the day (UTC, as the entry's time) and six letters. Letters only after the
 * day, so an id never reads as a run of twelve digits.
 */
export function newErrorId(at: Date): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i += 1) tail += LETTERS[randomInt(LETTERS.length)];
  const id = `E-${day}-${tail}`;
  if (!ERROR_ID_PATTERN.test(id)) throw new Error('error id out of form');
  return id;
}

function stringProp(e: unknown, key: string): string | undefined {
  const v = (e as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A Node system error (fs, net): its message is libuv's text with a syscall and a path. */
function isSystemError(e: unknown): boolean {
  return (
    typeof (e as { errno?: unknown }).errno === 'number' && stringProp(e, 'syscall') !== undefined
  );
}

/**
 * Whose message text may be kept: only texts this app or its libraries compose from fixed words,
 * paths and codes (the database layer, the key file, sqlite, the OS). Any other error's message
 * could quote what a clerk or a resident typed, so it is left out; its name and frames remain.
 */
function messageKept(e: Error): boolean {
  return (
    e instanceof DbError ||
    e instanceof KeyFileError ||
    (stringProp(e, 'code')?.startsWith('SQLITE_') ?? false) ||
    isSystemError(e)
  );
}

/** The stack's frames only ("at fn (file:line:col)"): the first lines repeat the message. */
function framesOf(e: Error): string[] {
  return (e.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_FRAMES)
    .map((line) => line.slice(0, MAX_FRAME_CHARS));
}

function describe(e: unknown, depth: number): { [key: string]: JsonValue } {
  if (!(e instanceof Error)) return { name: e === null ? 'null' : typeof e };
  const out: { [key: string]: JsonValue } = { name: e.name.slice(0, 80) };
  const code = stringProp(e, 'code');
  if (code && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) out.code = code;
  const syscall = stringProp(e, 'syscall');
  if (syscall && /^[a-z_]{1,32}$/.test(syscall)) out.syscall = syscall;
  if (messageKept(e)) out.message = e.message.slice(0, MAX_MESSAGE_CHARS);
  out.frames = framesOf(e);
  if (e.cause !== undefined && depth < MAX_CAUSES) out.cause = describe(e.cause, depth + 1);
  return out;
}

/** `error.cause.frames[3]` -> ['error', 'cause', 'frames', 3]. */
function pathOf(field: string): (string | number)[] {
  return field
    .split('.')
    .flatMap((part) =>
      [...part.matchAll(/([^[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] ? Number(m[2]) : m[1]!)),
    );
}

function removeAt(entry: Record<string, unknown>, field: string): boolean {
  const path = pathOf(field);
  let node: unknown = entry;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | null)?.[key];
    if (node === null || typeof node !== 'object') return false;
  }
  const last = path.at(-1);
  if (last === undefined) return false;
  (node as Record<string | number, unknown>)[last] = REMOVED;
  return true;
}

/**
 * The entry as it is written: what the audit's details guard refuses (a field named like a PIN or
 * password, a run of twelve digits, an image) is replaced by "[removed]", field by field.
 */
export function errorLogEntry(
  error: unknown,
  context: ErrorContext,
  id: string,
  at: Date,
): Record<string, JsonValue> {
  const entry: Record<string, JsonValue> = { id, at: at.toISOString() };
  if (context.where) entry.where = context.where.slice(0, 80);
  if (context.channel) entry.channel = context.channel.slice(0, 80);
  if (context.code) entry.code = context.code.slice(0, 80);
  entry.error = describe(error, 0);
  for (let tries = 0; tries < 50; tries += 1) {
    try {
      assertSafeDetails(entry);
      return entry;
    } catch (e) {
      if (!(e instanceof UnsafeDetailsError) || !removeAt(entry, e.field)) break;
    }
  }
  return { id, at: at.toISOString(), error: REMOVED };
}

export function createErrorLog(options: ErrorLogOptions): ErrorLog {
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const files = Math.max(1, options.files ?? 5);
  const path = join(options.dir, ERROR_LOG_FILE);
  const older = (n: number) => join(options.dir, `errors.${n}.log`);

  function rotateFor(bytes: number): void {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return;
    }
    if (size === 0 || size + bytes <= maxBytes) return;
    if (files === 1) {
      rmSync(path, { force: true });
      return;
    }
    rmSync(older(files - 1), { force: true });
    for (let n = files - 2; n >= 1; n -= 1) {
      try {
        renameSync(older(n), older(n + 1));
      } catch {
        // that one was never written
      }
    }
    renameSync(path, older(1));
  }

  let waiting: string[] = [];

  /** Appends the waiting lines; false (and they keep waiting) when the disk refuses them. */
  function write(): boolean {
    if (waiting.length === 0) return true;
    const text = waiting.join('');
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      rotateFor(Buffer.byteLength(text));
      appendFileSync(path, text, { mode: 0o600 });
      waiting = [];
      return true;
    } catch (e) {
      const code = stringProp(e, 'code') ?? 'unknown';
      console.error(`[ErrorLog] ${waiting.length} entries could not be written yet (${code})`);
      return false;
    }
  }

  return {
    path,
    record(error, context = {}) {
      const at = now();
      const id = newErrorId(at);
      waiting.push(`${JSON.stringify(errorLogEntry(error, context, id, at))}\n`);
      if (waiting.length > MAX_WAITING) waiting = waiting.slice(-MAX_WAITING);
      // The log's own disk full or read-only: the clerk still gets the id, stderr says so.
      if (!write()) console.error(`[ErrorLog] entry ${id} waits in memory`);
      return id;
    },
    flush() {
      write();
    },
  };
}
