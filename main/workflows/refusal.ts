// A refusal of a counter procedure (or a report, a practice action): an answer for the clerk, an
// error code and its detail, not a fault of the app. The IPC handlers turn it into an error Result.
import type { ErrorCode, OpenProcedureRef } from '../../preload/contract/errors';

/** What a refusal names for the clerk beside its code: the open procedure, a card's holder. */
export interface RefusalFacts {
  readonly openProcedure?: OpenProcedureRef;
  readonly cardHolder?: string | null;
}

export class WorkflowRefusal extends Error {
  override readonly name: string = 'WorkflowRefusal';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly facts: RefusalFacts = {},
  ) {
    super(detail ? `refused: ${code} (${detail})` : `refused: ${code}`);
  }
}

/** Another card than the procedure's: the serial read, so that the engine names its holder. */
export class WrongCardRefusal extends WorkflowRefusal {
  override readonly name = 'WrongCardRefusal';
  constructor(readonly readSerial: string) {
    super('wrong-card');
  }
}

/** Refuses with `code` (by default: the step is not possible now). */
export function refuse(code: ErrorCode = 'step-not-allowed', detail?: string): never {
  throw new WorkflowRefusal(code, detail);
}
