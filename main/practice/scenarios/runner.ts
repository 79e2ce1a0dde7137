// A trainee's run of a scenario: set up in the practice database, worked on the normal screens,
// scored from the records when the trainee finishes. Practice mode only.
import type {
  ScenarioResultDto,
  ScenarioRunDto,
  ScenarioSummaryDto,
} from '../../../preload/contract/scenarios';
import { appendAudit } from '../../audit/audit-log';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import type { MyNumberCipher } from '../../db/my-number-crypto';
import {
  findRun,
  finishRun,
  insertRun,
  lastAuditSeq,
  openRunOf,
  type RunRow,
} from '../../db/repositories/scenarios';
import { WorkflowRefusal } from '../../workflows/refusal';
import type { Trainer } from '../trainer';
import { scenarioById, scenarioLibrary } from './library';
import type { CastEntry } from './setup';

export interface ScenarioRunnerDeps {
  db(): Db;
  cipher(): MyNumberCipher;
  /** The simulator the set-up puts cards and faults in; null outside practice mode. */
  readonly trainer: Trainer | null;
  operatorId(): number;
  readonly now: Clock;
}

export interface ScenarioRunner {
  library(): ScenarioSummaryDto[];
  start(scenarioId: string): Promise<ScenarioRunDto>;
  /** The calling operator's open run, or null. */
  current(): Promise<ScenarioRunDto | null>;
  finish(): Promise<ScenarioResultDto>;
  abandon(): Promise<ScenarioRunDto>;
}

// The set-up and the scoring are loaded on a run's first use: the app's start does not pay for them.
async function runDto(run: RunRow): Promise<ScenarioRunDto> {
  const { briefOf } = await import('./setup');
  const s = scenarioById(run.scenarioId);
  const cast = JSON.parse(run.cast) as CastEntry[];
  return {
    runId: run.id,
    scenarioId: s.id,
    title: s.title,
    brief: briefOf(s, cast),
    status: run.status,
    startedAt: run.startedAt,
    cast: cast.map((c) => ({ key: c.key, noticeNumber: c.noticeNumber })),
  };
}

/** The stored result of a scored run. */
export function resultOf(run: RunRow): ScenarioResultDto {
  if (run.result === null) throw new Error(`run ${run.id} has no result`);
  return JSON.parse(run.result) as ScenarioResultDto;
}

export function createScenarioRunner(deps: ScenarioRunnerDeps): ScenarioRunner {
  function simulator(): Trainer {
    if (!deps.trainer) throw new WorkflowRefusal('not-practice-mode');
    return deps.trainer;
  }
  async function openRun(): Promise<RunRow> {
    const run = await openRunOf(deps.db(), deps.operatorId());
    if (!run) throw new WorkflowRefusal('no-scenario-run');
    return run;
  }
  async function audit(action: string, details: Record<string, string | number | boolean>) {
    await deps
      .db()
      .transaction((tx) =>
        appendAudit(tx, { operatorId: deps.operatorId(), action, details }, deps.now),
      );
  }

  return {
    library: () =>
      scenarioLibrary().map((s) => ({
        id: s.id,
        title: s.title,
        procedures: s.procedures,
        outcomes: s.outcomes.length,
      })),

    async start(scenarioId) {
      const trainer = simulator();
      const scenario = scenarioById(scenarioId);
      const db = deps.db();
      const traineeId = deps.operatorId();
      if (await openRunOf(db, traineeId)) throw new WorkflowRefusal('scenario-run-open');
      const { setUpScenario } = await import('./setup');
      const cast = await setUpScenario(scenario, {
        db,
        cipher: deps.cipher(),
        trainer,
        now: deps.now,
        traineeId,
      });
      await audit('scenario.started', { scenario: scenario.id });
      // What the trainee does is counted from here: the set-up's own rows come before.
      const auditFrom = await lastAuditSeq(db);
      const runId = await db.transaction((tx) =>
        insertRun(
          tx,
          { traineeId, scenarioId: scenario.id, auditFrom, cast: JSON.stringify(cast) },
          deps.now,
        ),
      );
      return runDto((await findRun(db, runId))!);
    },

    async current() {
      const run = await openRunOf(deps.db(), deps.operatorId());
      return run ? await runDto(run) : null;
    },

    async finish() {
      const run = await openRun();
      const scenario = scenarioById(run.scenarioId);
      const db = deps.db();
      const cast = JSON.parse(run.cast) as CastEntry[];
      const { scoreRun } = await import('./score');
      const score = await scoreRun(db, scenario, {
        traineeId: run.traineeId,
        auditFrom: run.auditFrom,
        cast,
      });
      const finishedAt = deps.now().toISOString();
      const seconds = Math.max(
        0,
        Math.round((Date.parse(finishedAt) - Date.parse(run.startedAt)) / 1000),
      );
      const met = score.outcomes.filter((o) => o.met).length;
      const result: ScenarioResultDto = {
        runId: run.id,
        scenarioId: scenario.id,
        title: scenario.title,
        traineeId: run.traineeId,
        startedAt: run.startedAt,
        finishedAt,
        seconds,
        outcomes: score.outcomes,
        met,
        total: score.outcomes.length,
        mistakes: score.mistakes,
        passed: met === score.outcomes.length,
      };
      await db.transaction(async (tx) => {
        await finishRun(tx, run.id, {
          status: 'scored',
          finishedAt,
          seconds,
          met,
          total: result.total,
          mistakes: score.mistakes.length,
          result: JSON.stringify(result),
        });
        await appendAudit(
          tx,
          {
            operatorId: run.traineeId,
            action: 'scenario.scored',
            details: { scenario: scenario.id, run: run.id, met, total: result.total },
          },
          deps.now,
        );
      });
      simulator().clearFaults();
      return result;
    },

    async abandon() {
      const run = await openRun();
      const db = deps.db();
      await db.transaction(async (tx) => {
        await finishRun(tx, run.id, {
          status: 'abandoned',
          finishedAt: deps.now().toISOString(),
          seconds: 0,
          met: 0,
          total: 0,
          mistakes: 0,
          result: null,
        });
        await appendAudit(
          tx,
          {
            operatorId: run.traineeId,
            action: 'scenario.abandoned',
            details: { scenario: run.scenarioId, run: run.id },
          },
          deps.now,
        );
      });
      simulator().clearFaults();
      return runDto((await findRun(db, run.id))!);
    },
  };
}
