// Builds (or reuses) the benchmark's issuance database: residents with cards, and an audit log as an
// upgraded counter has it: a plain SHA-256 prefix, then rows keyed under the audit key, all sealed.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openAuditKeys } from '../main/audit/audit-keys';
import { auditRowHash, GENESIS_HASH, keyedAuditRowHash } from '../main/audit/audit-log';
import { sealSegments } from '../main/audit/audit-seal';
import { checkMac } from '../main/audit/audit-verify';
import { openIssuanceDatabase } from '../main/db/index';
import { FileKeyProtector } from '../main/db/key-protector';
import { openMyNumberCipher } from '../main/db/my-number-crypto';
import { readAuditRows } from '../main/db/repositories/audit';
import { insertAuditCheck } from '../main/db/repositories/audit-chain';
import { kanaKey, kanjiKey } from '../main/db/repositories/residents';
import { BulkInserter } from './support/bulk-insert';
import { auditRowOf, cardOf, OPERATOR_COUNT, residentOf } from './support/population';

/** Bump when the generated content or layout changes, so cached files are rebuilt. */
export const GENERATOR_VERSION = 3;

export const CACHE_DIR = fileURLToPath(new URL('.cache/', import.meta.url));

const RESIDENTS_PER_TX = 50_000;
const AUDIT_PER_TX = 100_000;
/** The share of the log written before the upgrade that keyed it (plain SHA-256 rows). */
const PLAIN_SHARE = 0.75;
/** Rows since the last recorded check: a busy day at the counter (the recent check's work). */
export const DAY_ROWS = 5000;

export interface SizeOptions {
  readonly residents: number;
  readonly audit: number;
  readonly regenerate: boolean;
}

export interface GeneratedDatabase {
  readonly dbPath: string;
  readonly keyPath: string;
  readonly residents: number;
  readonly audit: number;
  /** Wall time of the generation that made the file (possibly an earlier run). */
  readonly generationMs: number;
  readonly generatorMaxRssKb: number;
  readonly generatedAt: string;
  /** Sealing the whole log the first time (as the first start after the upgrade does). */
  readonly sealingMs: number;
  readonly reused: boolean;
}

/** `--residents N --audit M --regenerate`; the default is the size, 1,000,000 / 2,000,000. */
export function parseSizeArgs(argv: readonly string[]): SizeOptions {
  const number = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  return {
    residents: number('--residents', 1_000_000),
    audit: number('--audit', 2_000_000),
    regenerate: argv.includes('--regenerate'),
  };
}

function cachePaths(residents: number, audit: number) {
  const base = join(CACHE_DIR, `db-v${GENERATOR_VERSION}-r${residents}-a${audit}`);
  return {
    db: `${base}.sqlite`,
    key: `${base}.key`,
    meta: `${base}.json`,
    partial: `${base}.partial`,
  };
}

function removeDbFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Reuses the cached database of this size and generator version, or builds it. */
export async function ensureDatabase(
  options: SizeOptions,
  log: (line: string) => void = console.log,
): Promise<GeneratedDatabase> {
  const paths = cachePaths(options.residents, options.audit);
  if (
    !options.regenerate &&
    existsSync(paths.db) &&
    existsSync(paths.key) &&
    existsSync(paths.meta)
  ) {
    const meta = JSON.parse(readFileSync(paths.meta, 'utf8')) as Omit<GeneratedDatabase, 'reused'>;
    log(`reusing ${paths.db} (generated ${meta.generatedAt}; --regenerate to rebuild)`);
    return { ...meta, dbPath: paths.db, keyPath: paths.key, reused: true };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const p of [paths.db, paths.meta]) removeDbFiles(p);
  rmSync(paths.key, { force: true });

  // Built under a temporary name and renamed at the end: an interrupted run is never reused.
  const partialDb = `${paths.partial}.sqlite`;
  const partialKey = `${paths.partial}.key`;
  removeDbFiles(partialDb);
  rmSync(partialKey, { force: true });

  const started = performance.now();
  const { sealingMs } = await generate(
    partialDb,
    partialKey,
    options.residents,
    options.audit,
    log,
  );
  const generationMs = performance.now() - started;

  renameSync(partialKey, paths.key);
  renameSync(partialDb, paths.db);
  const meta = {
    dbPath: paths.db,
    keyPath: paths.key,
    residents: options.residents,
    audit: options.audit,
    generationMs: Math.round(generationMs),
    generatorMaxRssKb: process.resourceUsage().maxRSS,
    generatedAt: new Date().toISOString(),
    sealingMs: Math.round(sealingMs),
  };
  writeFileSync(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
  log(`generated ${paths.db} in ${(generationMs / 1000).toFixed(1)} s`);
  return { ...meta, reused: false };
}

async function generate(
  dbPath: string,
  keyPath: string,
  residents: number,
  audit: number,
  log: (line: string) => void,
): Promise<{ sealingMs: number }> {
  // The real open path: migrations 0001… applied in their transactions, the mode stamped.
  const db = await openIssuanceDatabase(dbPath, { mode: 'production', integrityCheck: 'skip' });
  try {
    const cipher = await openMyNumberCipher(db, new FileKeyProtector(keyPath));
    // Generation only: no fsync per commit and a large page cache for the index inserts. The
    // benchmark itself opens the file with the app's pragmas.
    await db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576');
    const created = '2026-01-05T00:00:00.000Z';

    await db.transaction(async (tx) => {
      const ops = new BulkInserter(tx, 'operators', [
        'id',
        'login_id',
        'display_name',
        'role',
        'password_hash',
        'disabled',
        'created_at',
        'password_changed_at',
      ]);
      for (let id = 1; id <= OPERATOR_COUNT; id++) {
        const role = id === 1 ? 'admin' : id % 10 === 0 ? 'supervisor' : 'clerk';
        // Disabled with an unusable hash: nobody can log in to a benchmark database.
        await ops.add([id, `bench${id}`, `職員${id}`, role, '!bench', 1, created, created]);
      }
      await ops.flush();
    });

    let phase = performance.now();
    for (let from = 1; from <= residents; from += RESIDENTS_PER_TX) {
      const to = Math.min(residents, from + RESIDENTS_PER_TX - 1);
      await db.transaction(async (tx) => {
        const rs = new BulkInserter(tx, 'residents', [
          'id',
          'kana_name',
          'kanji_name',
          'kana_key',
          'kanji_key',
          'birth_date',
          'address',
          'sex',
          'my_number_enc',
          'my_number_hmac',
          'created_at',
        ]);
        for (let id = from; id <= to; id++) {
          const r = residentOf(id);
          await rs.add([
            id,
            r.kanaName,
            r.kanjiName,
            kanaKey(r.kanaName),
            kanjiKey(r.kanjiName),
            r.birthDate,
            r.address,
            r.sex,
            cipher.encrypt(r.myNumber),
            cipher.lookupHmac(r.myNumber),
            created,
          ]);
        }
        await rs.flush();
        const apps = new BulkInserter(tx, 'card_applications', [
          'id',
          'notice_number',
          'resident_id',
          'kind',
          'status',
          'created_at',
          'status_changed_at',
        ]);
        for (let id = from; id <= to; id++) {
          const c = cardOf(id);
          await apps.add([
            id,
            residentOf(id).noticeNumber,
            id,
            'new',
            c.applicationStatus,
            created,
            c.receivedAt,
          ]);
        }
        await apps.flush();
        const cards = new BulkInserter(tx, 'cards', [
          'id',
          'serial',
          'resident_id',
          'application_id',
          'state',
          'expiry',
          'received_at',
          'issued_at',
          'terminated_at',
          'state_changed_at',
        ]);
        for (let id = from; id <= to; id++) {
          const c = cardOf(id);
          await cards.add([
            id,
            residentOf(id).cardSerial,
            id,
            id,
            c.state,
            c.expiry,
            c.receivedAt,
            c.issuedAt,
            c.terminatedAt,
            c.terminatedAt ?? c.issuedAt ?? c.receivedAt,
          ]);
        }
        await cards.flush();
      });
      if (to === residents || to % 200_000 === 0) log(`  residents, applications, cards: ${to}`);
    }
    log(`  residents done in ${((performance.now() - phase) / 1000).toFixed(1)} s`);

    phase = performance.now();
    const protector = new FileKeyProtector(keyPath);
    const plain = Math.min(audit, Math.round(audit * PLAIN_SHARE));
    let prev: Uint8Array = GENESIS_HASH;
    let keys: Awaited<ReturnType<typeof openAuditKeys>>['keys'] | null = null;
    for (let from = 1; from <= audit; from += AUDIT_PER_TX) {
      const to = Math.min(audit, from + AUDIT_PER_TX - 1);
      await db.transaction(async (tx) => {
        const rows = new BulkInserter(tx, 'audit_log', [
          'seq',
          'at',
          'operator_id',
          'action',
          'resident_id',
          'card_id',
          'details',
          'hash',
        ]);
        for (let seq = from; seq <= Math.min(to, plain); seq++) {
          const row = { seq, ...auditRowOf(seq, residents) };
          // The audit module's own hash functions, so verifyAudit accepts the chain.
          const hash = auditRowHash(prev, row);
          prev = hash;
          await rows.add([
            seq,
            row.at,
            row.operatorId,
            row.action,
            row.residentId,
            row.cardId,
            row.details,
            hash,
          ]);
        }
        await rows.flush();
      });
      if (to > plain) {
        // The upgrade: the app opens the file with its key once, which starts the keyed chain
        // after the last plain row.
        keys ??= (await openAuditKeys(db, protector, () => new Date())).keys;
        const rowKeys = keys;
        await db.transaction(async (tx) => {
          const rows = new BulkInserter(tx, 'audit_log', [
            'seq',
            'at',
            'operator_id',
            'action',
            'resident_id',
            'card_id',
            'details',
            'hash',
          ]);
          for (let seq = Math.max(from, plain + 1); seq <= to; seq++) {
            const row = { seq, ...auditRowOf(seq, residents) };
            const hash = keyedAuditRowHash(rowKeys, prev, row);
            prev = hash;
            await rows.add([
              seq,
              row.at,
              row.operatorId,
              row.action,
              row.residentId,
              row.cardId,
              row.details,
              hash,
            ]);
          }
          await rows.flush();
        });
      }
      if (to === audit || to % 500_000 === 0) log(`  audit rows: ${to}`);
    }
    keys ??= (await openAuditKeys(db, protector, () => new Date())).keys;
    log(`  audit done in ${((performance.now() - phase) / 1000).toFixed(1)} s`);

    // What the app's first start after the upgrade does in the background: every row verified,
    // every complete segment sealed.
    phase = performance.now();
    const sealed = await sealSegments(db, keys, () => new Date());
    const sealingMs = performance.now() - phase;
    if (sealed.blocked) throw new Error(`sealing stopped: ${JSON.stringify(sealed.blocked)}`);
    log(`  ${sealed.sealed} segments sealed in ${(sealingMs / 1000).toFixed(1)} s`);

    // The last passed check a day's work ago: the recent check covers DAY_ROWS rows.
    const checkedSeq = Math.max(0, audit - DAY_ROWS);
    const checked = checkedSeq > 0 ? (await readAuditRows(db, checkedSeq - 1, 1))[0] : undefined;
    const head = checked?.hash ?? GENESIS_HASH;
    await db.transaction((tx) =>
      insertAuditCheck(tx, {
        seq: checkedSeq,
        head,
        scope: 'full',
        mac: checkMac(keys, checkedSeq, head, 'full'),
        checkedAt: new Date().toISOString(),
      }),
    );

    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return { sealingMs };
  } finally {
    await db.close();
  }
}

export function fileSizeOf(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // absent: the WAL is removed when the last connection closes
    }
  }
  return total;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseSizeArgs(process.argv.slice(2));
  const result = await ensureDatabase(options);
  console.log(
    `${result.residents} residents, ${result.audit} audit rows: ${result.dbPath} ` +
      `(${(fileSizeOf(result.dbPath) / 2 ** 20).toFixed(0)} MiB)`,
  );
}
