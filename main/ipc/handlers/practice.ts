// practice:reset — the trainer starts the practice over on a freshly seeded database.
import type { SessionDto } from '../../../preload/contract/dto';
import { err, ok } from '../../../preload/contract/result';
import type { HandlerPart } from './handler-table';

export interface PracticeHandlerDeps {
  /** Production never resets its data. */
  readonly practice: boolean;
  /** main/practice/start-over.ts, wired to the core's state. */
  /** Trainees' scenario results are kept unless `clearResults`. */
  startOver(clearResults: boolean): Promise<SessionDto>;
}

export function practiceHandlers(deps: PracticeHandlerDeps): HandlerPart<'practice:reset'> {
  return {
    'practice:reset': async ({ clearResults }) =>
      deps.practice
        ? ok(await deps.startOver(clearResults === true))
        : err({ code: 'not-practice-mode' }),
  };
}
