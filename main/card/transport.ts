// The lowest card layer: how bytes reach a card, and how readers and cards come and go.
// Implementations: pcsc-transport.ts (pcsc-mini, real readers and pcscd+vpcd) and sim/sim-reader.ts.

export type Bytes = Uint8Array;

/** One connection to one card. Commands and responses are whole APDUs (no T=0/T=1 framing). */
export interface CardTransport {
  /** The answer-to-reset of the card at connect time. */
  readonly atr: Bytes;
  /** Sends one command APDU and resolves with the response APDU (data + SW1 SW2). */
  transmit(command: Bytes): Promise<Bytes>;
}

/** A connected card with exclusive access. `end()` releases the transaction/lock. */
export interface CardConnection extends CardTransport {
  readonly readerName: string;
  /** Starts exclusive access (SCardBeginTransaction on real readers). */
  begin(): Promise<void>;
  /** Ends exclusive access. Safe to call when begin() failed or the card is gone. */
  end(): Promise<void>;
  /** Disconnects and resets the card (so security states such as verified PINs are cleared). */
  disconnect(): Promise<void>;
}

export type ReaderEvent =
  | { readonly kind: 'reader-added'; readonly reader: string }
  | { readonly kind: 'reader-removed'; readonly reader: string }
  | { readonly kind: 'card-inserted'; readonly reader: string; readonly atr: Bytes }
  | { readonly kind: 'card-removed'; readonly reader: string };

export interface ReaderSnapshot {
  readonly name: string;
  /** The ATR of the card present, or null when the slot is empty. */
  readonly atr: Bytes | null;
  /** True when the card does not answer to reset (PC/SC "mute"). */
  readonly mute: boolean;
}

/** Why a reader subsystem cannot be used; each maps to its own Japanese message. */
export type ReaderSubsystemState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'pcsc-unavailable'; readonly reason: 'addon-missing' | 'service-not-running' };

export interface ReaderWatcher {
  /** Starts watching; resolves once the initial reader list is known (or the subsystem failed). */
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): ReaderSubsystemState;
  readers(): readonly ReaderSnapshot[];
  /** Subscribes to reader and card events; returns the unsubscribe function. */
  onEvent(listener: (event: ReaderEvent) => void): () => void;
  /** Connects to the card in the named reader. Rejects with CardAbsentError when none is there. */
  connect(reader: string): Promise<CardConnection>;
}

/** The card was pulled out (or the reader vanished) during an exchange or before connect. */
export class CardAbsentError extends Error {
  override readonly name = 'CardAbsentError';
  constructor(readonly reader: string) {
    super(`no card in reader ${reader}`);
  }
}

/** The card does not answer (no ATR, or no response within the exchange timeout). */
export class CardMuteError extends Error {
  override readonly name = 'CardMuteError';
  constructor(readonly reader: string) {
    super(`card in reader ${reader} does not answer`);
  }
}

/** The reader named is not (or no longer) present. */
export class ReaderGoneError extends Error {
  override readonly name = 'ReaderGoneError';
  constructor(readonly reader: string) {
    super(`reader ${reader} is not present`);
  }
}

/** The PC/SC service or its native addon cannot be used. */
export class PcscUnavailableError extends Error {
  override readonly name = 'PcscUnavailableError';
  constructor(readonly reason: 'addon-missing' | 'service-not-running') {
    super(`PC/SC unavailable: ${reason}`);
  }
}
