// SQL of procedures and their journal: one row per step, so an unfinished procedure can resume.
import { randomUUID } from 'node:crypto';
import { assertSafeDetails, canonicalJson } from '../../audit/details-guard';
import type { Details } from '../../audit/details-guard';
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import type { Queryable, Tx } from '../connection';
import { InvalidTransitionError, RecordNotFoundError } from '../errors';

export type ProcedureKind =
  | 'issuance'
  | 'pin-reset'
  | 'suspension'
  | 'release'
  | 'revocation'
  | 'reissue'
  | 'renewal'
  | 'representative'
  | 'card-change'
  | 'card-kind';
export type ProcedureStatus = 'open' | 'completed' | 'cancelled';
export type StepStatus = 'started' | 'completed' | 'failed' | 'cancelled';

export interface Procedure {
  readonly id: string;
  readonly kind: ProcedureKind;
  readonly status: ProcedureStatus;
  readonly operatorId: number;
  readonly residentId: number | null;
  readonly cardId: number | null;
  readonly applicationId: number | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** The office counter that holds it (counterNumber), or null on a counter's own file. */
  readonly counterNumber: number | null;
}

export interface JournalEntry {
  readonly id: number;
  readonly procedureId: string;
  readonly kind: ProcedureKind;
  readonly step: string;
  readonly status: StepStatus;
  readonly operatorId: number;
  readonly at: string;
  readonly data: Details;
}

interface ProcedureRow {
  id: string;
  kind: ProcedureKind;
  status: ProcedureStatus;
  operator_id: number;
  resident_id: number | null;
  card_id: number | null;
  application_id: number | null;
  started_at: string;
  ended_at: string | null;
  counter_number: number | null;
}

function toProcedure(r: ProcedureRow): Procedure {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    operatorId: r.operator_id,
    residentId: r.resident_id,
    cardId: r.card_id,
    applicationId: r.application_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    counterNumber: r.counter_number ?? null,
  };
}

export async function startProcedure(
  tx: Tx,
  p: {
    readonly kind: ProcedureKind;
    readonly operatorId: number;
    readonly residentId?: number | null;
    readonly cardId?: number | null;
    readonly applicationId?: number | null;
    readonly id?: string;
    readonly counterNumber?: number | null;
  },
  clock?: Clock,
): Promise<string> {
  const id = p.id ?? randomUUID();
  await tx.run(
    `INSERT INTO procedures (id, kind, status, operator_id, resident_id, card_id, application_id,
                             started_at, counter_number)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
    [
      id,
      p.kind,
      p.operatorId,
      p.residentId ?? null,
      p.cardId ?? null,
      p.applicationId ?? null,
      isoNow(clock),
      p.counterNumber ?? null,
    ],
  );
  return id;
}

/** The counter holding the open procedure, read inside a transaction (undefined: not open). */
export async function openProcedureCounter(
  q: Queryable,
  id: string,
): Promise<number | null | undefined> {
  const row = await q.get<{ counter_number: number | null }>(
    `SELECT counter_number FROM procedures WHERE id = ? AND status = 'open'`,
    [id],
  );
  return row ? row.counter_number : undefined;
}

/** Hands the open procedure from counter `from` to `to`; false when it is no longer at `from`. */
export async function moveProcedure(
  tx: Tx,
  id: string,
  from: number | null,
  to: number,
): Promise<boolean> {
  const res = await tx.run(
    `UPDATE procedures SET counter_number = ?
      WHERE id = ? AND status = 'open' AND counter_number IS NOT DISTINCT FROM ?`,
    [to, id, from],
  );
  return res.changes === 1;
}

/**
 * The open procedure that holds the application, or the card for `kind`: the one a start that
 * broke the one-open-procedure rule met.
 */
export async function findOpenProcedureHolding(
  q: Queryable,
  p: {
    readonly kind: ProcedureKind;
    readonly cardId: number;
    readonly applicationId: number | null;
  },
): Promise<Procedure | undefined> {
  const row = await q.get<ProcedureRow>(
    `SELECT * FROM procedures
      WHERE status = 'open' AND ((card_id = ? AND kind = ?) OR application_id = ?)
      ORDER BY started_at LIMIT 1`,
    [p.cardId, p.kind, p.applicationId],
  );
  return row ? toProcedure(row) : undefined;
}

/** Links the card once it is known (the card is inserted after the procedure starts). */
export async function setProcedureCard(tx: Tx, id: string, cardId: number): Promise<void> {
  const res = await tx.run(`UPDATE procedures SET card_id = ? WHERE id = ? AND status = 'open'`, [
    cardId,
    id,
  ]);
  if (res.changes !== 1) throw new RecordNotFoundError('open procedure', id);
}

/** One journal row; `data` is checked like audit details (never a PIN or a 個人番号). */
export async function recordStep(
  tx: Tx,
  s: {
    readonly procedureId: string;
    readonly step: string;
    readonly status: StepStatus;
    readonly operatorId: number;
    readonly data?: Details;
  },
  clock?: Clock,
): Promise<number> {
  const data = s.data ?? {};
  assertSafeDetails(data);
  const proc = await tx.get<{ kind: ProcedureKind; status: ProcedureStatus }>(
    'SELECT kind, status FROM procedures WHERE id = ?',
    [s.procedureId],
  );
  if (!proc) throw new RecordNotFoundError('procedure', s.procedureId);
  if (proc.status !== 'open') throw new InvalidTransitionError('procedure', proc.status, s.step);
  const res = await tx.run(
    `INSERT INTO procedure_journal (procedure_id, kind, step, status, operator_id, at, data)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [s.procedureId, proc.kind, s.step, s.status, s.operatorId, isoNow(clock), canonicalJson(data)],
  );
  return res.lastId;
}

