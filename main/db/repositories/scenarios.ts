// The practice scenarios' rows: trainees, assignments, runs with their scores, and what scoring
// reads of a run (its procedures, their journal, the audit rows after it started).
import type { Clock } from '../clock';
import type { Queryable, Tx } from '../connection';

const isoNow = (clock?: Clock) => (clock ? clock() : new Date()).toISOString();

export interface TraineeRow {
  readonly operatorId: number;
  readonly loginId: string;
  readonly displayName: string;
  readonly createdAt: string;
}

export async function insertTrainee(
  tx: Tx,
  operatorId: number,
  createdBy: number,
  clock?: Clock,
): Promise<void> {
  await tx.run(
    'INSERT INTO practice_trainees (operator_id, created_by, created_at) VALUES (?, ?, ?)',
    [operatorId, createdBy, isoNow(clock)],
  );
}

export async function listTrainees(q: Queryable): Promise<TraineeRow[]> {
  const rows = await q.all<{
    operator_id: number;
    login_id: string;
    display_name: string;
    created_at: string;
  }>(
    `SELECT t.operator_id, o.login_id, o.display_name, t.created_at
       FROM practice_trainees t JOIN operators o ON o.id = t.operator_id
      ORDER BY o.login_id`,
  );
  return rows.map((r) => ({
    operatorId: r.operator_id,
    loginId: r.login_id,
    displayName: r.display_name,
    createdAt: r.created_at,
  }));
}

export async function isTrainee(q: Queryable, operatorId: number): Promise<boolean> {
  return (
    (await q.get('SELECT 1 AS one FROM practice_trainees WHERE operator_id = ?', [operatorId])) !==
    undefined
  );
}

export async function assignScenario(
  tx: Tx,
  a: { traineeId: number; scenarioId: string; assignedBy: number },
  clock?: Clock,
): Promise<void> {
  await tx.run(
    `INSERT INTO scenario_assignments (trainee_id, scenario_id, assigned_by, assigned_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (trainee_id, scenario_id) DO NOTHING`,
    [a.traineeId, a.scenarioId, a.assignedBy, isoNow(clock)],
  );
}

export interface AssignmentRow {
  readonly traineeId: number;
  readonly scenarioId: string;
  readonly assignedBy: number;
  readonly assignedAt: string;
}

export async function listAssignments(q: Queryable, traineeId?: number): Promise<AssignmentRow[]> {
  const rows = await q.all<{
    trainee_id: number;
    scenario_id: string;
    assigned_by: number;
    assigned_at: string;
  }>(
    `SELECT trainee_id, scenario_id, assigned_by, assigned_at FROM scenario_assignments
      ${traineeId === undefined ? '' : 'WHERE trainee_id = ?'}
      ORDER BY trainee_id, assigned_at, scenario_id`,
    traineeId === undefined ? [] : [traineeId],
  );
  return rows.map((r) => ({
    traineeId: Number(r.trainee_id),
    scenarioId: r.scenario_id,
    assignedBy: Number(r.assigned_by),
    assignedAt: r.assigned_at,
  }));
}

/** The last audit row's number: a run counts the rows after it. */
export async function lastAuditSeq(q: Queryable): Promise<number> {
  return (await q.get<{ m: number | null }>('SELECT max(seq) AS m FROM audit_log'))?.m ?? 0;
}

export interface RunRow {
  readonly id: number;
  readonly traineeId: number;
  readonly scenarioId: string;
  readonly status: 'open' | 'scored' | 'abandoned';
  readonly startedAt: string;
  readonly auditFrom: number;
  /** JSON: the run's cast (main/practice/scenarios/setup.ts). */
  readonly cast: string;
  readonly finishedAt: string | null;
  readonly seconds: number | null;
  readonly met: number | null;
  readonly total: number | null;
  readonly mistakes: number | null;
  /** JSON: the scored result. */
  readonly result: string | null;
}

const RUN_COLUMNS = `id, trainee_id, scenario_id, status, started_at, audit_from, cast_of,
  finished_at, seconds, met, total, mistakes, result`;

interface RawRun {
  id: number;
  trainee_id: number;
  scenario_id: string;
  status: RunRow['status'];
  started_at: string;
  audit_from: number;
  cast_of: string;
  finished_at: string | null;
  seconds: number | null;
  met: number | null;
  total: number | null;
  mistakes: number | null;
  result: string | null;
}

function toRun(r: RawRun): RunRow {
  return {
    id: Number(r.id),
    traineeId: Number(r.trainee_id),
    scenarioId: r.scenario_id,
    status: r.status,
    startedAt: r.started_at,
    auditFrom: Number(r.audit_from),
    cast: r.cast_of,
    finishedAt: r.finished_at,
    seconds: r.seconds === null ? null : Number(r.seconds),
    met: r.met === null ? null : Number(r.met),
    total: r.total === null ? null : Number(r.total),
    mistakes: r.mistakes === null ? null : Number(r.mistakes),
    result: r.result,
  };
}

