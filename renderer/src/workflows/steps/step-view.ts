// Pure rules of the procedure steps: the reader to use, the PIN entry's and the certificates' progress.
import type { PinKind } from '../../../../preload/contract/dto';
import type { CertificatePhase } from '../../../../preload/contract/issuance';

/** Where the resident's PIN entry stands, as the clerk sees it (never a digit). */
export interface PinProgress {
  readonly entryOpen: boolean;
  readonly current: PinKind | null;
  readonly attempts: Partial<Record<PinKind, number>>;
  readonly accepted: readonly PinKind[];
}

export type PinRowState = 'accepted' | 'current' | 'waiting';

/** One line of the clerk's PIN progress: never a digit, only where the resident is and retries. */
export function pinRowState(pins: PinProgress, kind: PinKind): PinRowState {
  if (pins.accepted.includes(kind)) return 'accepted';
  if (pins.entryOpen && pins.current === kind) return 'current';
  return 'waiting';
}

/** The certificate step's phases the progress bar counts, in order ('waiting' and 'done' are its ends). */
export const CERTIFICATE_PHASES = [
  'setting-pins',
  'generating-keys',
  'issuing',
  'writing',
  'verifying',
] as const satisfies readonly CertificatePhase[];

/** How many phases are finished: 0 while waiting, all of them when done. */
export function phasesDone(phase: CertificatePhase): number {
  if (phase === 'waiting') return 0;
  if (phase === 'done') return CERTIFICATE_PHASES.length;
  return CERTIFICATE_PHASES.indexOf(phase);
}

/** The reader to use: the one holding a card, else the only one there is; null when none. */
export function pickReader(
  readers: readonly { readonly name: string; readonly cardPresent: boolean }[],
): string | null {
  return (readers.find((r) => r.cardPresent) ?? readers[0])?.name ?? null;
}
