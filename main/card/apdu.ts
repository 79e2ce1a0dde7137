// APDU codec and the channel that turns one logical command into card exchanges (61xx, 6Cxx, timeout).
import { CardMuteError } from './transport';
import type { Bytes, CardTransport } from './transport';
import { SW, swHex, triesLeftOf } from './status-words';
import type { StatusWord } from './status-words';

/** One command. `le` is the number of bytes expected (1..65536); omit it for no response data. */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Bytes;
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Bytes;
  readonly sw: StatusWord;
}

const SHORT_MAX_LC = 255;
const SHORT_MAX_LE = 256;
const EXTENDED_MAX = 65535;
const EXTENDED_MAX_LE = 65536;

/**
 * Encodes ISO 7816-4 cases 1-4. Extended length is used only when Lc or Le does not fit a short
 * APDU (or when asked), because the My Number Card speaks short APDUs (docs/card.md, Reading and signing).
 */
export function encodeCommand(cmd: CommandApdu, options: { extended?: boolean } = {}): Bytes {
  const data = cmd.data ?? new Uint8Array(0);
  const le = cmd.le;
  if (data.length > EXTENDED_MAX) throw new RangeError(`Lc ${data.length} too large`);
  if (le !== undefined && (le < 1 || le > EXTENDED_MAX_LE || !Number.isInteger(le))) {
    throw new RangeError(`Le ${le} out of range`);
  }
  const extended =
    options.extended === true ||
    data.length > SHORT_MAX_LC ||
    (le !== undefined && le > SHORT_MAX_LE);
  const out: number[] = [cmd.cla & 0xff, cmd.ins & 0xff, cmd.p1 & 0xff, cmd.p2 & 0xff];
  if (!extended) {
    if (data.length > 0) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === SHORT_MAX_LE ? 0 : le);
    return Uint8Array.from(out);
  }
  // Extended: a 00 marker, then 2-byte Lc; Le is 3 bytes (00 hi lo) without data, 2 bytes after it.
  if (data.length > 0) out.push(0x00, data.length >> 8, data.length & 0xff, ...data);
  if (le !== undefined) {
    const v = le === EXTENDED_MAX_LE ? 0 : le;
    if (data.length === 0) out.push(0x00);
    out.push(v >> 8, v & 0xff);
  }
  return Uint8Array.from(out);
}

