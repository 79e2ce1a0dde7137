// SQL of the cards nobody collects: those in stock with their notices' days, the reminder, and
// the destruction of one with its supervisor's approval.
import { isoNow, type Clock } from '../clock';
import type { Queryable, Tx } from '../connection';
import type { TimeWindow } from './reports';

export interface UncollectedCardRow {
  readonly cardId: number;
  readonly serial: string;
  readonly residentId: number;
  readonly residentName: string;
  readonly applicationId: number;
  readonly noticeNumber: string;
  /** ISO time the 交付通知書 went out; the card's arrival when not recorded. */
  readonly noticeSentAt: string;
  readonly reminderSentAt: string | null;
}

interface Row {
  card_id: number;
  serial: string;
  resident_id: number;
  kanji_name: string;
  application_id: number;
  notice_number: string;
  notice_sent_at: string;
  reminder_sent_at: string | null;
}

const SELECT = `SELECT c.id AS card_id, c.serial, c.resident_id, r.kanji_name, a.id AS application_id,
        a.notice_number, COALESCE(c.notice_sent_at, c.received_at) AS notice_sent_at, c.reminder_sent_at
   FROM cards c
   JOIN card_applications a ON a.id = c.application_id
   JOIN residents r ON r.id = c.resident_id
  WHERE c.state IN ('received', 'prepared') AND c.destroyed_at IS NULL AND a.status = 'ready'`;

function toRow(r: Row): UncollectedCardRow {
  return {
    cardId: r.card_id,
    serial: r.serial,
    residentId: r.resident_id,
    residentName: r.kanji_name,
    applicationId: r.application_id,
    noticeNumber: r.notice_number,
    noticeSentAt: r.notice_sent_at,
    reminderSentAt: r.reminder_sent_at,
  };
}

/** Cards in stock waiting for their resident, oldest notice first. */
export async function listUncollectedCards(q: Queryable): Promise<UncollectedCardRow[]> {
  const rows = await q.all<Row>(`${SELECT} ORDER BY notice_sent_at, c.id`);
  return rows.map(toRow);
}

/** One card waiting for its resident; undefined when it is not one (issued, destroyed, …). */
export async function findUncollectedCard(
  q: Queryable,
  cardId: number,
): Promise<UncollectedCardRow | undefined> {
  const r = await q.get<Row>(`${SELECT} AND c.id = ?`, [cardId]);
  return r ? toRow(r) : undefined;
}

/** The 交付通知書 went out (the card arrived and the notice was mailed). */
export async function setNoticeSent(tx: Tx, cardId: number, at: string): Promise<void> {
  await tx.run('UPDATE cards SET notice_sent_at = ? WHERE id = ?', [at, cardId]);
}

/** The reminder (督促) went out; only the first one counts for the destruction's day. */
export async function setReminderSent(tx: Tx, cardId: number, clock?: Clock): Promise<void> {
  await tx.run('UPDATE cards SET reminder_sent_at = COALESCE(reminder_sent_at, ?) WHERE id = ?', [
    isoNow(clock),
    cardId,
  ]);
}

/**
 * The card destroyed uncollected: its destruction row with the approval, the card's destroyed
 * day, and its application cancelled, in the caller's transaction.
 */
export async function recordUncollectedDestruction(
  tx: Tx,
  d: {
    readonly cardId: number;
    readonly applicationId: number;
    readonly approvalId: number;
    readonly operatorId: number;
  },
  clock?: Clock,
): Promise<void> {
  const at = isoNow(clock);
  await tx.run(
    `INSERT INTO uncollected_destructions (card_id, approval_id, operator_id, destroyed_at)
     VALUES (?, ?, ?, ?)`,
    [d.cardId, d.approvalId, d.operatorId, at],
  );
  await tx.run('UPDATE cards SET destroyed_at = ? WHERE id = ?', [at, d.cardId]);
  await tx.run(
    `UPDATE card_applications SET status = 'cancelled', status_changed_at = ?
      WHERE id = ? AND status = 'ready'`,
    [at, d.applicationId],
  );
}

/** Whether an approval was already used for a destruction (each is used once). */
export async function isDestructionApprovalUsed(
  q: Queryable,
  approvalId: number,
): Promise<boolean> {
  return (
    (await q.get('SELECT 1 AS one FROM uncollected_destructions WHERE approval_id = ?', [
      approvalId,
    ])) !== undefined
  );
}

/** Uncollected cards destroyed inside the window (the 日報). */
export async function countUncollectedDestroyed(q: Queryable, w: TimeWindow): Promise<number> {
  const r = await q.get<{ n: number }>(
    'SELECT count(*) AS n FROM uncollected_destructions WHERE destroyed_at >= ? AND destroyed_at < ?',
    [w.start, w.end],
  );
  return r?.n ?? 0;
}
