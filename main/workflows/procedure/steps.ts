// What every kind's pure transition and view share: where the procedure may go from its step, and
// where the clerk window's header puts it.
import type { ProcedureHeaderDto, ProcedureStep } from '../../../preload/contract/procedure';
import { refuse } from '../refusal';

/**
 * Refuses any row on a procedure that is no longer at one of its `open` steps; answers a check
 * that refuses a row the current step does not take.
 */
export function stepGuard<T extends ProcedureStep>(
  step: T,
  open: readonly T[],
): (...allowed: readonly T[]) => void {
  if (!open.includes(step)) refuse('procedure-closed', step);
  return (...allowed) => {
    if (!allowed.includes(step)) refuse('step-not-allowed', step);
  };
}

/**
 * Stops shown on the step they stopped at: a face mismatch at the face check, a fact the resident
 * found wrong at the card face, 後日交付 at the certificates, a 照会書 in the post at its reply.
 */
const STOPPED_AT: Partial<Record<ProcedureStep, ProcedureStep>> = {
  'face-mismatch': 'face',
  'card-face-wrong': 'card-face',
  parked: 'certificates',
  'awaiting-reply': 'reply',
};

/**
 * Places in STOPPED_AT that are no fault: the counter waits for the post (the 照会書 with the
 * resident), so the header shows them as waiting, not as a stop to act on.
 */
const WAITING_AT: ReadonlySet<ProcedureStep> = new Set<ProcedureStep>(['awaiting-reply']);

/** The header's place in `steps`: a stop on its step, completed past the last, cancelled nowhere. */
export function headerOf(steps: readonly ProcedureStep[], step: ProcedureStep): ProcedureHeaderDto {
  const index =
    step === 'completed'
      ? steps.length
      : step === 'cancelled'
        ? -1
        : steps.indexOf(STOPPED_AT[step] ?? step);
  const waiting = WAITING_AT.has(step);
  return { steps, index, stopped: step in STOPPED_AT && !waiting, waiting };
}
