// The in-process simulated reader: one slot where tests and practice mode insert, pull and swap SimCards.
import {
  CardAbsentError,
  CardMuteError,
  ReaderGoneError,
  type Bytes,
  type CardConnection,
  type ReaderEvent,
  type ReaderSnapshot,
  type ReaderSubsystemState,
  type ReaderWatcher,
} from '../transport';
import { exchangeTimeoutFor } from '../apdu';
import type { SimCardPort } from './sim-card-port';

export const SIM_READER_NAME = 'Madoguchi Simulated Reader 0';

export interface SimReaderOptions {
  /**
   * Rejects a transmit with CardMuteError when the card has not answered within this time, as a
   * PC/SC stack eventually does. Default: no limit (callers race their own timeout).
   */
  readonly exchangeTimeoutMs?: number;
}

/** What a pull of the card settles: every exchange of that insertion waits on it. */
interface Insertion {
  readonly card: SimCardPort;
  readonly removed: Promise<never>;
  readonly pull: () => void;
  /** The connection holding the exclusive lock, if any. */
  holder: SimConnection | null;
  readonly lockWaiters: (() => void)[];
}

export class SimReader implements ReaderWatcher {
  readonly name = SIM_READER_NAME;
  readonly #listeners = new Set<(event: ReaderEvent) => void>();
  readonly #options: SimReaderOptions;
  #started = false;
  #insertion: Insertion | null = null;

  constructor(options: SimReaderOptions = {}) {
    this.#options = options;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#emit({ kind: 'reader-added', reader: SIM_READER_NAME });
    if (this.#insertion)
      this.#emit({ kind: 'card-inserted', reader: SIM_READER_NAME, atr: this.#insertion.card.atr });
  }

  async stop(): Promise<void> {
    this.#started = false;
  }

  state(): ReaderSubsystemState {
    return { kind: 'ready' };
  }

  readers(): readonly ReaderSnapshot[] {
    if (!this.#started) return [];
    const card = this.#insertion?.card;
    return [
      {
        name: SIM_READER_NAME,
        atr: card ? card.atr : null,
        mute: card ? card.atr.length === 0 : false,
      },
    ];
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async connect(reader: string): Promise<CardConnection> {
    if (reader !== SIM_READER_NAME || !this.#started) throw new ReaderGoneError(reader);
    const insertion = this.#insertion;
    if (!insertion) throw new CardAbsentError(reader);
    const atr = insertion.card.atr;
    if (atr.length === 0) throw new CardMuteError(reader);
    return new SimConnection(this, insertion, atr, this.#options.exchangeTimeoutMs);
  }

  /** Puts a card into the empty slot and powers it. */
  insert(card: SimCardPort): void {
    if (this.#insertion) throw new Error('the simulated reader already holds a card');
    let pull: () => void = () => undefined;
    const removed = new Promise<never>((_, reject) => {
      pull = () => reject(new CardAbsentError(SIM_READER_NAME));
    });
    removed.catch(() => undefined); // settled on purpose; exchanges observe it through race()
    this.#insertion = { card, removed, pull, holder: null, lockWaiters: [] };
    card.powerOn();
    if (this.#started)
      this.#emit({ kind: 'card-inserted', reader: SIM_READER_NAME, atr: card.atr });
  }

  /** Pulls the card out: pending and later exchanges of its connections reject with CardAbsentError. */
  remove(): void {
    const insertion = this.#insertion;
    if (!insertion) return;
    this.#insertion = null;
    insertion.pull();
    insertion.holder = null;
    for (const wake of insertion.lockWaiters.splice(0)) wake();
    insertion.card.powerOff();
    if (this.#started) this.#emit({ kind: 'card-removed', reader: SIM_READER_NAME });
  }

  swap(card: SimCardPort): void {
    this.remove();
    this.insert(card);
  }

  current(): SimCardPort | null {
    return this.#insertion?.card ?? null;
  }

  /** True while this insertion is still the card in the slot. */
  isPresent(insertion: Insertion): boolean {
    return this.#insertion === insertion;
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

class SimConnection implements CardConnection {
  readonly readerName = SIM_READER_NAME;
  readonly atr: Bytes;
  readonly #reader: SimReader;
  readonly #insertion: Insertion;
  readonly #timeoutMs: number | undefined;
  #closed = false;

  constructor(reader: SimReader, insertion: Insertion, atr: Bytes, timeoutMs: number | undefined) {
    this.#reader = reader;
    this.#insertion = insertion;
    this.atr = atr;
    this.#timeoutMs = timeoutMs;
  }

  async begin(): Promise<void> {
    this.#assertUsable();
    const insertion = this.#insertion;
    while (insertion.holder !== null && insertion.holder !== this) {
      await new Promise<void>((resolve) => insertion.lockWaiters.push(resolve));
      this.#assertUsable();
    }
    insertion.holder = this;
  }

  async end(): Promise<void> {
    this.#release();
  }

  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    if (this.#reader.isPresent(this.#insertion)) this.#insertion.card.reset();
  }

  async transmit(command: Bytes): Promise<Bytes> {
    this.#assertUsable();
    const insertion = this.#insertion;
    // Another connection's transaction keeps this one waiting, as SCardTransmit does.
    while (insertion.holder !== null && insertion.holder !== this) {
      await new Promise<void>((resolve) => insertion.lockWaiters.push(resolve));
      this.#assertUsable();
    }
    const racers: Promise<Bytes>[] = [insertion.card.transmit(command), insertion.removed];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const baseMs = this.#timeoutMs;
    if (baseMs !== undefined) {
      racers.push(
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new CardMuteError(SIM_READER_NAME)),
            exchangeTimeoutFor(command, baseMs),
          );
        }),
      );
    }
    try {
      return await Promise.race(racers);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  #assertUsable(): void {
    if (this.#closed) throw new Error('the connection to the simulated reader is closed');
    if (!this.#reader.isPresent(this.#insertion)) throw new CardAbsentError(SIM_READER_NAME);
  }

  #release(): void {
    const insertion = this.#insertion;
    if (insertion.holder !== this) return;
    insertion.holder = null;
    for (const wake of insertion.lockWaiters.splice(0)) wake();
  }
}