/** Splits a response APDU into data and status word. */
export function parseResponse(bytes: Bytes): ResponseApdu {
  if (bytes.length < 2) throw new MalformedResponseError(`response of ${bytes.length} bytes`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

/** The card answered something this layer cannot read at all (not even a status word). */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/** The card refused a command: carries the status word; the message never carries command data. */
export class CardStatusError extends Error {
  override readonly name = 'CardStatusError';
  constructor(
    readonly sw: StatusWord,
    /** The instruction byte, for the log line (never the data, which may hold a PIN). */
    readonly ins?: number,
  ) {
    super(`card answered ${swHex(sw)}${ins === undefined ? '' : ` to INS ${hexByte(ins)}`}`);
  }

  /** x for 63Cx, else null. */
  get triesLeft(): number | null {
    return triesLeftOf(this.sw);
  }
}

export function isStatus(e: unknown, sw: StatusWord): e is CardStatusError {
  return e instanceof CardStatusError && e.sw === sw;
}

/** No answer within the exchange timeout: a mute or tampered card must not hang the app. */
export class CardTimeoutError extends CardMuteError {
  constructor(
    reader: string,
    readonly timeoutMs: number,
  ) {
    super(reader);
    this.message = `card in reader ${reader} did not answer within ${timeoutMs} ms`;
  }
}

/** One exchange for a transcript. Secret-bearing command data is masked before the hook sees it. */
export interface TraceEntry {
  /** `=> ` line body: command hex, with VERIFY / CHANGE / RESET RETRY data replaced by `*`. */
  readonly command: string;
  /** `<= ` line body: response hex; data shown only with `revealData`, else `[n bytes]` + SW. */
  readonly response: string | null;
  readonly ms: number;
  readonly error?: string;
}

export interface ApduChannelOptions {
  /** Reader name, for errors. */
  readonly reader: string;
  /** Each transport exchange (not each logical command) must answer within this. */
  readonly timeoutMs: number;
  readonly trace?: (entry: TraceEntry) => void;
  /** Show response data in traces. Off by default: responses can hold the 個人番号. */
  readonly revealData?: boolean;
}

/** What the card layers above need from a channel; ApduChannel is the implementation. */
export interface Apdu {
  /** Sends a command, following 61xx/6Cxx; resolves with the final data and SW, whatever the SW. */
  send(cmd: CommandApdu): Promise<ResponseApdu>;
  /** Like send, but throws CardStatusError unless the SW is 9000. */
  exchange(cmd: CommandApdu): Promise<Bytes>;
}

const MAX_GET_RESPONSE = 64;

/**
 * Key generation on the card (GENERATE ASYMMETRIC KEY PAIR, P1=80) takes seconds on a real chip,
 * far longer than any other command: it gets its own limit, so that a slow but healthy card is
 * not taken for a mute or tampered one. Every other command keeps the exchange timeout.
 */
export const KEY_GENERATION_TIMEOUT_MS = 60_000;

/** The longest wait for the answer to `command` when ordinary commands get `baseMs`. */
export function exchangeTimeoutFor(command: Bytes, baseMs: number): number {
  const generatesKey = command[1] === 0x47 && command[2] === 0x80;
  return generatesKey ? Math.max(baseMs, KEY_GENERATION_TIMEOUT_MS) : baseMs;
}
/** INS whose command data is a secret: VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, 80 32. */
const SECRET_INS = new Set([0x20, 0x24, 0x2c, 0x32]);

/**
 * Wraps a transport: serialises exchanges (the transport never sees two at once), applies the
 * per-exchange timeout, and hides 61xx GET RESPONSE chaining and 6Cxx re-sends from callers.
 */
export class ApduChannel implements Apdu {
  private queue: Promise<unknown> = Promise.resolve();
  /** Set once an exchange timed out: the transport is stuck, so later exchanges fail at once. */
  private dead: CardTimeoutError | null = null;

  constructor(
    private readonly transport: CardTransport,
    private readonly options: ApduChannelOptions,
  ) {}

  get atr(): Bytes {
    return this.transport.atr;
  }

  send(cmd: CommandApdu): Promise<ResponseApdu> {
    const run = this.queue.then(
      () => this.sendNow(cmd),
      () => this.sendNow(cmd),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  async exchange(cmd: CommandApdu): Promise<Bytes> {
    const res = await this.send(cmd);
    if (res.sw !== SW.OK) throw new CardStatusError(res.sw, cmd.ins);
    return res.data;
  }

  private async sendNow(cmd: CommandApdu): Promise<ResponseApdu> {
    const encoded = encodeCommand(cmd);
    let res: ResponseApdu;
    try {
      res = await this.transmit(encoded);
    } finally {
      // Best effort: the encoded copy of a PIN does not outlive the exchange (docs/style.md, No PIN anywhere).
      if (SECRET_INS.has(cmd.ins)) encoded.fill(0);
    }
    // 6Cxx: wrong Le; the card tells the right one. Re-send once, as the standard intends.
    if ((res.sw & 0xff00) === 0x6c00) {
      res = await this.transmit(encodeCommand({ ...cmd, le: res.sw & 0xff || 256 }));
    }
    const chunks: Bytes[] = [res.data];
    let rounds = 0;
    while ((res.sw & 0xff00) === 0x6100) {
      if (++rounds > MAX_GET_RESPONSE) throw new MalformedResponseError('endless 61xx chain');
      const le = res.sw & 0xff || 256;
      res = await this.transmit(
        encodeCommand({ cla: cmd.cla & 0x03, ins: 0xc0, p1: 0, p2: 0, le }),
      );
      chunks.push(res.data);
    }
    return { data: concatBytes(chunks), sw: res.sw };
  }

  private async transmit(command: Bytes): Promise<ResponseApdu> {
    if (this.dead) throw this.dead;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limitMs = exchangeTimeoutFor(command, this.options.timeoutMs);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CardTimeoutError(this.options.reader, limitMs)), limitMs);
    });
    try {
      const raw = await Promise.race([this.transport.transmit(command), timeout]);
      const res = parseResponse(raw);
      this.traceOk(command, res, started);
      return res;
    } catch (e) {
      if (e instanceof CardTimeoutError) this.dead = e;
      this.traceError(command, e, started);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private traceOk(command: Bytes, res: ResponseApdu, started: number): void {
    if (!this.options.trace) return;
    const data =
      res.data.length === 0
        ? ''
        : this.options.revealData
          ? toHex(res.data)
          : `[${res.data.length} bytes] `;
    this.options.trace({
      command: maskCommand(command),
      response: `${data}${swHex(res.sw)}`,
      ms: Date.now() - started,
    });
  }

  private traceError(command: Bytes, e: unknown, started: number): void {
    if (!this.options.trace) return;
    this.options.trace({
      command: maskCommand(command),
      response: null,
      ms: Date.now() - started,
      error: e instanceof Error ? e.name : 'unknown',
    });
  }
}

/** Command hex with the data of secret-bearing instructions replaced by `*` (lengths kept). */
export function maskCommand(command: Bytes): string {
  const hex = toHex(command);
  if (command.length <= 5 || !SECRET_INS.has(command[1]!)) return hex;
  return hex.slice(0, 10) + '*'.repeat(hex.length - 10);
}

export function toHex(bytes: Bytes, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(separator);
}

export function fromHex(hex: string): Bytes {
  const clean = hex.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not hex');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function equalBytes(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function concatBytes(parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function hexByte(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
