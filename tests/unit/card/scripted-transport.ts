// A card transport that plays a transcript (`=> command` / `<= response`) and fails on any other APDU.
import { ApduChannel, fromHex, toHex } from '../../../main/card/apdu';
import { CardAbsentError } from '../../../main/card/transport';
import type { Bytes, CardConnection } from '../../../main/card/transport';

type Reply = { kind: 'bytes'; hex: string } | { kind: 'silence' } | { kind: 'removed' };

interface Step {
  readonly command: string;
  readonly reply: Reply;
  readonly line: number;
}

/** Parses `=> hex` / `<= hex` lines; `<= !silence` never answers, `<= !removed` pulls the card. */
export function parseScript(script: string): Step[] {
  const steps: Step[] = [];
  let pending: { command: string; line: number } | null = null;
  script.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const body = line.slice(2).replace(/\s+/g, '').toUpperCase();
    if (line.startsWith('=>')) {
      if (pending) throw new Error(`line ${i + 1}: command without reply before it`);
      pending = { command: body, line: i + 1 };
    } else if (line.startsWith('<=')) {
      if (!pending) throw new Error(`line ${i + 1}: reply without command`);
      const reply: Reply =
        body === '!SILENCE'
          ? { kind: 'silence' }
          : body === '!REMOVED'
            ? { kind: 'removed' }
            : { kind: 'bytes', hex: toHex(fromHex(body)) };
      steps.push({ ...pending, reply });
      pending = null;
    } else {
      throw new Error(`line ${i + 1}: neither => nor <=`);
    }
  });
  if (pending) throw new Error('script ends with a command and no reply');
  return steps;
}

export class ScriptedTransport implements CardConnection {
  readonly readerName: string;
  readonly atr: Bytes;
  readonly sent: string[] = [];
  readonly failures: string[] = [];
  readonly calls: string[] = [];
  private steps: Step[];
  private inFlight = 0;

  constructor(script: string, options: { atr?: Bytes; readerName?: string } = {}) {
    this.steps = parseScript(script);
    this.atr = options.atr ?? fromHex('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00');
    this.readerName = options.readerName ?? 'Test Reader 0';
  }

  /** Appends more of the transcript (e.g. after a card swap). */
  append(script: string): void {
    this.steps.push(...parseScript(script));
  }

  async transmit(command: Bytes): Promise<Bytes> {
    const hex = toHex(command);
    this.sent.push(hex);
    if (this.inFlight > 0) this.failures.push(`overlapping exchange: ${hex}`);
    const step = this.steps.shift();
    if (!step || step.command !== hex) {
      const why = step
        ? `line ${step.line}: expected => ${step.command}, got => ${hex}`
        : `unexpected => ${hex} after the end of the script`;
      this.failures.push(why);
      throw new Error(`scripted transport: ${why}`);
    }
    this.inFlight++;
    // A silent card keeps the exchange in flight for ever, as a mute card does.
    if (step.reply.kind === 'silence') return new Promise<Bytes>(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.inFlight--;
    if (step.reply.kind === 'removed') throw new CardAbsentError(this.readerName);
    return fromHex(step.reply.hex);
  }

  async begin(): Promise<void> {
    this.calls.push('begin');
  }
  async end(): Promise<void> {
    this.calls.push('end');
  }
  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
  }

  /** Fails the test if any APDU was unexpected or part of the script was never played. */
  assertDone(): void {
    if (this.failures.length > 0) throw new Error(this.failures.join('\n'));
    if (this.steps.length > 0) {
      throw new Error(
        `script not finished: next was line ${this.steps[0]!.line} => ${this.steps[0]!.command}`,
      );
    }
  }
}

/** A transcript played through an ApduChannel, as the card layer's code talks to a card. */
export function play(script: string): { t: ScriptedTransport; ch: ApduChannel } {
  const t = new ScriptedTransport(script);
  return { t, ch: new ApduChannel(t, { reader: 'R', timeoutMs: 500 }) };
}
