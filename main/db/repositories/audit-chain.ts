// SQL of the audit chain's keyed start, seals and checks, and of the triggers that guard the log.
import type { Queryable, Tx } from '../connection';
import { inIntegerList } from '../dialect';

/** Where the keyed chain starts: the row of migration 6's audit_chain table. */
export interface AuditStartRow {
  readonly keyedFromSeq: number;
  /** The hash of row keyedFromSeq - 1 (32 zero bytes when the keyed chain starts at row 1). */
  readonly prefixHead: Buffer;
  readonly keyId: string;
  readonly mac: Buffer;
  readonly createdAt: string;
}

export async function readAuditStart(q: Queryable): Promise<AuditStartRow | undefined> {
  const r = await q.get<{
    keyed_from_seq: number;
    prefix_head: Buffer;
    key_id: string;
    mac: Buffer;
    created_at: string;
  }>('SELECT keyed_from_seq, prefix_head, key_id, mac, created_at FROM audit_chain WHERE id = 1');
  return r
    ? {
        keyedFromSeq: r.keyed_from_seq,
        prefixHead: r.prefix_head,
        keyId: r.key_id,
        mac: r.mac,
        createdAt: r.created_at,
      }
    : undefined;
}

export async function insertAuditStart(tx: Tx, row: AuditStartRow): Promise<void> {
  await tx.run(
    `INSERT INTO audit_chain (id, keyed_from_seq, prefix_head, key_id, mac, created_at)
     VALUES (1, ?, ?, ?, ?, ?)`,
    [row.keyedFromSeq, row.prefixHead, row.keyId, row.mac, row.createdAt],
  );
}

export interface AuditSealRow {
  readonly seqFrom: number;
  readonly seqTo: number;
  readonly mac: Buffer;
  readonly sealedAt: string;
}

interface RawSeal {
  seq_from: number;
  seq_to: number;
  mac: Buffer;
  sealed_at: string;
}

const toSeal = (r: RawSeal): AuditSealRow => ({
  seqFrom: r.seq_from,
  seqTo: r.seq_to,
  mac: r.mac,
  sealedAt: r.sealed_at,
});

export async function lastAuditSeal(q: Queryable): Promise<AuditSealRow | undefined> {
  const r = await q.get<RawSeal>(
    'SELECT seq_from, seq_to, mac, sealed_at FROM audit_seals ORDER BY seq_to DESC LIMIT 1',
  );
  return r ? toSeal(r) : undefined;
}

/** Seals ending at or after `fromSeqTo`, in order (all of them by default). */
export async function listAuditSeals(q: Queryable, fromSeqTo = 0): Promise<AuditSealRow[]> {
  const rows = await q.all<RawSeal>(
    'SELECT seq_from, seq_to, mac, sealed_at FROM audit_seals WHERE seq_to >= ? ORDER BY seq_to',
    [fromSeqTo],
  );
  return rows.map(toSeal);
}

export async function insertAuditSeal(tx: Tx, seal: AuditSealRow): Promise<void> {
  await tx.run('INSERT INTO audit_seals (seq_from, seq_to, mac, sealed_at) VALUES (?, ?, ?, ?)', [
    seal.seqFrom,
    seal.seqTo,
    seal.mac,
    seal.sealedAt,
  ]);
}

/**
 * The bytes a seal covers, built by sqlite in one value so that a segment crosses into JS as one
 * buffer rather than a thousand objects: per row, its 32-byte hash, then one printf of its columns
 * (each text column quoted by %Q after its length in bytes, each nullable integer by %Q, so that no
 * two different rows give the same bytes: %Q stops at a NUL byte, the length does not), rows
 * joined by a line feed, in seq order. main/audit/audit-seal.ts builds the same bytes from rows.
 * Null when the range holds no row.
 */
