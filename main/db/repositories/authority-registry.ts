// SQL of the local authority's registry: every certificate it signed (serial, status, reason) and
// the last CRL number of each CA. Plain SQL that sqlite and PostgreSQL both run.
import type { Queryable, Tx } from '../connection';
import { RecordNotFoundError } from '../errors';

export type AuthorityKeyKind = 'signing' | 'auth';
export type AuthorityCertificateStatus = 'reserved' | 'good' | 'on-hold' | 'revoked';

/** One signed certificate as the authority remembers it; serials are upper-case hex. */
export interface AuthorityCertificateRow {
  readonly serial: string;
  readonly kind: AuthorityKeyKind;
  readonly subjectId: string;
  readonly cardSerial: string | null;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  readonly status: AuthorityCertificateStatus;
  readonly heldAt: string | null;
  readonly revokedAt: string | null;
  /** The CRL reason (rules/reasons.ts) once revoked. */
  readonly reason: string | null;
}

interface Row {
  serial: string;
  kind: AuthorityKeyKind;
  subject_id: string;
  card_serial: string | null;
  not_before: string;
  not_after: string;
  issued_at: string;
  status: AuthorityCertificateStatus;
  held_at: string | null;
  revoked_at: string | null;
  reason: string | null;
}

const COLUMNS =
  'serial, kind, subject_id, card_serial, not_before, not_after, issued_at, status, held_at, revoked_at, reason';

function toRecord(r: Row): AuthorityCertificateRow {
  return {
    serial: r.serial,
    kind: r.kind,
    subjectId: r.subject_id,
    cardSerial: r.card_serial,
    notBefore: r.not_before,
    notAfter: r.not_after,
    issuedAt: r.issued_at,
    status: r.status,
    heldAt: r.held_at,
    revokedAt: r.revoked_at,
    reason: r.reason,
  };
}

export async function insertAuthorityCertificate(
  tx: Tx,
  c: AuthorityCertificateRow,
): Promise<void> {
  await tx.run(
    `INSERT INTO authority_certificates (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      c.serial,
      c.kind,
      c.subjectId,
      c.cardSerial,
      c.notBefore,
      c.notAfter,
      c.issuedAt,
      c.status,
      c.heldAt,
      c.revokedAt,
      c.reason,
    ],
  );
}

export async function findAuthorityCertificate(
  q: Queryable,
  serial: string,
): Promise<AuthorityCertificateRow | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM authority_certificates WHERE serial = ?`, [
    serial,
  ]);
  return row ? toRecord(row) : undefined;
}

/** Writes the status fields of an existing record; the identity fields never change. */
export async function updateAuthorityCertificateStatus(
  tx: Tx,
  c: Pick<AuthorityCertificateRow, 'serial' | 'status' | 'heldAt' | 'revokedAt' | 'reason'>,
): Promise<void> {
  const res = await tx.run(
    `UPDATE authority_certificates SET status = ?, held_at = ?, revoked_at = ?, reason = ?
      WHERE serial = ?`,
    [c.status, c.heldAt, c.revokedAt, c.reason, c.serial],
  );
  if (res.changes !== 1) throw new RecordNotFoundError('authority certificate', c.serial);
}

/** Held and revoked certificates of one CA, oldest first: what its CRL lists. */
export async function listListedAuthorityCertificates(
  q: Queryable,
  kind: AuthorityKeyKind,
): Promise<AuthorityCertificateRow[]> {
  const rows = await q.all<Row>(
    `SELECT ${COLUMNS} FROM authority_certificates
      WHERE kind = ? AND status IN ('on-hold', 'revoked') ORDER BY issued_at, serial`,
    [kind],
  );
  return rows.map(toRecord);
}

export async function countAuthorityCertificates(q: Queryable): Promise<number> {
  const row = await q.get<{ n: number }>(`SELECT count(*) AS n FROM authority_certificates`);
  return Number(row?.n ?? 0);
}

/** The next CRL number of `kind`'s CA, counted in the transaction: never given twice. */
export async function nextAuthorityCrlNumber(tx: Tx, kind: AuthorityKeyKind): Promise<number> {
  await tx.run(`UPDATE authority_crl_numbers SET last_number = last_number + 1 WHERE kind = ?`, [
    kind,
  ]);
  const row = await tx.get<{ last_number: number }>(
    `SELECT last_number FROM authority_crl_numbers WHERE kind = ?`,
    [kind],
  );
  if (!row) throw new RecordNotFoundError('authority CRL number', kind);
  return Number(row.last_number);
}

export async function authorityCrlNumbers(q: Queryable): Promise<Record<AuthorityKeyKind, number>> {
  const rows = await q.all<{ kind: AuthorityKeyKind; last_number: number }>(
    `SELECT kind, last_number FROM authority_crl_numbers`,
  );
  const out: Record<AuthorityKeyKind, number> = { signing: 0, auth: 0 };
  for (const r of rows) out[r.kind] = Number(r.last_number);
  return out;
}

/** Raises a CA's last CRL number to at least `atLeast` (an imported registry's). */
export async function raiseAuthorityCrlNumber(
  tx: Tx,
  kind: AuthorityKeyKind,
  atLeast: number,
): Promise<void> {
  await tx.run(
    `UPDATE authority_crl_numbers SET last_number = ? WHERE kind = ? AND last_number < ?`,
    [atLeast, kind, atLeast],
  );
}

/**
 * The counter recorded these certificates (inside the transaction that journals the issue): their
 * reservation ends. Serials the authority does not hold (another authority's) change nothing.
 */
export async function confirmAuthorityCertificates(
  tx: Tx,
  serials: readonly string[],
): Promise<number> {
  let confirmed = 0;
  for (const serial of serials) {
    const res = await tx.run(
      `UPDATE authority_certificates SET status = 'good' WHERE serial = ? AND status = 'reserved'`,
      [serial.toUpperCase()],
    );
    confirmed += res.changes;
  }
  return confirmed;
}

/**
 * Certificates signed before `before` and never recorded by the counter (the process stopped
 * between the two): revoked as superseded at `now`, so they stay listed and their serials kept.
 */
export async function revokeUnconfirmedAuthorityCertificates(
  tx: Tx,
  before: string,
  now: string,
): Promise<string[]> {
  const rows = await tx.all<{ serial: string }>(
    `SELECT serial FROM authority_certificates WHERE status = 'reserved' AND issued_at < ?
      ORDER BY serial`,
    [before],
  );
  for (const { serial } of rows) {
    await tx.run(
      `UPDATE authority_certificates SET status = 'revoked', revoked_at = ?, reason = 'superseded'
        WHERE serial = ? AND status = 'reserved'`,
      [now, serial],
    );
  }
  return rows.map((r) => r.serial);
}
