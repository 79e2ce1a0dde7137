// The in-process simulated reader: events, exclusive sessions, pulled cards, mute cards, resets.
import { beforeEach, describe, expect, it } from 'vitest';
import { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME, SimReader } from '../../../main/card/sim/sim-reader';
import {
  CardAbsentError,
  CardMuteError,
  ReaderGoneError,
  type ReaderEvent,
} from '../../../main/card/transport';
import { hex, selectAppApdu, toHex } from './sim-helpers';

const SELECT_JPKI = hex(selectAppApdu('jpki'));

function newCard(): SimCard {
  const card = new SimCard({ profile: 'my-number' });
  card.manufactureSecret('jpki-auth', '1234');
  return card;
}

function swOf(response: Uint8Array): string {
  return toHex(response.slice(-2));
}

describe('sim reader: events and snapshots', () => {
  let reader: SimReader;
  let events: ReaderEvent[];
  beforeEach(() => {
    reader = new SimReader();
    events = [];
    reader.onEvent((e) => events.push(e));
  });

  it('announces its one reader on start, then cards coming and going', async () => {
    await reader.start();
    expect(reader.state()).toEqual({ kind: 'ready' });
    expect(reader.readers()).toEqual([{ name: SIM_READER_NAME, atr: null, mute: false }]);
    const card = newCard();
    reader.insert(card);
    expect(reader.current()).toBe(card);
    expect(reader.readers()[0]?.atr).toEqual(card.atr);
    reader.remove();
    expect(reader.current()).toBeNull();
    expect(events.map((e) => e.kind)).toEqual(['reader-added', 'card-inserted', 'card-removed']);
    expect(events[1]).toMatchObject({ reader: SIM_READER_NAME, atr: card.atr });
  });

  it('reports a card inserted before start once started', async () => {
    reader.insert(newCard());
    expect(events).toEqual([]);
    await reader.start();
    expect(events.map((e) => e.kind)).toEqual(['reader-added', 'card-inserted']);
  });

  it('swap removes one card and inserts the other', async () => {
    await reader.start();
    const first = newCard();
    const second = newCard();
    reader.insert(first);
    reader.swap(second);
    expect(reader.current()).toBe(second);
    expect(events.map((e) => e.kind)).toEqual([
      'reader-added',
      'card-inserted',
      'card-removed',
      'card-inserted',
    ]);
  });

  it('unsubscribing stops the events', async () => {
    const unsubscribe = reader.onEvent(() => {
      throw new Error('should not be called after unsubscribe');
    });
    unsubscribe();
    await reader.start();
    expect(events).toHaveLength(1);
  });
});

describe('sim reader: connections', () => {
  let reader: SimReader;
  beforeEach(async () => {
    reader = new SimReader();
    await reader.start();
  });

  it('connects to the inserted card and exchanges APDUs', async () => {
    reader.insert(newCard());
    const connection = await reader.connect(SIM_READER_NAME);
    expect(connection.readerName).toBe(SIM_READER_NAME);
    expect(toHex(connection.atr)).toBe('3BC5FF8131FB458073C6010000');
    expect(swOf(await connection.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('refuses to connect to an empty slot, a mute card and an unknown reader', async () => {
    await expect(reader.connect(SIM_READER_NAME)).rejects.toBeInstanceOf(CardAbsentError);
    await expect(reader.connect('Some Other Reader')).rejects.toBeInstanceOf(ReaderGoneError);
    const mute = new SimCard({ profile: 'my-number', atr: new Uint8Array(0) });
    reader.insert(mute);
    expect(reader.readers()[0]).toMatchObject({ mute: true });
    await expect(reader.connect(SIM_READER_NAME)).rejects.toBeInstanceOf(CardMuteError);
  });

  it('a transmit after the card was removed rejects with CardAbsentError', async () => {
    reader.insert(newCard());
    const connection = await reader.connect(SIM_READER_NAME);
    reader.remove();
    await expect(connection.transmit(SELECT_JPKI)).rejects.toBeInstanceOf(CardAbsentError);
  });

  it('a card pulled while a read is pending rejects that read with CardAbsentError', async () => {
    const card = newCard();
    // The card has the command and has not answered yet when it is pulled.
    let reached!: () => void;
    const atCard = new Promise<void>((r) => (reached = r));
    reader.insert({
      get atr() {
        return card.atr;
      },
      powerOn: () => card.powerOn(),
      powerOff: () => card.powerOff(),
      reset: () => card.reset(),
      transmit: () => {
        reached();
        return new Promise<Uint8Array>(() => undefined);
      },
    });
    const connection = await reader.connect(SIM_READER_NAME);
    const pending = connection.transmit(SELECT_JPKI);
    await atCard;
    reader.remove();
    await expect(pending).rejects.toBeInstanceOf(CardAbsentError);
  });

  it('a connection to the old card does not reach a card swapped in after it', async () => {
    reader.insert(newCard());
    const old = await reader.connect(SIM_READER_NAME);
    reader.swap(newCard());
    await expect(old.transmit(SELECT_JPKI)).rejects.toBeInstanceOf(CardAbsentError);
  });

  it('begin/end is an exclusive lock: a second session waits for the first to end', async () => {
    reader.insert(newCard());
    const a = await reader.connect(SIM_READER_NAME);
    const b = await reader.connect(SIM_READER_NAME);
    await a.begin();
    const order: string[] = [];
    const bBegins = b.begin().then(() => order.push('b began'));
    const bTransmits = b.transmit(SELECT_JPKI).then(() => order.push('b transmitted'));
    // a's own exchange, then a turn of the event loop: b, had it not waited, would be done by now.
    expect(swOf(await a.transmit(SELECT_JPKI))).toBe('9000');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    order.push('a ended');
    await a.end();
    await Promise.all([bBegins, bTransmits]);
    expect(order[0]).toBe('a ended');
    await b.end();
    // end() is safe to call when the card is gone.
    reader.remove();
    await expect(a.end()).resolves.toBeUndefined();
  });

  it('a tampered card mid-session times out as mute when the reader has an exchange timeout', async () => {
    const timed = new SimReader({ exchangeTimeoutMs: 30 });
    await timed.start();
    const card = newCard();
    timed.insert(card);
    const connection = await timed.connect(SIM_READER_NAME);
    card.tamper();
    await expect(connection.transmit(SELECT_JPKI)).rejects.toBeInstanceOf(CardMuteError);
  });

  it('disconnect resets the card: a verified PIN is forgotten', async () => {
    const card = new SimCard({ profile: 'my-number' });
    card.manufactureSecret('text-pin', '5678');
    reader.insert(card);
    const first = await reader.connect(SIM_READER_NAME);
    await first.transmit(hex(selectAppApdu('text')));
    await first.transmit(hex('00A4020C020011'));
    expect(swOf(await first.transmit(hex('002000800435363738')))).toBe('9000');
    // Without a reset, the same session reads 0002 (empty but readable: 9000).
    await first.transmit(hex('00A4020C020002'));
    expect(swOf(await first.transmit(hex('00B0000001')))).toBe('9000');
    await first.disconnect();
    const second = await reader.connect(SIM_READER_NAME);
    expect(swOf(await second.transmit(hex('00A4020C020002')))).toBe('6A82');
    await second.transmit(hex(selectAppApdu('text')));
    await second.transmit(hex('00A4020C020002'));
    expect(swOf(await second.transmit(hex('00B0000001')))).toBe('6982');
  });
});