export async function auditSegmentBytes(
  q: Queryable,
  seqFrom: number,
  seqTo: number,
): Promise<Buffer | null> {
  if (q.dialect === 'postgres') {
    const r = await q.get<{ bytes: Buffer | null }>(PG_SEGMENT_BYTES, [seqFrom, seqTo]);
    return r?.bytes ?? null;
  }
  // The ORDER BY in the subquery keeps sqlite from flattening it: the rows reach group_concat in
  // seq order, with no sort (the scan is in rowid order already). One printf per row costs about
  // two thirds of quote() on every column: this query is most of a full verification's time.
  const r = await q.get<{ bytes: Buffer | null }>(
    `SELECT CAST(group_concat(line, char(10)) AS BLOB) AS bytes FROM (
       SELECT hash || printf('%d,%d%Q,%Q,%d%Q,%Q,%Q,%d%Q', seq, octet_length(at), at, operator_id,
                             octet_length(action), action, resident_id, card_id,
                             octet_length(details), details) AS line
         FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq)`,
    [seqFrom, seqTo],
  );
  return r?.bytes ?? null;
}

/** printf's %Q in PostgreSQL: NULL bare, anything else in single quotes with quotes doubled. */
const pgQuoted = (expr: string): string =>
  `CASE WHEN ${expr} IS NULL THEN 'NULL' ELSE '''' || replace(${expr}::text, '''', '''''') || '''' END`;

/** The same bytes as the sqlite query of auditSegmentBytes, built by PostgreSQL. */
const PG_SEGMENT_BYTES = `SELECT string_agg(hash || convert_to(
      seq::text || ',' || octet_length(at) || ${pgQuoted('at')} || ',' || ${pgQuoted('operator_id')}
      || ',' || octet_length(action) || ${pgQuoted('action')} || ',' || ${pgQuoted('resident_id')}
      || ',' || ${pgQuoted('card_id')} || ',' || octet_length(details) || ${pgQuoted('details')},
      'UTF8'), decode('0a', 'hex') ORDER BY seq) AS bytes
    FROM audit_log WHERE seq BETWEEN ? AND ?`;

export interface AuditCheckRow {
  readonly id: number;
  readonly seq: number;
  readonly head: Buffer;
  readonly scope: 'recent' | 'full';
  readonly mac: Buffer;
  readonly checkedAt: string;
}

interface RawCheck {
  id: number;
  seq: number;
  head: Buffer;
  scope: 'recent' | 'full';
  mac: Buffer;
  checked_at: string;
}

const toCheck = (r: RawCheck): AuditCheckRow => ({
  id: r.id,
  seq: r.seq,
  head: r.head,
  scope: r.scope,
  mac: r.mac,
  checkedAt: r.checked_at,
});

/** Every recorded verification, oldest first. */
export async function listAuditChecks(q: Queryable): Promise<AuditCheckRow[]> {
  const rows = await q.all<RawCheck>(
    'SELECT id, seq, head, scope, mac, checked_at FROM audit_checks ORDER BY id',
  );
  return rows.map(toCheck);
}

export async function insertAuditCheck(tx: Tx, check: Omit<AuditCheckRow, 'id'>): Promise<void> {
  await tx.run(
    'INSERT INTO audit_checks (seq, head, scope, mac, checked_at) VALUES (?, ?, ?, ?, ?)',
    [check.seq, check.head, check.scope, check.mac, check.checkedAt],
  );
}

/** The stored hash of each given row that exists. */
export async function auditHashesAt(
  q: Queryable,
  seqs: readonly number[],
): Promise<Map<number, Buffer>> {
  const found = new Map<number, Buffer>();
  if (seqs.length === 0) return found;
  const among = inIntegerList(q, 'seq', [...new Set(seqs)]);
  const rows = await q.all<{ seq: number; hash: Buffer }>(
    `SELECT seq, hash FROM audit_log WHERE ${among.sql}`,
    [among.param],
  );
  for (const r of rows) found.set(r.seq, r.hash);
  return found;
}

/** The tables whose rows may only be added, and so carry the no-update and no-delete triggers. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_chain', 'audit_seals', 'audit_checks'];

export interface TriggerDefinition {
  readonly name: string;
  readonly table: string;
  /** As sqlite stores it, with every run of white space made one space. */
  readonly sql: string;
}

