// Plugs a simulated card into pcscd's vpcd driver over TCP, so the real PC/SC path sees it as a card.
import { Socket } from 'node:net';
import type { Bytes } from '../transport';
import type { SimCardPort } from './sim-card-port';
import { blockWaitingTimeMs } from './timing';

// vpcd protocol (vsmartcard): every message is a 2-byte big-endian length and a body. A 1-byte body
// is a control message; anything longer is a command APDU. Only GET ATR and APDUs get an answer.
const CTRL_POWER_OFF = 0;
const CTRL_POWER_ON = 1;
const CTRL_RESET = 2;
const CTRL_GET_ATR = 4;

/** Retransmissions a CCID reader's T=1 layer tries before it reports a failed exchange. */
const READER_T1_RETRIES = 3;

export interface VpcdOptions {
  readonly host?: string;
  readonly port?: number;
  /** Pause before connecting again after vpcd dropped us or was not listening. */
  readonly reconnectMs?: number;
  /**
   * How long an APDU may go unanswered before the bridge gives up as a reader does. Default: the
   * block waiting time the card's ATR announces (about 1.4 s), once and then for each of the 3
   * retries of libccid's T=1 layer (t1_set_defaults in its proto-t1.c): about 5.7 s.
   */
  readonly muteTimeoutMs?: number;
  /** Called on each (re)connection and loss, for a CLI line or a test's wait. */
  readonly onStatus?: (status: 'connected' | 'disconnected') => void;
}

export interface VpcdBridge {
  /** Resolves when vpcd has talked to us (pcscd polls for the ATR within half a second). */
  whenConnected(): Promise<void>;
  isConnected(): boolean;
  /** Number of APDUs answered since the bridge was created. */
  readonly stats: { apdus: number; bytesIn: number; bytesOut: number };
  /** Pulls the card: closes the socket and stops reconnecting. */
  close(): Promise<void>;
}

export function connectVpcd(card: SimCardPort, options: VpcdOptions = {}): VpcdBridge {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 35963;
  const reconnectMs = options.reconnectMs ?? 250;
  const muteTimeoutMs = (): number => {
    if (options.muteTimeoutMs !== undefined) return options.muteTimeoutMs;
    const atr = card.atr;
    return (1 + READER_T1_RETRIES) * (atr.length > 0 ? blockWaitingTimeMs(atr) : 1500);
  };
  const stats = { apdus: 0, bytesIn: 0, bytesOut: 0 };

  let closed = false;
  let socket: Socket | null = null;
  let talking = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];

  function markTalking(): void {
    if (talking) return;
    talking = true;
    options.onStatus?.('connected');
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  }

  function send(s: Socket, body: Bytes): void {
    if (s.destroyed) return;
    const frame = Buffer.alloc(2 + body.length);
    frame.writeUInt16BE(body.length, 0);
    frame.set(body, 2);
    s.write(frame);
  }

  // APDUs are answered strictly in order: vpcd waits for each answer before it sends anything else.
  let queue: Promise<void> = Promise.resolve();

  function onMessage(s: Socket, body: Buffer): void {
    markTalking();
    if (body.length === 1) {
      switch (body[0]) {
        case CTRL_POWER_OFF:
          card.powerOff();
          return;
        case CTRL_POWER_ON:
          card.powerOn();
          return;
        case CTRL_RESET:
          card.reset();
          return;
        case CTRL_GET_ATR:
          send(s, card.atr);
          return;
        default:
          return;
      }
    }
    const command = Uint8Array.from(body);
    queue = queue.then(async () => {
      // A tampered card never settles its promise. A reader waits the block waiting time, then
      // reports a failed exchange. Here the bridge hangs up: vpcd ends pcscd's transmit with no
      // answer instead of blocking pcscd's reader thread for good (an empty frame instead kept
      // the client waiting about 50 s), then the bridge connects again, as a re-powered card.
      const response = await answerWithin(card.transmit(command), muteTimeoutMs());
      if (s !== socket) return;
      if (response === null) {
        s.destroy();
        return;
      }
      stats.apdus++;
      stats.bytesIn += command.length;
      stats.bytesOut += response.length;
      send(s, response);
    });
    queue = queue.catch((e: unknown) => {
      console.error('[VpcdBridge] the simulated card threw on an APDU', e);
    });
  }

  function connectOnce(): void {
    if (closed) return;
    const s = new Socket();
    socket = s;
    queue = Promise.resolve();
    let buffer: Buffer = Buffer.alloc(0);
    s.setNoDelay(true);
    s.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const body = buffer.subarray(2, 2 + length);
        buffer = buffer.subarray(2 + length);
        onMessage(s, body);
      }
    });
    s.on('error', () => {
      // ECONNREFUSED while pcscd is down, ECONNRESET when it stops: 'close' follows and retries.
    });
    s.on('close', () => {
      if (socket === s) socket = null;
      if (talking) {
        talking = false;
        if (!closed) options.onStatus?.('disconnected');
      }
      if (!closed) {
        timer = setTimeout(connectOnce, reconnectMs);
        timer.unref();
      }
    });
    s.connect(port, host);
  }

  connectOnce();

  return {
    stats,
    isConnected: () => talking,
    whenConnected() {
      if (talking) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      clearTimeout(timer);
      const s = socket;
      socket = null;
      if (!s || s.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        // 'close' follows destroy() on the next ticks; the timer only guards a caller's await.
        const timer = setTimeout(resolve, 1000);
        s.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        s.destroy();
      });
    },
  };
}

/** The answer, or null when none came within `ms` (the card's promise may never settle). */
function answerWithin(answer: Promise<Bytes>, ms: number): Promise<Bytes | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms);
    answer.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
