// The card service: reader list for the UI, and one exclusive, serialised session per card operation.
import type { CardHealthDto, ReaderDto, ReadersDto } from '../../preload/contract/dto';
import type { TraceEntry } from './apdu';
import { atrHex, atrLabel } from './atr-table';
import { readCardHealth } from './card-health';
import { CardSession } from './card-session';
import { CardBusyError, NoCardError, classifySessionError } from './card-errors';
import { CardAbsentError, CardMuteError } from './transport';
import type { CardConnection, ReaderWatcher } from './transport';

/**
 * What an operation works with: the session with the recognised card, bound to its serial. The
 * application modules and the issuer authority take it; callers above the card layer name it
 * through this module, not through the APDU channel it is built on.
 */
export type { CardSession };

export interface CardServiceOptions {
  readonly watcher: ReaderWatcher;
  /** Longest wait for one APDU exchange (and for begin/end/disconnect) before giving up. */
  readonly exchangeTimeoutMs: number;
  /** Longest wait for a connect; defaults to the larger of 10 s and the exchange timeout. */
  readonly connectTimeoutMs?: number;
  readonly now?: () => Date;
  /** Transcript hook (bench, diagnostics). Secret command data is masked before it is called. */
  readonly trace?: (reader: string, entry: TraceEntry) => void;
}

export interface CardService {
  readers(): ReadersDto;
  onReadersChanged(listener: (dto: ReadersDto) => void): () => void;
  /**
   * Runs `op` in one exclusive session with the card in `reader`: connect, begin, recognise and
   * read the serial, op, end, disconnect (which resets the card, clearing verified PINs). A
   * second operation on the same reader while one runs fails with CardBusyError.
   */
  withCard<T>(reader: string, op: (session: CardSession) => Promise<T>): Promise<T>;
  readHealth(reader: string): Promise<CardHealthDto>;
}

export function createCardService(options: CardServiceOptions): CardService {
  const { watcher, exchangeTimeoutMs } = options;
  const now = options.now ?? (() => new Date());
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.max(10_000, exchangeTimeoutMs);
  const busy = new Set<string>();

  function readers(): ReadersDto {
    return {
      subsystem: watcher.state(),
      readers: watcher.readers().map((r): ReaderDto => ({
        name: r.name,
        cardPresent: r.atr !== null || r.mute,
        mute: r.mute,
        atrHex: r.atr && r.atr.length > 0 ? atrHex(r.atr) : null,
        atrLabel: r.atr && r.atr.length > 0 ? atrLabel(r.atr) : null,
      })),
    };
  }

  async function withCard<T>(reader: string, op: (session: CardSession) => Promise<T>): Promise<T> {
    if (busy.has(reader)) throw new CardBusyError(reader);
    busy.add(reader);
    let connection: CardConnection | undefined;
    let session: CardSession | undefined;
    try {
      connection = await connectWithin(watcher, reader, connectTimeoutMs, exchangeTimeoutMs);
      const conn = connection;
      await withTimeout(conn.begin(), exchangeTimeoutMs, () => new CardMuteError(reader));
      // Kept before start() so that silence after recognition still counts as tampering.
      session = new CardSession(conn, {
        reader,
        exchangeTimeoutMs,
        trace: options.trace ? (entry) => options.trace?.(reader, entry) : undefined,
      });
      await session.start();
      return await op(session);
    } catch (e) {
      const classified = classifySessionError(e, reader, {
        atr: connection?.atr ?? null,
        recognised: session?.recognised ?? false,
      });
      const name = classified instanceof Error ? classified.name : typeof classified;
      console.warn(`[CardService] ${reader}: operation failed: ${name}`);
      throw classified;
    } finally {
      if (connection) {
        // A mute card can hang these too; the reader is freed either way.
        await settle(connection.end(), exchangeTimeoutMs);
        await settle(connection.disconnect(), exchangeTimeoutMs);
      }
      busy.delete(reader);
    }
  }

  return {
    readers,
    onReadersChanged(listener) {
      return watcher.onEvent(() => listener(readers()));
    },
    withCard,
    readHealth(reader) {
      return withCard(reader, (session) => readCardHealth(session, now()));
    },
  };
}

/** Connects, mapping "no card" at the start to NoCardError; a late connection is released. */
async function connectWithin(
  watcher: ReaderWatcher,
  reader: string,
  connectTimeoutMs: number,
  releaseTimeoutMs: number,
): Promise<CardConnection> {
  const pending = watcher.connect(reader);
  try {
    return await withTimeout(pending, connectTimeoutMs, () => new CardMuteError(reader));
  } catch (e) {
    if (e instanceof CardAbsentError) throw new NoCardError(reader);
    if (e instanceof CardMuteError) {
      pending.then((c) => settle(c.disconnect(), releaseTimeoutMs)).catch(() => undefined);
    }
    throw e;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function settle(p: Promise<unknown>, ms: number): Promise<void> {
  try {
    await withTimeout(p, ms, () => new Error('timeout'));
  } catch (e) {
    console.warn(`[CardService] release step failed: ${e instanceof Error ? e.name : 'unknown'}`);
  }
}
