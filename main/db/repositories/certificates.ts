// SQL of the certificates on a card: issued → on hold → revoked / expired; a hold is never lifted.
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import type { Queryable, Tx } from '../connection';
import { InvalidTransitionError, RecordNotFoundError } from '../errors';

export type CertificateKind = 'signing' | 'auth';
export type CertificateStatus = 'issued' | 'on_hold' | 'revoked' | 'expired';

export interface Certificate {
  readonly id: number;
  readonly cardId: number;
  readonly kind: CertificateKind;
  /** Hex serial as the authority issued it; unique per kind (each kind has its own CA). */
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly status: CertificateStatus;
  /** The CRL reason (keyCompromise, cessationOfOperation, …) once revoked. */
  readonly revocationReason: string | null;
  readonly statusChangedAt: string;
}

// docs/procedures.md: after a release the held certificates are revoked and new ones issued.
const NEXT: Record<CertificateStatus, readonly CertificateStatus[]> = {
  issued: ['on_hold', 'revoked', 'expired'],
  on_hold: ['revoked', 'expired'],
  revoked: [],
  expired: [],
};

interface Row {
  id: number;
  card_id: number;
  kind: CertificateKind;
  serial: string;
  not_before: string;
  not_after: string;
  status: CertificateStatus;
  revocation_reason: string | null;
  status_changed_at: string;
}

const COLUMNS =
  'id, card_id, kind, serial, not_before, not_after, status, revocation_reason, status_changed_at';

function toCertificate(r: Row): Certificate {
  return {
    id: r.id,
    cardId: r.card_id,
    kind: r.kind,
    serial: r.serial,
    notBefore: r.not_before,
    notAfter: r.not_after,
    status: r.status,
    revocationReason: r.revocation_reason,
    statusChangedAt: r.status_changed_at,
  };
}

export async function addCertificate(
  tx: Tx,
  c: {
    readonly cardId: number;
    readonly kind: CertificateKind;
    readonly serial: string;
    readonly notBefore: string;
    readonly notAfter: string;
  },
  clock?: Clock,
): Promise<number> {
  const res = await tx.run(
    `INSERT INTO certificates (card_id, kind, serial, not_before, not_after, status, status_changed_at)
     VALUES (?, ?, ?, ?, ?, 'issued', ?)`,
    [c.cardId, c.kind, c.serial.toLowerCase(), c.notBefore, c.notAfter, isoNow(clock)],
  );
  return res.lastId;
}

export async function getCertificate(q: Queryable, id: number): Promise<Certificate> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM certificates WHERE id = ?`, [id]);
  if (!row) throw new RecordNotFoundError('certificate', id);
  return toCertificate(row);
}

export async function findCertificateBySerial(
  q: Queryable,
  kind: CertificateKind,
  serial: string,
): Promise<Certificate | undefined> {
  const row = await q.get<Row>(
    `SELECT ${COLUMNS} FROM certificates WHERE kind = ? AND serial = ?`,
    [kind, serial.toLowerCase()],
  );
  return row ? toCertificate(row) : undefined;
}

export async function listCertificatesOfCard(q: Queryable, cardId: number): Promise<Certificate[]> {
  const rows = await q.all<Row>(
    `SELECT ${COLUMNS} FROM certificates WHERE card_id = ? ORDER BY id`,
    [cardId],
  );
  return rows.map(toCertificate);
}

export async function setCertificateStatus(
  tx: Tx,
  id: number,
  to: Exclude<CertificateStatus, 'issued'>,
  revocationReason: string | null = null,
  clock?: Clock,
): Promise<void> {
  const cert = await getCertificate(tx, id);
  if (!NEXT[cert.status].includes(to)) {
    throw new InvalidTransitionError('certificate', cert.status, to);
  }
  if ((to === 'revoked') !== (revocationReason !== null)) {
    throw new Error('a revocation reason is required for, and only for, revoked');
  }
  await tx.run(
    `UPDATE certificates SET status = ?, revocation_reason = ?, status_changed_at = ?
      WHERE id = ? AND status = ?`,
    [to, revocationReason, isoNow(clock), id, cert.status],
  );
}
