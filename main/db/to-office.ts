// Copying one counter's sqlite file into an empty office database: every row, counted, keys resealed.
import type { Db, SqlValue, Tx } from './connection';
import { DbError } from './errors';
import type { KeyProtector } from './key-protector';
import { MyNumberCipher } from './my-number-crypto';
import type { RecoveryKeys } from './recovery-package';
import { listWrappedDataKeys } from './repositories/data-keys';
import { firstStoredMyNumber } from './repositories/residents';
import { schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';

/**
 * Every table, parents before the tables that refer to them. A table of the file not named here
 * (a later migration's) stops the copy, so that nothing is left behind without a word.
 */
export const OFFICE_COPY_ORDER = [
  'meta',
  'data_keys',
  'operators',
  'residents',
  'card_applications',
  'cards',
  'certificates',
  'procedures',
  'procedure_journal',
  'approvals',
  'suspensions',
  'revocations',
  'reissues',
  'fees',
  'uncollected_destructions',
  'authority_certificates',
  'authority_crl_numbers',
  'audit_log',
  'audit_chain',
  'audit_seals',
  'audit_checks',
  'approval_tries',
  'practice_trainees',
  'scenario_assignments',
  'scenario_runs',
] as const;

/**
 * Every data key of the file sealed under the office key. The package must hold each one, and its
 * 個人番号 key must read the file's stored numbers: another counter's package is refused here.
 */
async function sealedUnderOfficeKey(
  source: Db,
  keys: OfficeCopyKeys,
): Promise<Map<string, Buffer>> {
  const sealed = new Map<string, Buffer>();
  for (const { purpose } of await listWrappedDataKeys(source)) {
    const clear = keys.counterKeys.dataKeys[purpose];
    if (!clear) throw new OfficeCopyError(`the recovery package lacks the ${purpose} key`);
    sealed.set(purpose, keys.officeKey.protect(clear));
  }
  const sample = await firstStoredMyNumber(source);
  const key = keys.counterKeys.dataKeys['my-number'];
  if (sample && key) {
    const cipher = new MyNumberCipher(key);
    let matches = false;
    try {
      matches = cipher.lookupHmac(cipher.decrypt(sample.enc)).equals(sample.hmac);
    } catch {
      // Not this file's key: told below.
    }
    if (!matches) throw new OfficeCopyError('the recovery package is not this file’s');
  }
  return sealed;
}

/** The meta row that says the office database received a counter's file (and refuses a second). */
export const IMPORTED_META_KEY = 'imported_from';

export class OfficeCopyError extends DbError {
  override readonly name = 'OfficeCopyError';
  constructor(message: string) {
    super('office-copy-refused', message);
  }
}

export interface OfficeCopyReport {
  readonly rows: Readonly<Record<string, number>>;
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
}

const BATCH = 400;

async function count(q: Pick<Db, 'get'> | Tx, table: string): Promise<number> {
  return (await q.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
}

async function auditHead(q: Pick<Db, 'get'> | Tx): Promise<OfficeCopyReport['auditHead']> {
  const r = await q.get<{ seq: number; hash: Buffer }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  return r ? { seq: r.seq, hash: Buffer.from(r.hash).toString('hex') } : null;
}

/**
 * The counter's data keys in clear (its recovery package) and the office key that seals them in
 * the office database, where every counter of the office opens them.
 */
export interface OfficeCopyKeys {
  readonly counterKeys: RecoveryKeys;
  readonly officeKey: KeyProtector;
}

/**
 * Copies `source` (a counter's file, at the latest schema) into `target` (the office database,
 * migrated, with no operator, resident or audit row yet) in one transaction: rows with their ids,
 * the audit rows with their hashes, each data key sealed anew under the office key. Counts are
 * compared before the commit, the 個人番号 key must read a stored number of the file, and the
 * audit chain's last row must be the same on both sides; anything else rolls the copy back whole.
 */
export async function copyCounterToOffice(
  source: Db,
  target: Db,
  label: string,
  keys: OfficeCopyKeys,
  now: () => Date = () => new Date(),
): Promise<OfficeCopyReport> {
  if (target.dialect !== 'postgres')
    throw new OfficeCopyError('the target is not the office database');
  const version = await schemaVersion(source);
  if (version !== LATEST_SCHEMA_VERSION) {
    throw new OfficeCopyError(
      `the file is at schema ${version}, not ${LATEST_SCHEMA_VERSION}: open it once with this version of the app first`,
    );
  }
  const tables = await source.all<{ name: string }>(
    `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const unknown = tables
    .map((t) => t.name)
    .filter((n) => !(OFFICE_COPY_ORDER as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new OfficeCopyError(`tables this copy does not know: ${unknown.join(', ')}`);

  const sealed = await sealedUnderOfficeKey(source, keys);

  const sourceCounts: Record<string, number> = {};
  for (const t of OFFICE_COPY_ORDER) sourceCounts[t] = await count(source, t);
  const sourceHead = await auditHead(source);

  return target.transaction(async (tx) => {
    const done = await tx.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [
      IMPORTED_META_KEY,
    ]);
    if (done)
      throw new OfficeCopyError(
        `the office database already received a counter's file: ${done.value}`,
      );
    for (const t of ['operators', 'residents', 'audit_log']) {
      if ((await count(tx, t)) > 0) {
        throw new OfficeCopyError(
          `the office database is not empty (${t}): a file is copied into an empty one only`,
        );
      }
    }
    // The office database's own meta rows (its mode, the app version that opened it) stay.
    const keep = new Set((await tx.all<{ key: string }>('SELECT key FROM meta')).map((r) => r.key));
    for (const table of OFFICE_COPY_ORDER) {
      // The migration's starting CRL numbers give way to the counter's: its CRLs go on numbering.
      if (table === 'authority_crl_numbers') await tx.run('DELETE FROM authority_crl_numbers');
      const rows = await source.all<Record<string, SqlValue>>(
        `SELECT * FROM ${table} ORDER BY rowid`,
      );
      const wanted =
        table === 'meta'
          ? rows.filter((r) => !keep.has(String(r.key)))
          : table === 'data_keys'
            ? rows.map((r): Record<string, SqlValue> => ({
                ...r,
                wrapped: sealed.get(String(r.purpose))!,
              }))
            : rows;
      for (let i = 0; i < wanted.length; i += BATCH) {
        const batch = wanted.slice(i, i + BATCH);
        const columns = Object.keys(batch[0]!);
        const one = `(${columns.map(() => '?').join(', ')})`;
        await tx.run(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`,
          batch.flatMap((r) => columns.map((c) => r[c] ?? null)),
        );
      }
      if (table === 'meta') continue;
      const copied = await count(tx, table);
      if (copied !== sourceCounts[table]) {
        throw new OfficeCopyError(
          `${table}: ${copied} rows in the office database, ${sourceCounts[table]} in the file`,
        );
      }
    }
    // Ids the file gave are taken: new rows continue after them.
    const identities = await tx.all<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`,
    );
    for (const { t } of identities) {
      await tx.get(
        `SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`,
        [t],
      );
    }
    const head = await auditHead(tx);
    if (JSON.stringify(head) !== JSON.stringify(sourceHead)) {
      throw new OfficeCopyError('the audit chain’s last row differs after the copy');
    }
    await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', [
      IMPORTED_META_KEY,
      JSON.stringify({ file: label, at: now().toISOString(), auditHead: head }),
    ]);
    return { rows: sourceCounts, auditHead: head };
  });
}
