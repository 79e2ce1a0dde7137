// The simulated card's timing model: how long a real contact card would take for an exchange.
import { setTimeout as sleep } from 'node:timers/promises';
import { atrFacts } from './generations';

export interface TimingModel {
  /** Fixed cost of one command/response turn: block framing, turnaround and card dispatch. */
  readonly perApduMs: number;
  /** Cost of one byte on the line, counted for the command and the response. */
  readonly perByteMs: number;
  /** Extra cost of one RSA-2048 private-key operation on the chip. */
  readonly signMs: number;
  /** Extra cost of generating one RSA-2048 key pair on the chip. */
  readonly keygenMs: number;
  /** T=1 information field size: a command or response longer than this goes in several blocks. */
  readonly blockSize?: number;
  /** Cost of each block after the first: its framing, the receiver's R-block, two turnarounds. */
  readonly perBlockMs?: number;
}

/** The reader's clock: 4 MHz, the usual CCID default (ISO/IEC 7816-3 allows 1–5 MHz at Fi 372). */
export const READER_CLOCK_HZ = 4_000_000;

/**
 * Card dispatch per APDU, the simulator's choice (no public measurement): decoding, file-system
 * access and the write of the answer into the I/O buffer.
 */
const CARD_DISPATCH_MS = 2;

/** The reader and its USB link per exchange (full-speed bulk transfers run on 1 ms frames). */
const READER_LINK_MS = 1;

/** T=1 block framing: prologue NAD, PCB, LEN and the LRC epilogue (ISO/IEC 7816-3). */
const T1_FRAMING_BYTES = 4;

/** Block guard time between blocks sent in opposite directions, in etu (ISO/IEC 7816-3). */
const T1_BGT_ETU = 22;

/**
 * The model for a card with this ATR, in a reader at READER_CLOCK_HZ that uses the speed TA1
 * offers (a PPS to Fi/Di). One etu is Fi / (Di · f); under T=1 a character takes 12 etu, 11 with
 * TC1 = FF (the minimum guard time). An exchange costs two blocks' framing (command, response)
 * and two block guard times, plus dispatch and the reader link; a block beyond the first costs its
 * framing, an R-block of the other side and two guard times.
 */
export function timingForAtr(atr: Uint8Array, clockHz = READER_CLOCK_HZ): TimingModel {
  const facts = atrFacts(atr);
  const etuMs = (facts.fi / (facts.di * clockHz)) * 1000;
  const characterEtu = facts.extraGuardTime === 0xff ? 11 : 12 + facts.extraGuardTime;
  const perByteMs = etuMs * characterEtu;
  const turnaroundMs = etuMs * T1_BGT_ETU;
  return {
    perApduMs:
      CARD_DISPATCH_MS + READER_LINK_MS + 2 * T1_FRAMING_BYTES * perByteMs + 2 * turnaroundMs,
    perByteMs,
    signMs: 150,
    keygenMs: 3000,
    blockSize: facts.ifsc,
    perBlockMs: 2 * T1_FRAMING_BYTES * perByteMs + 2 * turnaroundMs,
  };
}

/**
 * Defaults for practice mode and benchmarks: the simulated cards' usual ATR (3B C5 FF…, no TA1:
 * Fi 372, Di 1, about 1.02 ms a byte at 4 MHz). Signing (150 ms) and key generation (3 s) are
 * the simulator's choices; no public measurement of the chip is known.
 */
export const DEFAULT_TIMING: TimingModel = timingForAtr(
  Uint8Array.from(Buffer.from('3BC5FF8131FB458073C6010000', 'hex')),
);

const extraBlocks = (length: number, blockSize: number | undefined): number =>
  blockSize ? Math.max(0, Math.ceil(length / blockSize) - 1) : 0;

/**
 * How long a reader waits for a T=1 card to start its answer before it gives up: the block
 * waiting time 11 etu + 2^BWI · 960 · 372 / f (ISO/IEC 7816-3), about 1.4 s for BWI 4 at 4 MHz.
 */
export function blockWaitingTimeMs(atr: Uint8Array, clockHz = READER_CLOCK_HZ): number {
  const facts = atrFacts(atr);
  const etuMs = (facts.fi / (facts.di * clockHz)) * 1000;
  return 11 * etuMs + ((2 ** facts.bwi * 960 * 372) / clockHz) * 1000;
}

/** What one exchange costs under a model; `extraMs` is the signing or key-generation cost. */
export function exchangeCostMs(
  model: TimingModel,
  bytesIn: number,
  bytesOut: number,
  extraMs: number,
): number {
  const blocks = extraBlocks(bytesIn, model.blockSize) + extraBlocks(bytesOut, model.blockSize);
  return (
    model.perApduMs +
    model.perByteMs * (bytesIn + bytesOut) +
    blocks * (model.perBlockMs ?? 0) +
    extraMs
  );
}

export async function waitModelled(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}
