// The simulated card's timing model: how long a real contact card would take for an exchange.
import { setTimeout as sleep } from 'node:timers/promises';

export interface TimingModel {
  /** Fixed cost of one command/response turn (protocol overhead and card dispatch). */
  readonly perApduMs: number;
  /** Cost of one byte on the line, counted for the command and the response. */
  readonly perByteMs: number;
  /** Extra cost of one RSA-2048 private-key operation on the chip. */
  readonly signMs: number;
  /** Extra cost of generating one RSA-2048 key pair on the chip. */
  readonly keygenMs: number;
}

/**
 * Defaults for practice mode and benchmarks. 0.9 ms per byte is a contact card at the default
 * ISO 7816-3 speed (F=372, D=1, about 10 752 bit/s at 4 MHz, 10 bits a character, plus guard time).
 */
export const DEFAULT_TIMING: TimingModel = {
  perApduMs: 4,
  perByteMs: 0.9,
  signMs: 150,
  keygenMs: 3000,
};

/** What one exchange costs under a model; `extraMs` is the signing or key-generation cost. */
export function exchangeCostMs(
  model: TimingModel,
  bytesIn: number,
  bytesOut: number,
  extraMs: number,
): number {
  return model.perApduMs + model.perByteMs * (bytesIn + bytesOut) + extraMs;
}

export async function waitModelled(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}
