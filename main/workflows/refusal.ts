// A refusal of a counter procedure (or a report, a practice action): an answer for the clerk, an
// error code and its detail, not a fault of the app. The IPC handlers turn it into an error Result.
import type { ErrorCode } from '../../preload/contract/errors';

export class WorkflowRefusal extends Error {
  override readonly name = 'WorkflowRefusal';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `refused: ${code} (${detail})` : `refused: ${code}`);
  }
}

/** Refuses with `code` (by default: the step is not possible now). */
export function refuse(code: ErrorCode = 'step-not-allowed', detail?: string): never {
  throw new WorkflowRefusal(code, detail);
}
