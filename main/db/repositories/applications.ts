// SQL of card applications, found by the number on the 交付通知書.
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import type { Queryable, Tx } from '../connection';
import { DuplicateRecordError, InvalidTransitionError, RecordNotFoundError } from '../errors';

export type ApplicationStatus = 'pending' | 'ready' | 'issued' | 'cancelled';
export type ApplicationKind = 'new' | 'reissue';

export interface CardApplication {
  readonly id: number;
  readonly noticeNumber: string;
  readonly residentId: number;
  readonly kind: ApplicationKind;
  readonly status: ApplicationStatus;
  readonly createdAt: string;
  readonly statusChangedAt: string;
}

interface Row {
  id: number;
  notice_number: string;
  resident_id: number;
  kind: ApplicationKind;
  status: ApplicationStatus;
  created_at: string;
  status_changed_at: string;
}

const COLUMNS = 'id, notice_number, resident_id, kind, status, created_at, status_changed_at';

function toApplication(r: Row): CardApplication {
  return {
    id: r.id,
    noticeNumber: r.notice_number,
    residentId: r.resident_id,
    kind: r.kind,
    status: r.status,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
  };
}

// pending: waiting for its card; ready: the card is in stock; issued: handed over.
const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  pending: ['ready', 'cancelled'],
  ready: ['issued', 'cancelled'],
  issued: [],
  cancelled: [],
};

export async function createApplication(
  tx: Tx,
  a: {
    readonly noticeNumber: string;
    readonly residentId: number;
    readonly kind?: ApplicationKind;
  },
  clock?: Clock,
): Promise<number> {
  const now = isoNow(clock);
  try {
    const res = await tx.run(
      `INSERT INTO card_applications (notice_number, resident_id, kind, status, created_at, status_changed_at)
       VALUES (?, ?, ?, 'pending', ?, ?)`,
      [a.noticeNumber.normalize('NFKC').trim(), a.residentId, a.kind ?? 'new', now, now],
    );
    return res.lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('card application');
    throw err;
  }
}

export async function getApplication(q: Queryable, id: number): Promise<CardApplication> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM card_applications WHERE id = ?`, [id]);
  if (!row) throw new RecordNotFoundError('card application', id);
  return toApplication(row);
}

export async function findApplicationByNotice(
  q: Queryable,
  noticeNumber: string,
): Promise<CardApplication | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM card_applications WHERE notice_number = ?`, [
    noticeNumber.normalize('NFKC').trim(),
  ]);
  return row ? toApplication(row) : undefined;
}

/** How many notice numbers start with `prefix` (its % and _ taken literally; ASCII case ignored). */
export async function countApplicationsWithNoticePrefix(
  q: Queryable,
  prefix: string,
): Promise<number> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const row = await q.get<{ n: number }>(
    `SELECT count(*) AS n FROM card_applications WHERE notice_number LIKE ? ESCAPE '\\'`,
    [pattern],
  );
  return row?.n ?? 0;
}

export async function listApplicationsOfResident(
  q: Queryable,
  residentId: number,
): Promise<CardApplication[]> {
  const rows = await q.all<Row>(
    `SELECT ${COLUMNS} FROM card_applications WHERE resident_id = ? ORDER BY id`,
    [residentId],
  );
  return rows.map(toApplication);
}

export async function setApplicationStatus(
  tx: Tx,
  id: number,
  to: ApplicationStatus,
  clock?: Clock,
): Promise<void> {
  const current = await getApplication(tx, id);
  if (!NEXT[current.status].includes(to)) {
    throw new InvalidTransitionError('card application', current.status, to);
  }
  await tx.run(
    'UPDATE card_applications SET status = ?, status_changed_at = ? WHERE id = ? AND status = ?',
    [to, isoNow(clock), id, current.status],
  );
}

/**
 * Applications whose card is in stock and not yet handed over (ready, card received or prepared),
 * in the order they were recorded: the practice data's own order, its first case first.
 */
export async function listIssuableApplications(q: Queryable): Promise<CardApplication[]> {
  const rows = await q.all<Row>(
    `SELECT ${COLUMNS} FROM card_applications a
      WHERE a.status = 'ready'
        AND EXISTS (SELECT 1 FROM cards c WHERE c.application_id = a.id
                                            AND c.state IN ('received', 'prepared'))
      ORDER BY a.id`,
  );
  return rows.map(toApplication);
}
