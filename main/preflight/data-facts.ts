// The database and audit facts of the preflight, from an open database (the app) or from the files (the CLI).
import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { anchorsFilePath, readLastAnchors } from '../audit/audit-anchors';
import { openDatabase, quickCheck, type Queryable } from '../db/connection';
import { schemaVersion } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { lastAuditRowAt } from '../db/repositories/audit';
import { readDatabaseMeta } from '../db/repositories/meta';
import type { AuditFacts, DatabaseFacts } from './checks';

export type DatabaseReport = DatabaseFacts & { lastRecordAt: string | null };

export interface DatabaseFactsOptions {
  readonly path: string;
  readonly appVersion: string;
  readonly expectedMode: string;
  readonly quick: boolean;
}

/** What an open database says about itself: version, mode, last row, and (full run) its pages. */
export async function databaseFactsOf(
  q: Queryable,
  options: DatabaseFactsOptions,
): Promise<DatabaseReport> {
  const version = await schemaVersion(q);
  const meta = await readDatabaseMeta(q).catch(() => ({ appVersion: null, mode: null }));
  const base = {
    path: options.path,
    error: null,
    version,
    latest: LATEST_SCHEMA_VERSION,
    writtenBy: meta.appVersion,
    appVersion: options.appVersion,
    mode: meta.mode,
    expectedMode: options.expectedMode,
  };
  // A newer file's tables are not ours to read.
  if (version > LATEST_SCHEMA_VERSION) return { ...base, problems: null, lastRecordAt: null };
  const last = await lastAuditRowAt(q).catch(() => undefined);
  return {
    ...base,
    problems: options.quick ? null : await quickCheck(q),
    lastRecordAt: last?.at ?? null,
  };
}

/** The database file, opened read-only (the app may be running): nothing is written. */
export async function databaseFileFacts(options: DatabaseFactsOptions): Promise<DatabaseReport> {
  const empty = {
    path: options.path,
    version: null,
    latest: LATEST_SCHEMA_VERSION,
    appVersion: options.appVersion,
    mode: null,
    expectedMode: options.expectedMode,
    problems: null,
    lastRecordAt: null,
  };
  if (!existsSync(options.path)) return { ...empty, missing: true, error: null };
  try {
    const db = await openDatabase(options.path, { readOnly: true, integrityCheck: 'skip' });
    try {
      return await databaseFactsOf(db, options);
    } finally {
      await db.close();
    }
  } catch (e) {
    return { ...empty, error: (e as { code?: string }).code ?? (e as Error).name };
  }
}

/** Opens a backup read-only and runs its page check: true when it reads as a whole database. */
export async function backupReadable(path: string): Promise<boolean> {
  try {
    const db = await openDatabase(path, { readOnly: true, integrityCheck: 'skip' });
    try {
      return (await quickCheck(db)).length === 0;
    } finally {
      await db.close();
    }
  } catch {
    return false;
  }
}

/**
 * The anchors as the files show them, without the audit key: the folder reachable and writable,
 * and the last anchor not ahead of the database's last row (rows cut off or a file rolled back).
 * The keyed comparison is the app's (its start-up check) and audit:verify's.
 */
export async function anchorFileFacts(options: {
  readonly anchorsDir: string | undefined;
  readonly mode: string;
  readonly production: boolean;
  readonly databasePath: string;
}): Promise<AuditFacts> {
  const base = {
    production: options.production,
    alarm: false,
    anchorsConfigured: options.anchorsDir !== undefined,
  };
  if (options.anchorsDir === undefined) {
    return { ...base, anchorsFile: null, anchorsError: null, lastAnchorAt: null };
  }
  const file = anchorsFilePath(options.anchorsDir, options.mode);
  try {
    await access(options.anchorsDir, constants.W_OK);
  } catch (e) {
    return {
      ...base,
      anchorsFile: file,
      anchorsError: (e as NodeJS.ErrnoException).code ?? 'unreachable',
      lastAnchorAt: null,
    };
  }
  const { last } = await readLastAnchors(file, '');
  let lastSeq: number | null = null;
  if (last && existsSync(options.databasePath)) {
    try {
      const db = await openDatabase(options.databasePath, {
        readOnly: true,
        integrityCheck: 'skip',
      });
      try {
        lastSeq = (await lastAuditRowAt(db))?.seq ?? 0;
      } finally {
        await db.close();
      }
    } catch {
      lastSeq = null;
    }
  }
  return {
    ...base,
    anchorsFile: file,
    anchorsError: null,
    lastAnchorAt: last?.at ?? null,
    anchorAhead:
      last && lastSeq !== null && last.seq > lastSeq ? { anchorSeq: last.seq, lastSeq } : null,
  };
}
