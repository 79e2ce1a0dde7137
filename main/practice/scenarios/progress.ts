// The trainer's side of the scenarios: trainees' practice accounts, what each is assigned, and
// every trainee's results against every scenario (the table, the chart, the report, the CSV).
import type { FileWrittenDto } from '../../../preload/contract/dto';
import { isAcceptableOperatorPassword } from '../../../preload/contract/rules/operator-password';
import type {
  MyScenarioDto,
  RunSummaryDto,
  ScenarioOverviewDto,
  ScenarioResultDto,
  TraineeDto,
} from '../../../preload/contract/scenarios';
import { appendAudit } from '../../audit/audit-log';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import { getOperator, insertOperator } from '../../db/repositories/operators';
import {
  assignScenario,
  findRun,
  insertTrainee,
  isTrainee,
  listAssignments,
  listRuns,
  listTrainees,
  type RunRow,
} from '../../db/repositories/scenarios';
import { AccessError } from '../../operators/operator-session';
import type { PasswordHasher } from '../../operators/password-hash';
import { WorkflowRefusal } from '../../workflows/refusal';
import { scenarioById, scenarioLibrary } from './library';
import { resultOf } from './runner';

export interface ScenarioProgressDeps {
  db(): Db;
  operatorId(): number;
  readonly hasher: PasswordHasher;
  readonly now: Clock;
  /** Where the reports are written (the practice data folder's receipts). */
  readonly outDir: string;
  /** The town on the report. */
  readonly municipality: string;
}

export interface ScenarioProgress {
  createTrainee(t: { loginId: string; displayName: string; password: string }): Promise<TraineeDto>;
  assign(traineeId: number, scenarioIds: readonly string[]): Promise<ScenarioOverviewDto>;
  overview(): Promise<ScenarioOverviewDto>;
  /** The calling operator's assigned scenarios with the last result of each. */
  mine(): Promise<MyScenarioDto[]>;
  /** A scored run's result: the trainee's own, or any for the trainer. */
  result(runId: number): Promise<ScenarioResultDto>;
  writeTraineePdf(traineeId: number): Promise<FileWrittenDto>;
  writeCsv(): Promise<FileWrittenDto>;
}

export function runSummary(run: RunRow): RunSummaryDto | null {
  if (run.status !== 'scored' || run.finishedAt === null) return null;
  return {
    runId: run.id,
    scenarioId: run.scenarioId,
    finishedAt: run.finishedAt,
    met: run.met ?? 0,
    total: run.total ?? 0,
    mistakes: run.mistakes ?? 0,
    seconds: run.seconds ?? 0,
    passed: run.total !== null && run.met === run.total,
  };
}

const summaries = () =>
  scenarioLibrary().map((s) => ({
    id: s.id,
    title: s.title,
    procedures: s.procedures,
    outcomes: s.outcomes.length,
  }));

/** Every trainee with assignments and scored runs (oldest first). */
export async function scenarioOverview(db: Db): Promise<ScenarioOverviewDto> {
  const [trainees, assignments, runs] = await Promise.all([
    listTrainees(db),
    listAssignments(db),
    listRuns(db),
  ]);
  return {
    scenarios: summaries(),
    trainees: trainees.map((t) => ({
      operatorId: t.operatorId,
      loginId: t.loginId,
      displayName: t.displayName,
      assigned: assignments.filter((a) => a.traineeId === t.operatorId).map((a) => a.scenarioId),
      runs: runs
        .filter((r) => r.traineeId === t.operatorId)
        .map(runSummary)
        .filter((r): r is RunSummaryDto => r !== null),
    })),
  };
}

