// The trainees' accounts, assignments and results carried from the old practice database into the
// freshly seeded one, so that 練習データを初期状態に戻す keeps them unless the trainer clears them.
import { appendAudit } from '../../audit/audit-log';
import type { Clock } from '../../db/clock';
import type { Db, Tx } from '../../db/connection';
import {
  findOperatorByLogin,
  getOperator,
  getOperatorLogin,
  insertOperator,
} from '../../db/repositories/operators';
import {
  assignScenario,
  insertKeptRun,
  insertTrainee,
  listAssignments,
  listRuns,
  listTrainees,
  type RunRow,
} from '../../db/repositories/scenarios';

export interface KeptScenarioRecords {
  readonly trainees: readonly {
    readonly loginId: string;
    readonly displayName: string;
    readonly passwordHash: string;
    readonly assigned: readonly { scenarioId: string; assignedBy: string }[];
    readonly runs: readonly Omit<RunRow, 'id' | 'traineeId'>[];
  }[];
}

/** Reads what is kept, by login ids: the operator ids of the old file mean nothing in the new one. */
export async function readScenarioRecords(db: Db): Promise<KeptScenarioRecords> {
  const [trainees, assignments, runs] = await Promise.all([
    listTrainees(db),
    listAssignments(db),
    listRuns(db),
  ]);
  const loginOf = new Map<number, string>();
  for (const id of new Set(assignments.map((a) => a.assignedBy)))
    loginOf.set(id, (await getOperator(db, id)).loginId);
  const out = [];
  for (const t of trainees) {
    const login = await getOperatorLogin(db, t.operatorId);
    out.push({
      loginId: t.loginId,
      displayName: t.displayName,
      passwordHash: login.passwordHash,
      assigned: assignments
        .filter((a) => a.traineeId === t.operatorId)
        .map((a) => ({ scenarioId: a.scenarioId, assignedBy: loginOf.get(a.assignedBy) ?? '' })),
      // A run left open worked on residents the reset removes: it is kept as abandoned.
      runs: runs
        .filter((r) => r.traineeId === t.operatorId)
        .map(({ id: _id, traineeId: _t, ...r }) =>
          r.status === 'open' ? { ...r, status: 'abandoned' as const } : r,
        ),
    });
  }
  return { trainees: out };
}

/** Writes the kept records into the fresh database, in the seed's transaction. */
export async function restoreScenarioRecords(
  tx: Tx,
  kept: KeptScenarioRecords,
  trainerLoginId: string,
  clock: Clock,
): Promise<void> {
  const trainer = await findOperatorByLogin(tx, trainerLoginId);
  if (!trainer) throw new Error(`no trainer ${trainerLoginId} in the fresh practice database`);
  let runs = 0;
  for (const t of kept.trainees) {
    const id = await insertOperator(
      tx,
      {
        loginId: t.loginId,
        displayName: t.displayName,
        role: 'clerk',
        passwordHash: t.passwordHash,
      },
      clock,
    );
    await insertTrainee(tx, id, trainer.id, clock);
    for (const a of t.assigned) {
      const by = (await findOperatorByLogin(tx, a.assignedBy))?.id ?? trainer.id;
      await assignScenario(tx, { traineeId: id, scenarioId: a.scenarioId, assignedBy: by }, clock);
    }
    for (const r of t.runs) {
      await insertKeptRun(tx, { ...r, traineeId: id });
      runs++;
    }
  }
  await appendAudit(
    tx,
    {
      operatorId: trainer.id,
      action: 'practice.scenario-results-kept',
      details: { trainees: kept.trainees.length, runs },
    },
    clock,
  );
}