export async function insertRun(
  tx: Tx,
  r: { traineeId: number; scenarioId: string; auditFrom: number; cast: string },
  clock?: Clock,
): Promise<number> {
  const res = await tx.run(
    `INSERT INTO scenario_runs (trainee_id, scenario_id, status, started_at, audit_from, cast_of)
     VALUES (?, ?, 'open', ?, ?, ?)`,
    [r.traineeId, r.scenarioId, isoNow(clock), r.auditFrom, r.cast],
  );
  return res.lastId;
}

export async function findRun(q: Queryable, id: number): Promise<RunRow | undefined> {
  const row = await q.get<RawRun>(`SELECT ${RUN_COLUMNS} FROM scenario_runs WHERE id = ?`, [id]);
  return row ? toRun(row) : undefined;
}

export async function openRunOf(q: Queryable, traineeId: number): Promise<RunRow | undefined> {
  const row = await q.get<RawRun>(
    `SELECT ${RUN_COLUMNS} FROM scenario_runs WHERE trainee_id = ? AND status = 'open'
      ORDER BY id DESC LIMIT 1`,
    [traineeId],
  );
  return row ? toRun(row) : undefined;
}

export async function listRuns(q: Queryable, traineeId?: number): Promise<RunRow[]> {
  const rows = await q.all<RawRun>(
    `SELECT ${RUN_COLUMNS} FROM scenario_runs
      ${traineeId === undefined ? '' : 'WHERE trainee_id = ?'} ORDER BY id`,
    traineeId === undefined ? [] : [traineeId],
  );
  return rows.map(toRun);
}

export async function finishRun(
  tx: Tx,
  id: number,
  r: {
    status: 'scored' | 'abandoned';
    finishedAt: string;
    seconds: number;
    met: number;
    total: number;
    mistakes: number;
    result: string | null;
  },
): Promise<void> {
  await tx.run(
    `UPDATE scenario_runs SET status = ?, finished_at = ?, seconds = ?, met = ?, total = ?,
            mistakes = ?, result = ? WHERE id = ? AND status = 'open'`,
    [r.status, r.finishedAt, r.seconds, r.met, r.total, r.mistakes, r.result, id],
  );
}

/** Re-inserts a run kept across a practice reset, as it was. */
export async function insertKeptRun(tx: Tx, r: Omit<RunRow, 'id'>): Promise<void> {
  await tx.run(
    `INSERT INTO scenario_runs (trainee_id, scenario_id, status, started_at, audit_from, cast_of,
       finished_at, seconds, met, total, mistakes, result)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.traineeId,
      r.scenarioId,
      r.status,
      r.startedAt,
      r.auditFrom,
      r.cast,
      r.finishedAt,
      r.seconds,
      r.met,
      r.total,
      r.mistakes,
      r.result,
    ],
  );
}

// ---- what scoring reads ----

export interface RunAuditRow {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly residentId: number | null;
  readonly cardId: number | null;
  readonly details: string;
}

/** The operator's audit rows after `fromSeq`, in order. */
export async function auditRowsAfter(
  q: Queryable,
  fromSeq: number,
  operatorId: number,
): Promise<RunAuditRow[]> {
  const rows = await q.all<{
    seq: number;
    at: string;
    action: string;
    resident_id: number | null;
    card_id: number | null;
    details: string;
  }>(
    `SELECT seq, at, action, resident_id, card_id, details FROM audit_log
      WHERE seq > ? AND operator_id = ? ORDER BY seq`,
    [fromSeq, operatorId],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    action: r.action,
    residentId: r.resident_id === null ? null : Number(r.resident_id),
    cardId: r.card_id === null ? null : Number(r.card_id),
    details: r.details,
  }));
}

export interface RunProcedureRow {
  readonly id: string;
  readonly kind: string;
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly residentId: number | null;
}

export async function proceduresByIds(
  q: Queryable,
  ids: readonly string[],
): Promise<RunProcedureRow[]> {
  if (ids.length === 0) return [];
  const rows = await q.all<{
    id: string;
    kind: string;
    status: RunProcedureRow['status'];
    resident_id: number | null;
  }>(
    `SELECT id, kind, status, resident_id FROM procedures
      WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY started_at, id`,
    [...ids],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    residentId: r.resident_id === null ? null : Number(r.resident_id),
  }));
}

export async function journalRowsOf(
  q: Queryable,
  procedureId: string,
): Promise<{ step: string; status: string; data: string }[]> {
  return q.all(
    'SELECT step, status, data FROM procedure_journal WHERE procedure_id = ? ORDER BY id',
    [procedureId],
  );
}
