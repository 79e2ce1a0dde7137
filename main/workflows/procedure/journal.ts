// The journal of every counter procedure: one step's effects, its journal row and its audit row in
// one transaction, with the operator of the call; and the ids of procedures.
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../audit/audit-log';
import type { Details } from '../../audit/details-guard';
import type { Db, Tx } from '../../db/connection';
import {
  endProcedure,
  moveProcedure,
  openProcedureCounter,
  recordStep,
  type StepStatus,
} from '../../db/repositories/journal';
import { WorkflowRefusal } from '../refusal';

export interface JournalDeps {
  db(): Db;
  operatorId(): number;
  now(): Date;
  /** This counter's number in an office database; absent on a counter's own file. */
  readonly counterNumber?: number;
}

/**
 * Refuses, inside the step's transaction, a step on a procedure another counter holds (a
 * 責任者 moved it there): the office write lock orders the transactions, so the answer read here
 * is still true when the step commits.
 */
async function assertHeldHere(deps: JournalDeps, tx: Tx, procedureId: string): Promise<void> {
  if (deps.counterNumber === undefined) return;
  const counter = await openProcedureCounter(tx, procedureId);
  if (counter === undefined || counter === null || counter === deps.counterNumber) return;
  throw new WorkflowRefusal('other-counter-open', String(counter));
}

/** Which procedure a row belongs to; `prefix` names the audit action (`<prefix>.<step>`). */
export interface JournalTarget {
  readonly procedureId: string;
  readonly prefix: string;
  readonly residentId: number;
  readonly cardId: number | null;
}

export interface StepRecord {
  readonly step: string;
  readonly status: StepStatus;
  readonly data: Details;
  readonly effects?: (tx: Tx) => Promise<void>;
  readonly end?: 'completed' | 'cancelled';
  /** What the audit row says, when not the journal data (no key or certificate bytes). */
  readonly audit?: Details;
  /** The moment of the step (journal row, audit row, the procedure's end); now by default. */
  readonly at?: Date;
  /** Runs inside the transaction after the effects, before the rows: a refusal rolls it back. */
  readonly check?: () => void;
  /**
   * A takeover: the step hands the procedure from this counter (null: none recorded) to this
   * one, in the same transaction, instead of requiring it to be here already.
   */
  readonly movesFrom?: number | null;
}

/** One step: its effects, its journal row and its audit row in one transaction. */
export async function commitStep(
  deps: JournalDeps,
  target: JournalTarget,
  r: StepRecord,
): Promise<void> {
  const operatorId = deps.operatorId();
  const at = r.at ?? deps.now();
  const clock = () => at;
  await deps.db().transaction(async (tx) => {
    if (r.movesFrom === undefined) await assertHeldHere(deps, tx, target.procedureId);
    else if (
      deps.counterNumber === undefined ||
      !(await moveProcedure(tx, target.procedureId, r.movesFrom, deps.counterNumber))
    )
      // Another 責任者 moved it first, or it ended meanwhile.
      throw new WorkflowRefusal('procedure-busy', 'take-over');
    if (r.effects) await r.effects(tx);
    r.check?.();
    await recordStep(
      tx,
      { procedureId: target.procedureId, step: r.step, status: r.status, operatorId, data: r.data },
      clock,
    );
    await appendAudit(
      tx,
      {
        operatorId,
        action: `${target.prefix}.${r.step}`,
        residentId: target.residentId,
        cardId: target.cardId || null,
        details: { procedure: target.procedureId, ...(r.audit ?? r.data) },
      },
      clock,
    );
    if (r.end) await endProcedure(tx, target.procedureId, r.end, clock);
  });
}

/** An audit row alone (a prompt opened, a receipt printed): no step of the journal. */
export async function auditOnly(
  deps: JournalDeps,
  target: JournalTarget,
  action: string,
  details: Details,
): Promise<void> {
  const operatorId = deps.operatorId();
  await deps.db().transaction((tx) =>
    appendAudit(
      tx,
      {
        operatorId,
        action: `${target.prefix}.${action}`,
        residentId: target.residentId,
        cardId: target.cardId || null,
        details: { procedure: target.procedureId, ...details },
      },
      deps.now,
    ),
  );
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Procedure ids go into audit details and journal rows: letters only, so that no run of digits
 * in an id can ever look like a 個人番号 to the details guard.
 */
export function newProcedureId(prefix: string): string {
  return `${prefix}-${Array.from(randomBytes(24), (b) => LETTERS[b % 26]).join('')}`;
}
