// The pcsc-mini transport against a real pcscd: cards come and go through the vpcd bridge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardAbsentError, ReaderGoneError } from '../../main/card/transport';
import { createPcscHarness, nextEvent, type PcscHarness } from './support/pcsc-harness';
import { createTinyCard, TINY_ATR } from './support/tiny-card';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('PC/SC transport through pcscd + vpcd', () => {
  let h: PcscHarness;
  beforeAll(async () => {
    h = await createPcscHarness({ releaseTimeoutMs: 500 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the vpcd reader as empty before a card is inserted', () => {
    const snapshot = h.watcher.readers().find((r) => r.name === h.reader);
    expect(snapshot).toEqual({ name: h.reader, atr: null, mute: false });
  });

  it('reports an inserted card with its real ATR, and its removal', async () => {
    const atr = Uint8Array.of(
      0x3b,
      0x88,
      0x80,
      0x01,
      0x00,
      0x00,
      0x05,
      0xe0,
      0xb3,
      0x81,
      0xa1,
      0x00,
      0x7f,
    );
    const inserted = nextEvent(h.watcher, (e) => e.kind === 'card-inserted', 5000, 'card-inserted');
    await h.insert(createTinyCard(atr));
    const event = await inserted;
    expect(event.kind === 'card-inserted' && hex(event.atr)).toBe(hex(atr));
    expect(hex(h.watcher.readers().find((r) => r.name === h.reader)!.atr!)).toBe(hex(atr));

    const removed = nextEvent(h.watcher, (e) => e.kind === 'card-removed', 5000, 'card-removed');
    await h.remove();
    expect(await removed).toEqual({ kind: 'card-removed', reader: h.reader });
    expect(h.watcher.readers().find((r) => r.name === h.reader)!.atr).toBeNull();
  });

  it('exchanges APDUs inside a transaction and resets the card on disconnect', async () => {
    const card = createTinyCard();
    await h.insert(card);
    const connection = await h.watcher.connect(h.reader);
    expect(hex(connection.atr)).toBe(hex(TINY_ATR));
    await connection.begin();
    const response = await connection.transmit(
      Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x03, 0x01, 0x02, 0x03),
    );
    expect(hex(response)).toBe('0302019000');
    await connection.end();
    card.power.length = 0;
    await connection.disconnect();
    // RESET disposition: a PIN verified in the session must not survive for the next program.
    expect(card.power).toContain('reset');
    await h.remove();
  });

  it('connecting to an empty reader fails with CardAbsentError, to an unknown one with ReaderGoneError', async () => {
    await h.remove();
    await expect(h.watcher.connect(h.reader)).rejects.toBeInstanceOf(CardAbsentError);
    await expect(h.watcher.connect('No Such Reader 00 00')).rejects.toBeInstanceOf(ReaderGoneError);
  });

  it('a card pulled in the middle of an exchange gives CardAbsentError, not a hang', async () => {
    const card = createTinyCard();
    card.delayMs = 400;
    await h.insert(card);
    const connection = await h.watcher.connect(h.reader);
    await connection.begin();
    const started = Date.now();
    // Pulled once the card has the command, before it answers (it takes 400 ms to).
    void card.nextCommand().then(() => h.bridge()?.close());
    const exchange = connection.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x02, 0x05, 0x06));
    await expect(exchange).rejects.toBeInstanceOf(CardAbsentError);
    expect(Date.now() - started).toBeLessThan(3000);
    await connection.end();
    await connection.disconnect();
    await h.remove();
  });

  it('a card that goes mute after its ATR does not wedge the reader for the next card', async () => {
    const mute = createTinyCard();
    mute.goMute();
    await h.insert(mute);
    const connection = await h.watcher.connect(h.reader);
    await connection.begin();
    const answer = await Promise.race([
      connection
        .transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x01, 0x01))
        .then(() => 'answered' as const),
      new Promise<'silent'>((r) => setTimeout(() => r('silent'), 1000)),
    ]);
    expect(answer).toBe('silent');
    // end() and disconnect() are bounded even though the driver still waits on the card.
    const released = Date.now();
    await connection.end();
    await connection.disconnect();
    expect(Date.now() - released).toBeLessThan(1500);
    await h.remove();

    const next = createTinyCard();
    await h.insert(next);
    const again = await h.watcher.connect(h.reader);
    await again.begin();
    expect(hex(await again.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x01, 0x07)))).toBe(
      '079000',
    );
    await again.end();
    await again.disconnect();
    await h.remove();
  });
});
