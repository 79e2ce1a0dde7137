// The PC/SC watcher's own logic, against a fake pcsc-mini: states, events, ATRs, error mapping.
import { describe, expect, it } from 'vitest';
import { createPcscWatcher } from '../../../main/card/pcsc-transport';
import {
  CardAbsentError,
  CardMuteError,
  PcscUnavailableError,
  ReaderGoneError,
  type Bytes,
  type ReaderEvent,
} from '../../../main/card/transport';
import { FakePcsc } from './fake-pcsc';

const READER = 'Fake Reader 00 00';
const ATR_A = Uint8Array.of(
  0x3b,
  0xc5,
  0xff,
  0x81,
  0x31,
  0xfb,
  0x45,
  0x80,
  0x73,
  0xc6,
  0x01,
  0x00,
  0x00,
);
const ATR_B = Uint8Array.of(0x3b, 0x84, 0x80, 0x01, 0x55, 0x4e, 0x4b, 0x4e, 0x1b);
const ok = async (c: Bytes) => Uint8Array.of(...c.subarray(0, 1), 0x90, 0x00);
const card = (atr: Bytes, transmit = ok) => ({ atr, transmit });
const hex = (b: Bytes | null | undefined) => (b ? Buffer.from(b).toString('hex') : String(b));

function setup(configure?: (f: FakePcsc) => void) {
  const fake = new FakePcsc();
  fake.addReader(READER);
  configure?.(fake);
  const watcher = createPcscWatcher({
    retryMs: 20,
    releaseTimeoutMs: 100,
    loadPcsc: async () => fake.module(),
  });
  const events: string[] = [];
  watcher.onEvent((e: ReaderEvent) =>
    events.push(e.kind === 'card-inserted' ? `${e.kind} ${hex(e.atr)}` : e.kind),
  );
  return { fake, watcher, events };
}

describe('PC/SC watcher: when PC/SC cannot be used', () => {
  it('the addon cannot be loaded: start resolves, the state says addon-missing, connect refuses', async () => {
    const watcher = createPcscWatcher({
      loadPcsc: async () => {
        throw new Error('Required addon dependency not found (@pcsc-mini/linux-x86_64-gnu)');
      },
    });
    await expect(watcher.start()).resolves.toBeUndefined();
    expect(watcher.state()).toEqual({ kind: 'pcsc-unavailable', reason: 'addon-missing' });
    expect(watcher.readers()).toEqual([]);
    await expect(watcher.connect(READER)).rejects.toEqual(
      new PcscUnavailableError('addon-missing'),
    );
  });

  it('pcscd is not running at start: service-not-running, then ready once it comes up', async () => {
    const { fake, watcher, events } = setup((f) => (f.serviceUp = false));
    await watcher.start();
    expect(watcher.state()).toEqual({ kind: 'pcsc-unavailable', reason: 'service-not-running' });
    fake.serviceUp = true;
    // The next retry (every 20 ms here) finds the service.
    await expect.poll(() => watcher.state()).toEqual({ kind: 'ready' });
    expect(watcher.readers().map((r) => r.name)).toEqual([READER]);
    expect(events).toEqual(['reader-added']);
    await watcher.stop();
  });

  it('pcscd stops while watched: the card and reader go away, and come back with the service', async () => {
    const { fake, watcher, events } = setup((f) => f.insert(READER, card(ATR_A)));
    await watcher.start();
    fake.stopService();
    expect(watcher.state()).toEqual({ kind: 'pcsc-unavailable', reason: 'service-not-running' });
    expect(watcher.readers()).toEqual([]);
    fake.serviceUp = true;
    await expect.poll(() => watcher.state()).toEqual({ kind: 'ready' });
    await expect
      .poll(() => events)
      .toEqual([
        'reader-added',
        `card-inserted ${hex(ATR_A)}`,
        'card-removed',
        'reader-removed',
        'reader-added',
        `card-inserted ${hex(ATR_A)}`,
      ]);
    await watcher.stop();
  });
});

