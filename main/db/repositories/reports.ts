// SQL of the 日報's figures: procedures by kind and outcome, fees, card stock, in a time window.
import type { Queryable } from '../connection';
import type { ProcedureKind } from './journal';

/** [start, end) as stored timestamps (ISO 8601 UTC). */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

async function count(q: Queryable, sql: string, params: (string | number)[]): Promise<number> {
  return (await q.get<{ n: number }>(sql, params))?.n ?? 0;
}

/** Procedures of `kind` that ended with `status` inside the window. */
export function countProceduresEnded(
  q: Queryable,
  kind: ProcedureKind,
  status: 'completed' | 'cancelled',
  w: TimeWindow,
): Promise<number> {
  return count(
    q,
    `SELECT count(*) AS n FROM procedures WHERE kind = ? AND status = ? AND ended_at >= ? AND ended_at < ?`,
    [kind, status, w.start, w.end],
  );
}

/** Procedures of `kind` started inside the window and still open at its end. */
export function countProceduresOpenAtEnd(
  q: Queryable,
  kind: ProcedureKind,
  w: TimeWindow,
): Promise<number> {
  return count(
    q,
    `SELECT count(*) AS n FROM procedures WHERE kind = ? AND started_at >= ? AND started_at < ?
        AND (status = 'open' OR ended_at >= ?)`,
    [kind, w.start, w.end, w.end],
  );
}

export interface FeeTotals {
  readonly paidCount: number;
  readonly paidYen: number;
  readonly waivedCount: number;
}

/** Fees recorded inside the window: how many paid and for how much, how many waived. */
export async function feeTotals(q: Queryable, w: TimeWindow): Promise<FeeTotals> {
  const fees = await q.get<{ paid: number; yen: number; waived: number }>(
    `SELECT count(*) FILTER (WHERE status = 'paid') AS paid, coalesce(sum(amount_yen), 0) AS yen,
            count(*) FILTER (WHERE status = 'waived') AS waived
       FROM fees WHERE recorded_at >= ? AND recorded_at < ?`,
    [w.start, w.end],
  );
  return { paidCount: fees?.paid ?? 0, paidYen: fees?.yen ?? 0, waivedCount: fees?.waived ?? 0 };
}

/** Waived fees inside the window per reason, the most frequent first. */
export async function waiverReasonCounts(
  q: Queryable,
  w: TimeWindow,
): Promise<{ reason: string; count: number }[]> {
  const rows = await q.all<{ reason: string; count: number }>(
    `SELECT waiver_reason AS reason, count(*) AS count FROM fees
      WHERE status = 'waived' AND recorded_at >= ? AND recorded_at < ?
      GROUP BY waiver_reason ORDER BY count DESC, waiver_reason`,
    [w.start, w.end],
  );
  return rows.map((r) => ({ reason: r.reason, count: r.count }));
}

const CARD_EVENT_COLUMN = {
  received: 'received_at',
  issued: 'issued_at',
  destroyed: 'destroyed_at',
} as const;

/** Cards received into stock, handed over, or destroyed (穴あけ) inside the window. */
export function countCardEvents(
  q: Queryable,
  event: keyof typeof CARD_EVENT_COLUMN,
  w: TimeWindow,
): Promise<number> {
  const column = CARD_EVENT_COLUMN[event];
  return count(q, `SELECT count(*) AS n FROM cards WHERE ${column} >= ? AND ${column} < ?`, [
    w.start,
    w.end,
  ]);
}

/** Cards handed back at the counter in a 廃止 (its card step completed, return-only included). */
export function countCardsReturned(q: Queryable, w: TimeWindow): Promise<number> {
  return count(
    q,
    `SELECT count(DISTINCT p.card_id) AS n FROM procedure_journal j JOIN procedures p ON p.id = j.procedure_id
      WHERE p.kind = 'revocation' AND j.step = 'card' AND j.status = 'completed' AND j.at >= ? AND j.at < ?`,
    [w.start, w.end],
  );
}

/**
 * Cards in stock at `at`: received before it, neither handed over, terminated nor destroyed by
 * then (an uncollected card destroyed leaves the stock without being terminated).
 */
export function countCardsInStock(q: Queryable, at: string): Promise<number> {
  return count(
    q,
    `SELECT count(*) AS n FROM cards WHERE received_at < ?
        AND (issued_at IS NULL OR issued_at >= ?) AND (terminated_at IS NULL OR terminated_at >= ?)
        AND (destroyed_at IS NULL OR destroyed_at >= ?)`,
    [at, at, at, at],
  );
}