/** The append-only triggers exactly as migrations 3 and 6 create them. */
export const APPEND_ONLY_TRIGGERS: readonly TriggerDefinition[] = APPEND_ONLY_TABLES.flatMap(
  (table) =>
    (['update', 'delete'] as const).map((op) => ({
      name: `${table}_no_${op}`,
      table,
      sql:
        `CREATE TRIGGER ${table}_no_${op} BEFORE ${op.toUpperCase()} ON ${table} ` +
        `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    })),
);

export const normalizeSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/** The same trigger as PostgreSQL's migrations 3 and 6 make it, as pg_get_triggerdef prints it. */
function pgTriggerSql(t: TriggerDefinition): string {
  const op = t.name.endsWith('_no_update') ? 'UPDATE' : 'DELETE';
  return `CREATE TRIGGER ${t.name} BEFORE ${op} ON ${t.table} FOR EACH ROW EXECUTE FUNCTION append_only()`;
}

/**
 * Every trigger in the database, by name, with its SQL normalized as in APPEND_ONLY_TRIGGERS. On
 * PostgreSQL an append-only trigger that is enabled and exactly as its migration made it is given
 * as APPEND_ONLY_TRIGGERS has it; a disabled or changed one as PostgreSQL prints it.
 */
export async function listTriggers(q: Queryable): Promise<Map<string, string>> {
  if (q.dialect === 'postgres') {
    const rows = await q.all<{ name: string; sql: string; enabled: string }>(
      `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS sql, t.tgenabled AS enabled
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`,
    );
    return new Map(
      rows.map((r) => {
        const sql = normalizeSql(r.sql).replace(/ ON public\./, ' ON ');
        const known = APPEND_ONLY_TRIGGERS.find((t) => t.name === r.name);
        const intact = known && r.enabled === 'O' && sql === pgTriggerSql(known);
        return [r.name, intact ? known.sql : `${sql}${r.enabled === 'D' ? ' (disabled)' : ''}`];
      }),
    );
  }
  const rows = await q.all<{ name: string; sql: string | null }>(
    `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`,
  );
  return new Map(rows.map((r) => [r.name, normalizeSql(r.sql ?? '')]));
}

/** Puts the given append-only triggers back as the migrations made them (a changed one is replaced). */
export async function restoreTriggers(
  tx: Tx,
  triggers: readonly TriggerDefinition[],
): Promise<void> {
  for (const t of triggers) {
    if (!APPEND_ONLY_TRIGGERS.some((d) => d.name === t.name && d.sql === t.sql)) {
      throw new Error(`not an append-only trigger: ${t.name}`);
    }
    const sql = tx.dialect === 'postgres' ? pgTriggerSql(t) : t.sql;
    const on = tx.dialect === 'postgres' ? ` ON ${t.table}` : '';
    await tx.exec(`DROP TRIGGER IF EXISTS ${t.name}${on}; ${sql};`);
  }
}

export interface AuditAlarmRows {
  /** The last 'audit.check-failed' row, with its details. */
  readonly failed: { readonly seq: number; readonly at: string; readonly details: string } | null;
  /** The seq of the last 'audit.alarm-acknowledged' row, or 0. */
  readonly acknowledgedSeq: number;
}

export async function latestAuditAlarmRows(q: Queryable): Promise<AuditAlarmRows> {
  const failed = await q.get<{ seq: number; at: string; details: string }>(
    `SELECT seq, at, details FROM audit_log WHERE action = 'audit.check-failed'
      ORDER BY seq DESC LIMIT 1`,
  );
  const ack = await q.get<{ seq: number }>(
    `SELECT seq FROM audit_log WHERE action = 'audit.alarm-acknowledged' ORDER BY seq DESC LIMIT 1`,
  );
  return { failed: failed ?? null, acknowledgedSeq: ack?.seq ?? 0 };
}

/** True once the file's audit chain has a key or a keyed start: from then on rows need the key. */
export async function isAuditChainKeyed(q: Queryable): Promise<boolean> {
  const r = await q.get<{ keyed: number }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_chain)
                      OR EXISTS (SELECT 1 FROM data_keys WHERE purpose = 'audit-chain')
                 THEN 1 ELSE 0 END AS keyed`,
  );
  return r?.keyed === 1;
}
