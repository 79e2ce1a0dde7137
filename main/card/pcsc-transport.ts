// The real-reader transport: a ReaderWatcher over pcsc-mini (PC/SC), loaded lazily so the app starts without it.
import type * as Pcsc from 'pcsc-mini';
import { classifyPcscError, pcscCode, PcscError, toTransportError } from './pcsc-errors';
import {
  CardAbsentError,
  CardMuteError,
  PcscUnavailableError,
  ReaderGoneError,
  type Bytes,
  type CardConnection,
  type ReaderEvent,
  type ReaderSnapshot,
  type ReaderSubsystemState,
  type ReaderWatcher,
} from './transport';

export type PcscModule = typeof Pcsc;

export interface PcscWatcherOptions {
  /** How often to look for the PC/SC service again after it went away or was never there; 0: never. */
  readonly retryMs?: number;
  /** Upper bound for a connect, and for end()/disconnect() when a mute card has wedged the reader. */
  readonly connectTimeoutMs?: number;
  readonly releaseTimeoutMs?: number;
  /** How pcsc-mini is loaded; tests pass a failing loader to play "addon missing". */
  readonly loadPcsc?: () => Promise<PcscModule>;
}

const TAG = '[PcscReader]';
// pcsc-lite keeps a per-reader count of insertions and removals in the high 16 bits of the event
// state: a change of it while the card stays PRESENT means the card was swapped between two polls.
const EVENT_COUNT_SHIFT = 16;
const UNCLEAR_PROBE_MS = 1500;
const STOP_SETTLE_MS = 250;

interface ReaderEntry {
  readonly name: string;
  present: boolean;
  mute: boolean;
  atr: Bytes | null;
  eventCount: number;
  /** card-inserted was emitted for the present card (readers() shows it only then). */
  announced: boolean;
  /** Bumped on every insertion and removal, so a late ATR read for an old card is dropped. */
  generation: number;
}

async function defaultLoad(): Promise<PcscModule> {
  const mod = (await import('pcsc-mini')) as PcscModule & { default?: PcscModule };
  // pcsc-mini is CommonJS: depending on the loader its exports arrive as names or under default.
  return typeof mod.Client === 'function' ? mod : (mod.default as PcscModule);
}

const TIMED_OUT: unique symbol = Symbol('timed-out');
type TimedOut = typeof TIMED_OUT;

/** Races a native call against a timer; a result that arrives late goes to `onLate` (to release it). */
function withTimeout<T>(
  p: Promise<T>,
  ms: number,
  onLate?: (value: T) => void,
): Promise<T | TimedOut> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const guarded = p.then(
    (v): T | TimedOut => {
      if (timedOut) onLate?.(v);
      return v;
    },
    (e: unknown): T | TimedOut => {
      if (timedOut) return TIMED_OUT;
      throw e;
    },
  );
  const timeout = new Promise<TimedOut>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve(TIMED_OUT);
    }, ms);
  });
  return Promise.race([guarded, timeout]).finally(() => clearTimeout(timer));
}

/** How long a start waits for a first reader before it takes the machine to have none. */
const NO_READER_WAIT_MS = 1500;

/**
 * Creates the PC/SC reader watcher. Cards are opened in SHARED mode and made exclusive per
 * operation with a PC/SC transaction (begin/end): another program (the resident's JPKI client,
 * OpenSC) can still use the reader between two counter operations, never in the middle of one.
 */