export function createScenarioProgress(deps: ScenarioProgressDeps): ScenarioProgress {
  async function audit(action: string, details: Record<string, string | number | boolean>) {
    await deps
      .db()
      .transaction((tx) =>
        appendAudit(tx, { operatorId: deps.operatorId(), action, details }, deps.now),
      );
  }

  async function trainee(traineeId: number) {
    const db = deps.db();
    if (!(await isTrainee(db, traineeId))) throw new WorkflowRefusal('not-trainee');
    return getOperator(db, traineeId);
  }

  return {
    async createTrainee(t) {
      if (!isAcceptableOperatorPassword(t.password)) throw new AccessError('password-too-short');
      const trainerId = deps.operatorId();
      const passwordHash = await deps.hasher.hash(t.password);
      const id = await deps.db().transaction(async (tx) => {
        // A clerk's account: the trainee works the normal counter screens with it.
        const operator = await insertOperator(
          tx,
          { loginId: t.loginId, displayName: t.displayName, role: 'clerk', passwordHash },
          deps.now,
        );
        await insertTrainee(tx, operator, trainerId, deps.now);
        await appendAudit(
          tx,
          {
            operatorId: trainerId,
            action: 'operator.created',
            details: { operator, role: 'clerk', practice: true, trainee: true },
          },
          deps.now,
        );
        return operator;
      });
      return { operatorId: id, loginId: t.loginId, displayName: t.displayName };
    },

    async assign(traineeId, scenarioIds) {
      await trainee(traineeId);
      for (const id of scenarioIds) scenarioById(id);
      const assignedBy = deps.operatorId();
      await deps.db().transaction(async (tx) => {
        for (const scenarioId of scenarioIds)
          await assignScenario(tx, { traineeId, scenarioId, assignedBy }, deps.now);
      });
      await audit('scenario.assigned', { trainee: traineeId, scenarios: scenarioIds.join(',') });
      return scenarioOverview(deps.db());
    },

    overview: () => scenarioOverview(deps.db()),

    async mine() {
      const db = deps.db();
      const me = deps.operatorId();
      const [assigned, runs] = await Promise.all([listAssignments(db, me), listRuns(db, me)]);
      const byId = new Map(summaries().map((s) => [s.id, s]));
      return assigned.flatMap((a) => {
        const s = byId.get(a.scenarioId);
        if (!s) return [];
        const last = runs
          .filter((r) => r.scenarioId === a.scenarioId)
          .map(runSummary)
          .filter((r): r is RunSummaryDto => r !== null)
          .at(-1);
        return [{ ...s, last: last ?? null }];
      });
    },

    async result(runId) {
      const db = deps.db();
      const run = await findRun(db, runId);
      const me = await getOperator(db, deps.operatorId());
      if (!run || run.result === null) throw new WorkflowRefusal('no-scenario-run');
      if (run.traineeId !== me.id && me.role !== 'trainer') throw new AccessError('forbidden-role');
      return resultOf(run);
    },

    async writeTraineePdf(traineeId) {
      const t = await trainee(traineeId);
      const db = deps.db();
      const runs = (await listRuns(db, traineeId)).filter((r) => r.status === 'scored');
      const assigned = (await listAssignments(db, traineeId)).map((a) => a.scenarioId);
      const { renderTraineeReportPdf, traineeReportData } = await import('./trainee-report');
      const data = traineeReportData({
        trainee: { loginId: t.loginId, displayName: t.displayName },
        assigned,
        results: runs.map(resultOf),
        municipality: deps.municipality,
        generatedAt: deps.now().toISOString(),
      });
      const bytes = await renderTraineeReportPdf(data);
      const { writeBytesAtomic } = await import('../../documents/pdf-file');
      const path = `${deps.outDir}/trainee-report-${t.loginId}.pdf`;
      const written = { path, ...(await writeBytesAtomic(path, bytes)) };
      await audit('scenario.report-written', { trainee: traineeId, bytes: written.bytes });
      return written;
    },

    async writeCsv() {
      const overview = await scenarioOverview(deps.db());
      const { scenarioResultsCsv } = await import('./trainee-report');
      const { rows, text } = scenarioResultsCsv(overview);
      const { writeBytesAtomic } = await import('../../documents/pdf-file');
      const path = `${deps.outDir}/scenario-results.csv`;
      const written = await writeBytesAtomic(path, new TextEncoder().encode(text));
      await audit('scenario.csv-written', { rows });
      return { path, rows, ...written };
    },
  };
}