describe('PC/SC watcher: readers and cards', () => {
  it('reports the ATR read from the card, not the garbled one of the change event', async () => {
    const { fake, watcher, events } = setup();
    await watcher.start();
    fake.insert(READER, card(ATR_A));
    // The ATR is read from the card after the change event: the insertion is reported then.
    await expect.poll(() => events).toEqual(['reader-added', `card-inserted ${hex(ATR_A)}`]);
    expect(hex(watcher.readers()[0]!.atr)).toBe(hex(ATR_A));
    fake.remove(READER);
    expect(events.at(-1)).toBe('card-removed');
    expect(watcher.readers()[0]).toEqual({ name: READER, atr: null, mute: false });
    await watcher.stop();
  });

  it('a card swapped between two polls shows as a removal and a new insertion', async () => {
    const { fake, watcher, events } = setup((f) => f.insert(READER, card(ATR_A)));
    await watcher.start();
    fake.swap(READER, card(ATR_B));
    await expect
      .poll(() => events.slice(-2))
      .toEqual(['card-removed', `card-inserted ${hex(ATR_B)}`]);
    await watcher.stop();
  });

  it('a mute card is present with an empty ATR and refuses a connection with CardMuteError', async () => {
    const { fake, watcher, events } = setup();
    await watcher.start();
    fake.insert(READER, card(ATR_A), true);
    expect(events.at(-1)).toBe('card-inserted ');
    expect(watcher.readers()[0]).toEqual({ name: READER, atr: new Uint8Array(0), mute: true });
    await expect(watcher.connect(READER)).rejects.toBeInstanceOf(CardMuteError);
    await watcher.stop();
  });

  it('connect: empty slot is CardAbsentError, unknown reader is ReaderGoneError', async () => {
    const { watcher } = setup();
    await watcher.start();
    await expect(watcher.connect(READER)).rejects.toBeInstanceOf(CardAbsentError);
    await expect(watcher.connect('Gone Reader')).rejects.toBeInstanceOf(ReaderGoneError);
    await watcher.stop();
  });
});

describe('PC/SC watcher: exchanges', () => {
  it('transmits, and disconnects with RESET so no verified PIN outlives the session', async () => {
    const { fake, watcher } = setup((f) => f.insert(READER, card(ATR_A)));
    await watcher.start();
    const c = await watcher.connect(READER);
    expect(hex(c.atr)).toBe(hex(ATR_A));
    await c.begin();
    expect(hex(await c.transmit(Uint8Array.of(0x00, 0xa4)))).toBe('009000');
    await c.end();
    await c.disconnect();
    // LEAVE after the short look at the ATR on insertion, RESET after the session.
    expect(fake.dispositions).toEqual([0, 1]);
    await watcher.stop();
  });

  it.each([
    ['UnresponsiveCard', CardMuteError],
    ['UnknownReader', ReaderGoneError],
    ['RemovedCard', CardAbsentError],
  ])('a transmit failing with %s becomes %o', async (code, errorClass) => {
    const failing = async () => {
      throw Object.assign(new Error(code), { code });
    };
    const { watcher } = setup((f) => f.insert(READER, card(ATR_A, failing)));
    await watcher.start();
    const c = await watcher.connect(READER);
    await expect(c.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00))).rejects.toBeInstanceOf(
      errorClass,
    );
    await watcher.stop();
  });

  it('an empty response from a card that has just gone is CardAbsentError', async () => {
    let slots: FakePcsc | null = null;
    const vanishing = async () => {
      slots?.remove(READER);
      return new Uint8Array(0);
    };
    const s = setup((f) => {
      slots = f;
      f.insert(READER, card(ATR_A, vanishing));
    });
    await s.watcher.start();
    const c = await s.watcher.connect(READER);
    await expect(c.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00))).rejects.toBeInstanceOf(
      CardAbsentError,
    );
    await s.watcher.stop();
  });
});