export async function endProcedure(
  tx: Tx,
  id: string,
  status: Exclude<ProcedureStatus, 'open'>,
  clock?: Clock,
): Promise<void> {
  const res = await tx.run(
    `UPDATE procedures SET status = ?, ended_at = ? WHERE id = ? AND status = 'open'`,
    [status, isoNow(clock), id],
  );
  if (res.changes !== 1) throw new RecordNotFoundError('open procedure', id);
}

export async function getProcedure(q: Queryable, id: string): Promise<Procedure> {
  const row = await q.get<ProcedureRow>('SELECT * FROM procedures WHERE id = ?', [id]);
  if (!row) throw new RecordNotFoundError('procedure', id);
  return toProcedure(row);
}

/** What the app reopens after a crash, oldest first. */
export async function listOpenProcedures(q: Queryable): Promise<Procedure[]> {
  const rows = await q.all<ProcedureRow>(
    `SELECT * FROM procedures WHERE status = 'open' ORDER BY started_at, id`,
  );
  return rows.map(toProcedure);
}

/** Every procedure about the resident, in the order they were stored. */
export async function listProceduresOfResident(
  q: Queryable,
  residentId: number,
): Promise<Procedure[]> {
  const rows = await q.all<ProcedureRow>('SELECT * FROM procedures WHERE resident_id = ?', [
    residentId,
  ]);
  return rows.map(toProcedure);
}

/** The resident's unfinished procedures, oldest first. */
export async function listOpenProceduresOfResident(
  q: Queryable,
  residentId: number,
): Promise<Procedure[]> {
  const rows = await q.all<ProcedureRow>(
    `SELECT * FROM procedures WHERE resident_id = ? AND status = 'open' ORDER BY started_at`,
    [residentId],
  );
  return rows.map(toProcedure);
}

/** The card's unfinished procedures, oldest first. */
export async function listOpenProceduresOfCard(q: Queryable, cardId: number): Promise<Procedure[]> {
  const rows = await q.all<ProcedureRow>(
    `SELECT * FROM procedures WHERE card_id = ? AND status = 'open' ORDER BY started_at`,
    [cardId],
  );
  return rows.map(toProcedure);
}

