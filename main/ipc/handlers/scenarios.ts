// scenario:* — a trainee's practice scenarios: the library, a run's start, finish and abandon.
import { err } from '../../../preload/contract/result';
import type { ScenarioRunner } from '../../practice/scenarios/runner';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ScenarioChannel =
  | 'scenario:library'
  | 'scenario:start'
  | 'scenario:current'
  | 'scenario:finish'
  | 'scenario:abandon';

export interface ScenarioHandlerDeps {
  /** Scenarios live in the practice database only. */
  readonly practice: boolean;
  readonly runner: ScenarioRunner;
}

export function scenarioHandlers(deps: ScenarioHandlerDeps): HandlerPart<ScenarioChannel> {
  const { runner } = deps;
  const inPractice = <T>(work: () => Promise<T>) =>
    deps.practice ? refusals(work) : Promise.resolve(err({ code: 'not-practice-mode' as const }));
  return {
    'scenario:library': () => inPractice(async () => runner.library()),
    'scenario:start': ({ scenarioId }) => inPractice(() => runner.start(scenarioId)),
    'scenario:current': () => inPractice(() => runner.current()),
    'scenario:finish': () => inPractice(() => runner.finish()),
    'scenario:abandon': () => inPractice(() => runner.abandon()),
  };
}
