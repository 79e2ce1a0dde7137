// The audit trail as a CSV file for the administrator: every row the filter matches, newest first,
// then the chain's anchor at the time of the export.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FileWrittenDto } from '../../preload/contract/dto';
import type { Clock } from '../db/clock';
import type { Queryable } from '../db/connection';
import type { AuditFilter } from '../db/repositories/audit';
import { csvText, type CsvValue } from '../documents/csv';
import { fileStamp } from '../documents/file-stamp';
import { anchorCsvRows, type AuditAnchor } from './audit-anchors';
import { searchAuditRows } from './audit-search';

const HEADER = ['seq', 'at', 'operator', 'action', 'resident_id', 'card_id', 'details'];
/** Rows read per query: the search's largest page. */
const PAGE_SIZE = 500;

export interface AuditExportOptions {
  /** The folder of exports; the file is `audit-<time>.csv` in it, readable by the operator only. */
  readonly dir: string;
  readonly now: Clock;
  /**
   * The chain's head as the export is written (seq, hash, MAC): printed after the rows, so the
   * file itself is an anchor that audit:verify can check the log against later.
   */
  anchor?(): Promise<AuditAnchor>;
}

export async function exportAuditCsv(
  db: Queryable,
  filter: AuditFilter,
  options: AuditExportOptions,
): Promise<FileWrittenDto & { readonly rows: number }> {
  const lines: CsvValue[][] = [HEADER];
  let rows = 0;
  for (let page = 1; ; page += 1) {
    const result = await searchAuditRows(db, filter, page, PAGE_SIZE);
    for (const r of result.items) {
      lines.push([r.seq, r.at, r.operatorLoginId, r.action, r.residentId, r.cardId, r.details]);
    }
    rows += result.items.length;
    if (result.items.length < result.pageSize) break;
  }
  if (options.anchor) lines.push([], ...anchorCsvRows(await options.anchor()));
  mkdirSync(options.dir, { recursive: true });
  const path = join(options.dir, `audit-${fileStamp(options.now())}.csv`);
  const bytes = Buffer.from(csvText(lines), 'utf8');
  writeWhole(path, bytes);
  return { path, bytes: bytes.length, rows };
}

/**
 * Writes into a temporary file beside `path` and renames it when every byte is on disk, so the
 * export is there whole or not at all: a full disk leaves no empty or cut-off CSV, and no
 * temporary file either.
 */
function writeWhole(path: string, bytes: Buffer): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // the write's own error is the one to report
      }
    }
    rmSync(temp, { force: true });
    throw e;
  }
}