export async function listSteps(q: Queryable, procedureId: string): Promise<JournalEntry[]> {
  const rows = await q.all<{
    id: number;
    procedure_id: string;
    kind: ProcedureKind;
    step: string;
    status: StepStatus;
    operator_id: number;
    at: string;
    data: string;
  }>('SELECT * FROM procedure_journal WHERE procedure_id = ? ORDER BY id', [procedureId]);
  return rows.map((r) => ({
    id: r.id,
    procedureId: r.procedure_id,
    kind: r.kind,
    step: r.step,
    status: r.status,
    operatorId: r.operator_id,
    at: r.at,
    data: JSON.parse(r.data) as Details,
  }));
}

/** The open procedure of `kind` for an application, if one was left unfinished. */
export async function findOpenProcedureOfApplication(
  q: Queryable,
  kind: ProcedureKind,
  applicationId: number,
): Promise<Procedure | undefined> {
  const row = await q.get<ProcedureRow>(
    `SELECT * FROM procedures WHERE kind = ? AND application_id = ? AND status = 'open'
      ORDER BY started_at DESC, id LIMIT 1`,
    [kind, applicationId],
  );
  return row ? toProcedure(row) : undefined;
}

/** The newest procedure of `kind` on the card that ended completed, or undefined. */
export async function latestCompletedProcedureOfCard(
  q: Queryable,
  cardId: number,
  kind: ProcedureKind,
): Promise<Procedure | undefined> {
  const row = await q.get<ProcedureRow>(
    `SELECT * FROM procedures WHERE card_id = ? AND kind = ? AND status = 'completed'
      ORDER BY ended_at DESC, started_at DESC LIMIT 1`,
    [cardId, kind],
  );
  return row ? toProcedure(row) : undefined;
}

/**
 * What the card's cancelled procedures journaled as `certificates-issued` (DER in base64 per
 * kind): certificates recorded for the card that the procedure never finished putting there.
 */
export async function certificatesOfCancelledProcedures(
  q: Queryable,
  cardId: number,
): Promise<Details[]> {
  const rows = await q.all<{ data: string }>(
    `SELECT j.data AS data FROM procedure_journal j JOIN procedures p ON p.id = j.procedure_id
      WHERE p.card_id = ? AND p.status = 'cancelled' AND j.step = 'certificates-issued'
      ORDER BY j.id`,
    [cardId],
  );
  return rows.map((r) => JSON.parse(r.data) as Details);
}

/** A 責任者's takeover as its journal row recorded it (step taken-over). */
export interface TakeoverRecord {
  readonly procedureId: string;
  /** The counter it left; null when none was recorded there. */
  readonly from: number | null;
  readonly to: number;
  readonly approvalId: number;
  readonly at: string;
}

/** The takeovers of one procedure, or of every procedure of a resident, oldest first. */
export async function listTakeovers(
  q: Queryable,
  of: { readonly procedureId: string } | { readonly residentId: number },
): Promise<TakeoverRecord[]> {
  const [where, arg] =
    'procedureId' in of ? ['p.id = ?', of.procedureId] : ['p.resident_id = ?', of.residentId];
  const rows = await q.all<{ procedure_id: string; at: string; data: string }>(
    `SELECT j.procedure_id, j.at, j.data
       FROM procedure_journal j JOIN procedures p ON p.id = j.procedure_id
      WHERE ${where} AND j.step = 'taken-over'
      ORDER BY j.id`,
    [arg],
  );
  return rows.map((r) => {
    const data = JSON.parse(r.data) as { from?: unknown; to?: unknown; approval?: unknown };
    return {
      procedureId: r.procedure_id,
      from: typeof data.from === 'number' ? data.from : null,
      to: Number(data.to),
      approvalId: Number(data.approval),
      at: r.at,
    };
  });
}
