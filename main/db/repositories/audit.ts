// SQL of the audit log. Rows are only ever inserted (triggers refuse UPDATE and DELETE).
import type { Queryable, Tx } from '../connection';

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly operatorId: number | null;
  readonly action: string;
  readonly residentId: number | null;
  readonly cardId: number | null;
  /** Canonical JSON text, exactly as hashed. */
  readonly details: string;
  readonly hash: Buffer;
}

interface RawAuditRow {
  seq: number;
  at: string;
  operator_id: number | null;
  action: string;
  resident_id: number | null;
  card_id: number | null;
  details: string;
  hash: Buffer;
}

function toRow(r: RawAuditRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    operatorId: r.operator_id,
    action: r.action,
    residentId: r.resident_id,
    cardId: r.card_id,
    details: r.details,
    hash: r.hash,
  };
}

export async function lastAuditRow(
  q: Queryable,
): Promise<{ seq: number; hash: Buffer } | undefined> {
  return q.get<{ seq: number; hash: Buffer }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
}

export async function appendAuditRow(tx: Tx, row: AuditRow): Promise<void> {
  await tx.run(
    `INSERT INTO audit_log (seq, at, operator_id, action, resident_id, card_id, details, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.seq,
      row.at,
      row.operatorId,
      row.action,
      row.residentId,
      row.cardId,
      row.details,
      row.hash,
    ],
  );
}

/** Rows with seq greater than `afterSeq`, in order: the verifier pages through the log. */
export async function readAuditRows(
  q: Queryable,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await q.all<RawAuditRow>(
    `SELECT seq, at, operator_id, action, resident_id, card_id, details, hash
       FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
    [afterSeq, limit],
  );
  return rows.map(toRow);
}

export interface AuditFilter {
  readonly operatorId?: number;
  readonly residentId?: number;
  readonly cardId?: number;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Newest first, for the administrator's audit screen. */
export async function searchAudit(
  q: Queryable,
  filter: AuditFilter,
  page = 1,
  pageSize = 50,
): Promise<{ items: AuditRow[]; total: number; page: number; pageSize: number }> {
  const conditions: [string, string | number | undefined][] = [
    ['operator_id = ?', filter.operatorId],
    ['resident_id = ?', filter.residentId],
    ['card_id = ?', filter.cardId],
    ['action = ?', filter.action],
    ['at >= ?', filter.from],
    ['at < ?', filter.to],
  ];
  const used = conditions.filter((c): c is [string, string | number] => c[1] !== undefined);
  const where = used.map((c) => c[0]);
  const params = used.map((c) => c[1]);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const size = Math.min(Math.max(1, Math.floor(pageSize)), 500);
  const p = Math.max(1, Math.floor(page));
  const total =
    (await q.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${clause}`, params))?.n ?? 0;
  const rows = await q.all<RawAuditRow>(
    `SELECT seq, at, operator_id, action, resident_id, card_id, details, hash
       FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    [...params, size, (p - 1) * size],
  );
  return { items: rows.map(toRow), total, page: p, pageSize: size };
}

/** The newest row's number and time (the preflight's clock check); undefined for an empty log. */
export async function lastAuditRowAt(
  q: Queryable,
): Promise<{ seq: number; at: string } | undefined> {
  return q.get<{ seq: number; at: string }>(
    'SELECT seq, at FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
}
