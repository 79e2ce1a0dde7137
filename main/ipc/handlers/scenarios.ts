// scenario:* — practice scenarios: a trainee's runs (start, finish, abandon, results) and the
// trainer's trainees, assignments, overview, report and CSV. Practice mode only.
import { err } from '../../../preload/contract/result';
import type { ScenarioProgress } from '../../practice/scenarios/progress';
import type { ScenarioRunner } from '../../practice/scenarios/runner';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ScenarioChannel =
  | 'scenario:library'
  | 'scenario:start'
  | 'scenario:current'
  | 'scenario:finish'
  | 'scenario:abandon'
  | 'scenario:mine'
  | 'scenario:result'
  | 'scenario:overview'
  | 'scenario:create-trainee'
  | 'scenario:assign'
  | 'scenario:trainee-report'
  | 'scenario:export-csv';

export interface ScenarioHandlerDeps {
  /** Scenarios live in the practice database only. */
  readonly practice: boolean;
  readonly runner: ScenarioRunner;
  readonly progress: ScenarioProgress;
}

export function scenarioHandlers(deps: ScenarioHandlerDeps): HandlerPart<ScenarioChannel> {
  const { runner, progress } = deps;
  const inPractice = <T>(work: () => Promise<T>) =>
    deps.practice ? refusals(work) : Promise.resolve(err({ code: 'not-practice-mode' as const }));
  return {
    'scenario:library': () => inPractice(async () => runner.library()),
    'scenario:start': ({ scenarioId }) => inPractice(() => runner.start(scenarioId)),
    'scenario:current': () => inPractice(() => runner.current()),
    'scenario:finish': () => inPractice(() => runner.finish()),
    'scenario:abandon': () => inPractice(() => runner.abandon()),
    'scenario:mine': () => inPractice(() => progress.mine()),
    'scenario:result': ({ runId }) => inPractice(() => progress.result(runId)),
    'scenario:overview': () => inPractice(() => progress.overview()),
    'scenario:create-trainee': (t) => inPractice(() => progress.createTrainee(t)),
    'scenario:assign': ({ traineeId, scenarioIds }) =>
      inPractice(() => progress.assign(traineeId, scenarioIds)),
    'scenario:trainee-report': ({ traineeId }) =>
      deps.practice
        ? refusals(() => progress.writeTraineePdf(traineeId), 'report-failed')
        : Promise.resolve(err({ code: 'not-practice-mode' as const })),
    'scenario:export-csv': () => inPractice(() => progress.writeCsv()),
  };
}