export function createPcscWatcher(options: PcscWatcherOptions = {}): ReaderWatcher {
  const retryMs = options.retryMs ?? 2000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const releaseTimeoutMs = options.releaseTimeoutMs ?? 2000;
  const load = options.loadPcsc ?? defaultLoad;

  let pcsc: PcscModule | null = null;
  let client: Pcsc.Client | null = null;
  let state: ReaderSubsystemState = { kind: 'starting' };
  let running = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let lastActivity = 0;
  const pendingAtrReads = new Set<Promise<void>>();
  const entries = new Map<string, ReaderEntry>();
  const listeners = new Set<(event: ReaderEvent) => void>();

  function emit(event: ReaderEvent): void {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch (e) {
        console.error(`${TAG} a reader event listener threw`, e);
      }
    }
  }

  function setState(next: ReaderSubsystemState): void {
    const was = state;
    state = next;
    if (
      next.kind === 'pcsc-unavailable' &&
      !(was.kind === 'pcsc-unavailable' && was.reason === next.reason)
    ) {
      console.warn(`${TAG} PC/SC unavailable: ${next.reason}`);
    } else if (next.kind === 'ready' && was.kind === 'pcsc-unavailable') {
      console.warn(`${TAG} PC/SC service is back`);
    }
  }

  function dropCard(entry: ReaderEntry): void {
    const wasAnnounced = entry.announced;
    entry.present = false;
    entry.mute = false;
    entry.atr = null;
    entry.announced = false;
    entry.generation++;
    if (wasAnnounced) emit({ kind: 'card-removed', reader: entry.name });
  }

  function dropReader(name: string): void {
    const entry = entries.get(name);
    if (!entry) return;
    dropCard(entry);
    entries.delete(name);
    emit({ kind: 'reader-removed', reader: name });
  }

  function dropAllReaders(): void {
    for (const name of [...entries.keys()]) dropReader(name);
  }

  /** Reads the card's ATR through a short SHARED connection (see onChange for why). */
  async function readAtr(name: string, eventAtr: Bytes): Promise<{ atr: Bytes; mute: boolean }> {
    const plausible = eventAtr.length >= 2 && (eventAtr[0] === 0x3b || eventAtr[0] === 0x3f);
    const fallback = {
      atr: plausible ? Uint8Array.from(eventAtr) : new Uint8Array(0),
      mute: false,
    };
    const reader = client?.reader(name);
    if (!reader || !pcsc) return fallback;
    const mode = pcsc.CardMode.SHARED;
    const leave = pcsc.CardDisposition.LEAVE;
    try {
      const card = await withTimeout(reader.connect(mode), connectTimeoutMs, (late) => {
        void late.disconnect(leave).catch(() => {});
      });
      if (card === TIMED_OUT) return { atr: fallback.atr, mute: true };
      try {
        const st = await card.state();
        return { atr: Uint8Array.from(st.atr), mute: false };
      } finally {
        await card.disconnect(leave).catch(() => {});
      }
    } catch (e) {
      if (classifyPcscError(e) === 'card-mute') return { atr: new Uint8Array(0), mute: true };
      return fallback;
    }
  }

  function onChange(name: string, raw: number, eventAtr: Bytes): void {
    lastActivity = Date.now();
    const entry = entries.get(name);
    if (!entry || !pcsc) return;
    const S = pcsc.ReaderStatus;
    const present = (raw & S.PRESENT) !== 0;
    const mute = (raw & S.MUTE) !== 0;
    const eventCount = raw >>> EVENT_COUNT_SHIFT;

    if (!present) {
      if (entry.present) dropCard(entry);
      return;
    }
    if (entry.present && entry.eventCount === eventCount) {
      // Same card; only flags such as IN_USE or MUTE moved.
      entry.mute = mute;
      return;
    }
    if (entry.present) dropCard(entry);
    entry.present = true;
    entry.mute = mute;
    entry.eventCount = eventCount;
    const generation = ++entry.generation;

    if (mute) {
      entry.atr = new Uint8Array(0);
      entry.announced = true;
      emit({ kind: 'card-inserted', reader: name, atr: entry.atr });
      return;
    }
    // pcsc-mini 0.1.3 hands over a garbled ATR with the change event (right length, wrong bytes:
    // seen with pcscd 1.9.9), so the ATR is read from the card's state instead.
    const read = readAtr(name, eventAtr).then(({ atr, mute: isMute }) => {
      if (entry.generation !== generation || !entry.present || entries.get(name) !== entry) return;
      entry.atr = atr;
      entry.mute = entry.mute || isMute;
      entry.announced = true;
      emit({ kind: 'card-inserted', reader: name, atr });
    });
    pendingAtrReads.add(read);
    void read.finally(() => pendingAtrReads.delete(read));
  }

  function onReader(owner: Pcsc.Client, reader: Pcsc.Reader): void {
    if (client !== owner) return;
    lastActivity = Date.now();
    const name = reader.name();
    if (!entries.has(name)) {
      entries.set(name, {
        name,
        present: false,
        mute: false,
        atr: null,
        eventCount: -1,
        announced: false,
        generation: 0,
      });
      emit({ kind: 'reader-added', reader: name });
    }
    // Events of a client we have already let go (stop, or pcscd gone) are not news any more.
    reader.on('change', (status, atr) => {
      if (client === owner) onChange(name, status.raw, atr);
    });
    reader.on('disconnect', () => {
      if (client === owner) dropReader(name);
    });
  }

  function onClientError(c: Pcsc.Client, err: Pcsc.Err): void {
    if (c !== client) return;
    console.warn(`${TAG} reader monitoring stopped: ${err.code}`);
    stopClient();
    dropAllReaders();
    setState({ kind: 'pcsc-unavailable', reason: 'service-not-running' });
    scheduleRetry();
  }

  function stopClient(): void {
    const c = client;
    client = null;
    if (!c) return;
    try {
      c.stop();
    } catch {
      // stop() throws NoService once pcscd is gone: nothing left to detach from.
    }
    c.removeAllListeners();
  }

  /** Tries to attach to pcscd once; true when monitoring runs. */
  function tryStartClient(): boolean {
    if (!pcsc) return false;
    const c = new pcsc.Client();
    c.on('reader', (reader) => onReader(c, reader));
    c.on('error', (err) => onClientError(c, err));
    client = c;
    try {
      c.start();
    } catch (e) {
      client = null;
      c.removeAllListeners();
      try {
        c.stop();
      } catch {
        // never started
      }
      if (classifyPcscError(e) !== 'service')
        console.warn(`${TAG} cannot start monitoring: ${pcscCode(e) ?? e}`);
      setState({ kind: 'pcsc-unavailable', reason: 'service-not-running' });
      return false;
    }
    setState({ kind: 'ready' });
    return true;
  }

  function scheduleRetry(): void {
    if (!running || retryMs <= 0 || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!running || client) return;
      if (!tryStartClient()) scheduleRetry();
    }, retryMs);
    retryTimer.unref();
  }

  /**
   * Waits until the initial burst of reader events is over and the ATRs of present cards are read.
   * The first reader is reported by pcsc-mini's monitoring thread, which on a busy PC can take far
   * longer than the quiet gap between two events: with no reader seen yet, "none" is concluded only
   * after NO_READER_WAIT_MS (a preflight said "no reader" with one attached while CPU-bound).
   */
  async function settle(): Promise<void> {
    const started = Date.now();
    lastActivity = Math.max(lastActivity, started);
    while (Date.now() - started < 3000) {
      await new Promise((r) => setTimeout(r, 20));
      if (pendingAtrReads.size > 0) {
        await Promise.race([
          Promise.allSettled([...pendingAtrReads]),
          new Promise((r) => setTimeout(r, 500)),
        ]);
        continue;
      }
      const quiet = Date.now() - lastActivity >= 60;
      if (quiet && (entries.size > 0 || Date.now() - started >= NO_READER_WAIT_MS)) return;
    }
  }

  async function start(): Promise<void> {
    if (running) return;
    running = true;
    setState({ kind: 'starting' });
    if (!pcsc) {
      try {
        pcsc = await load();
      } catch (e) {
        console.warn(
          `${TAG} pcsc-mini cannot be loaded: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
        );
        setState({ kind: 'pcsc-unavailable', reason: 'addon-missing' });
        return;
      }
    }
    if (!running) return;
    if (tryStartClient()) await settle();
    else scheduleRetry();
  }

  async function stop(): Promise<void> {
    running = false;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    // pcsc-mini's Client.stop() cancels the monitoring thread's SCardGetStatusChange and joins it,
    // on the JS thread. Right after an event the thread is between two waits, the cancel is lost,
    // and stop() blocks the whole process until the wait's own timeout (60 s, seen with pcscd
    // 1.9.9). Letting the thread settle back into its wait first avoids that.
    const quietFor = Date.now() - lastActivity;
    if (client && quietFor < STOP_SETTLE_MS) {
      await new Promise((r) => setTimeout(r, STOP_SETTLE_MS - quietFor));
    }
    stopClient();
    entries.clear();
    if (state.kind !== 'pcsc-unavailable') state = { kind: 'starting' };
  }

  function readers(): readonly ReaderSnapshot[] {
    return [...entries.values()].map((e) => ({
      name: e.name,
      atr: e.present && e.announced ? e.atr : null,
      mute: e.present && e.mute,
    }));
  }

  async function connect(readerName: string): Promise<CardConnection> {
    if (state.kind === 'pcsc-unavailable') throw new PcscUnavailableError(state.reason);
    const entry = entries.get(readerName);
    const reader = client?.reader(readerName);
    if (!entry || !reader || !pcsc) throw new ReaderGoneError(readerName);
    if (!entry.present) throw new CardAbsentError(readerName);
    if (entry.mute) throw new CardMuteError(readerName);
    const lib = pcsc;
    let card: Pcsc.Card | TimedOut;
    try {
      card = await withTimeout(reader.connect(lib.CardMode.SHARED), connectTimeoutMs, (late) => {
        void late.disconnect(lib.CardDisposition.LEAVE).catch(() => {});
      });
    } catch (e) {
      throw toTransportError(
        e,
        readerName,
        'connect',
        classifyPcscError(e) === 'unclear' ? 'card-absent' : undefined,
      );
    }
    if (card === TIMED_OUT) throw new CardMuteError(readerName);
    let atr: Bytes;
    try {
      atr = Uint8Array.from((await card.state()).atr);
    } catch (e) {
      await card.disconnect(lib.CardDisposition.LEAVE).catch(() => {});
      throw toTransportError(
        e,
        readerName,
        'status',
        classifyPcscError(e) === 'unclear' ? 'card-absent' : undefined,
      );
    }
    return createConnection(lib, card, readerName, atr, releaseTimeoutMs);
  }

  return {
    start,
    stop,
    state: () => state,
    readers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect,
  };
}

function createConnection(
  lib: PcscModule,
  card: Pcsc.Card,
  readerName: string,
  atr: Bytes,
  releaseTimeoutMs: number,
): CardConnection {
  let transaction: Pcsc.Transaction | null = null;
  let closed = false;

  /** Resolves an 'unclear' failure by asking PC/SC whether the card is still there. */
  async function explain(e: unknown, operation: string): Promise<Error> {
    const failure = classifyPcscError(e);
    if (failure !== 'unclear') return toTransportError(e, readerName, operation, failure);
    // The reader notices a pulled card on its next presence poll (vpcd: every 400 ms), so look a
    // few times before calling it a communication fault of a card that is still there.
    const deadline = Date.now() + UNCLEAR_PROBE_MS;
    for (;;) {
      try {
        const st = await withTimeout(card.state(), releaseTimeoutMs);
        if (st === TIMED_OUT) return new CardMuteError(readerName);
        if ((st.status.raw & lib.CardStatus.PRESENT) === 0) return new CardAbsentError(readerName);
      } catch (probe) {
        const f = classifyPcscError(probe);
        return toTransportError(
          probe,
          readerName,
          operation,
          f === 'unclear' || f === 'other' ? 'card-absent' : f,
        );
      }
      if (Date.now() >= deadline) return toTransportError(e, readerName, operation, 'other');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function release<T>(what: string, p: () => Promise<T>): Promise<void> {
    try {
      const r = await withTimeout(p(), releaseTimeoutMs);
      // A mute card keeps the driver busy; the release finishes (or fails) in the background.
      if (r === TIMED_OUT)
        console.warn(`${TAG} ${what} on ${readerName} did not finish in ${releaseTimeoutMs} ms`);
    } catch {
      // The card or reader is gone: nothing left to release.
    }
  }

  return {
    atr,
    readerName,
    async transmit(command: Bytes): Promise<Bytes> {
      if (closed) throw new CardAbsentError(readerName);
      let response: Bytes;
      try {
        response = Uint8Array.from(await card.transmit(command));
      } catch (e) {
        throw await explain(e, 'transmit');
      }
      // vpcd reports a card that vanished mid-exchange as success with no bytes; a real response
      // always ends in SW1 SW2.
      if (response.length < 2)
        throw await explain(new PcscError('CommError', 'transmit'), 'transmit');
      return response;
    },
    async begin(): Promise<void> {
      if (closed) throw new CardAbsentError(readerName);
      try {
        transaction = await card.transaction();
      } catch (e) {
        throw await explain(e, 'begin transaction');
      }
    },
    async end(): Promise<void> {
      const t = transaction;
      transaction = null;
      if (t) await release('end transaction', () => t.end(lib.CardDisposition.LEAVE));
    },
    async disconnect(): Promise<void> {
      if (closed) return;
      closed = true;
      const t = transaction;
      transaction = null;
      if (t) await release('end transaction', () => t.end(lib.CardDisposition.LEAVE));
      // RESET so that a PIN verified in this session is not left open for the next program.
      await release('disconnect', () => card.disconnect(lib.CardDisposition.RESET));
    },
  };
}
