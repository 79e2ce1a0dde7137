// Anchors: the chain's head (seq, hash, MAC) kept outside the database, on paper and in a file.
import { appendFile, open, readFile, readdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from '../db/connection';
import { lastAuditRow } from '../db/repositories/audit';
import { GENESIS_HASH, hmac, u64, type AuditKeys } from './audit-keys';

/**
 * The head of the chain at one moment. Whoever keeps it can later show that the log was cut
 * short (the seq is gone) or rewritten (that row's hash differs), even from someone holding the
 * database file and its key.
 */
export interface AuditAnchor {
  /** The audit key's id: an anchor is checked with the key of the database that made it. */
  readonly keyId: string;
  readonly seq: number;
  /** The hash of row `seq` (the genesis hash for an empty log, seq 0). */
  readonly head: Buffer;
  /** HMAC of seq and head under the key's anchor subkey. */
  readonly mac: Buffer;
  readonly at: string;
  /** What made it: start-up, a 日報, an export, a check, a seal, a quiet spell, shutdown. */
  readonly source: string;
}

export function anchorMac(keys: AuditKeys, seq: number, head: Uint8Array): Buffer {
  return hmac(keys.anchor, u64(seq), head);
}

export function anchorHolds(keys: AuditKeys, a: AuditAnchor): boolean {
  return a.keyId === keys.keyId && anchorMac(keys, a.seq, a.head).equals(a.mac);
}

/** An anchor of the committed head as `q` sees it now. */
export async function makeAnchor(
  q: Queryable,
  keys: AuditKeys,
  source: string,
  at: Date,
): Promise<AuditAnchor> {
  const last = await lastAuditRow(q);
  const seq = last?.seq ?? 0;
  const head = last?.hash ?? GENESIS_HASH;
  return {
    keyId: keys.keyId,
    seq,
    head,
    mac: anchorMac(keys, seq, head),
    at: at.toISOString(),
    source,
  };
}

/**
 * Hex in groups of eight, as printed: easy to read aloud and compare, and never a run of twelve
 * digits (the 日報 refuses anything of a 個人番号's shape).
 */
export function groupedHex(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('hex')
      .match(/.{1,8}/g) ?? []
  ).join(' ');
}

/** The anchor's lines in a CSV (日報 and audit export): section, item, (empty), value. */
export function anchorCsvRows(a: AuditAnchor): string[][] {
  return [
    ['audit-anchor', 'key', '', a.keyId],
    ['audit-anchor', 'seq', '', String(a.seq)],
    ['audit-anchor', 'head', '', groupedHex(a.head)],
    ['audit-anchor', 'mac', '', groupedHex(a.mac)],
    ['audit-anchor', 'at', '', a.at],
  ];
}

/** One line of the anchors file. */
export function anchorJsonLine(a: AuditAnchor): string {
  return JSON.stringify({
    v: 1,
    key: a.keyId,
    seq: a.seq,
    head: a.head.toString('hex'),
    mac: a.mac.toString('hex'),
    at: a.at,
    source: a.source,
  });
}

const HEX32 = /^[0-9a-f]{64}$/;

function anchorOf(fields: Record<string, unknown>): AuditAnchor | null {
  const hex = (v: unknown) =>
    typeof v === 'string' && HEX32.test(v.replace(/\s+/g, '').toLowerCase())
      ? Buffer.from(v.replace(/\s+/g, '').toLowerCase(), 'hex')
      : null;
  const seq = typeof fields.seq === 'string' ? Number(fields.seq) : fields.seq;
  const head = hex(fields.head);
  const mac = hex(fields.mac);
  const keyId = fields.key;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  if (!head || !mac || typeof keyId !== 'string' || !/^[0-9a-f]{8}$/.test(keyId)) return null;
  return {
    keyId,
    seq,
    head,
    mac,
    at: typeof fields.at === 'string' ? fields.at : '',
    source: typeof fields.source === 'string' ? fields.source : '',
  };
}

/** The cells of one CSV line as csvText writes them: every cell quoted, "" for a quote. */
function csvCells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

export interface ParsedAnchors {
  readonly anchors: AuditAnchor[];
  /** Lines that looked like an anchor and could not be read (a damaged or edited file). */
  readonly unreadable: number;
}

/**
 * Every anchor in a text: lines of an anchors file (one JSON object each), or the audit-anchor
 * rows of a 日報 CSV or an audit CSV export.
 */
export function parseAnchors(text: string): ParsedAnchors {
  const anchors: AuditAnchor[] = [];
  let unreadable = 0;
  let csv: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = null;
      }
      const a = parsed && typeof parsed === 'object' ? anchorOf(parsed as never) : null;
      if (a) anchors.push(a);
      else unreadable += 1;
      continue;
    }
    const cells = csvCells(line);
    if (cells[0] !== 'audit-anchor' || cells.length < 4) continue;
    csv[cells[1] ?? ''] = cells[3] ?? '';
    if (cells[1] === 'at') {
      const a = anchorOf(csv);
      if (a) anchors.push(a);
      else unreadable += 1;
      csv = {};
    }
  }
  return { anchors, unreadable };
}

/** The anchors file of this computer and mode in the folder IT configured. */
export function anchorsFilePath(dir: string, mode: string): string {
  const host = hostname().replace(/[^A-Za-z0-9_-]/g, '_') || 'host';
  return join(dir, `audit-anchors-${host}-${mode}.jsonl`);
}

/**
 * Appends one anchor. The folder must exist already: a missing folder is reported, never made,
 * so a share that is not mounted cannot turn into a local folder that only looks like one.
 */
export async function appendAnchor(file: string, a: AuditAnchor): Promise<void> {
  await appendFile(file, `${anchorJsonLine(a)}\n`, { flag: 'a', mode: 0o644 });
}

/** How much of the file's end is read to find its last anchor. */
const TAIL_BYTES = 64 * 1024;

/** The last anchor of the file, and the last one of `keyId`; nulls when the file has none. */
export async function readLastAnchors(
  file: string,
  keyId: string,
): Promise<{ last: AuditAnchor | null; lastOfKey: AuditAnchor | null; unreadable: number }> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    const handle = await open(file, 'r');
    try {
      const length = Math.min(size, TAIL_BYTES);
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, size - length);
      text = buf.toString('utf8');
      // A tail that starts inside a line drops that partial line.
      if (length < size) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { last: null, lastOfKey: null, unreadable: 0 };
    }
    throw err;
  }
  const { anchors, unreadable } = parseAnchors(text);
  const ofKey = anchors.filter((a) => a.keyId === keyId);
  return { last: anchors.at(-1) ?? null, lastOfKey: ofKey.at(-1) ?? null, unreadable };
}

/** Every anchor in the given files, or in each *.jsonl, *.csv file of a given folder. */
export async function readAnchorFiles(paths: readonly string[]): Promise<ParsedAnchors> {
  const anchors: AuditAnchor[] = [];
  let unreadable = 0;
  for (const p of paths) {
    const files = (await stat(p)).isDirectory()
      ? (await readdir(p)).filter((f) => /\.(jsonl|csv)$/i.test(f)).map((f) => join(p, f))
      : [p];
    for (const f of files) {
      const parsed = parseAnchors(await readFile(f, 'utf8'));
      anchors.push(...parsed.anchors);
      unreadable += parsed.unreadable;
    }
  }
  return { anchors, unreadable };
}
