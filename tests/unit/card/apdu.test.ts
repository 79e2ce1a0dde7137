// APDU codec and channel: cases 1-4, short and extended, 61xx chaining, 6Cxx, timeout, trace masking.
import { describe, expect, it } from 'vitest';
import {
  ApduChannel,
  CardStatusError,
  CardTimeoutError,
  encodeCommand,
  exchangeTimeoutFor,
  fromHex,
  KEY_GENERATION_TIMEOUT_MS,
  parseResponse,
  toHex,
} from '../../../main/card/apdu';
import type { TraceEntry } from '../../../main/card/apdu';
import { CardMuteError } from '../../../main/card/transport';
import { ScriptedTransport } from './scripted-transport';

const enc = (...args: Parameters<typeof encodeCommand>) => toHex(encodeCommand(...args));

function channel(
  t: ScriptedTransport,
  extra: Partial<ConstructorParameters<typeof ApduChannel>[1]> = {},
) {
  return new ApduChannel(t, { reader: 'R', timeoutMs: 200, ...extra });
}

describe('apdu: command encoding', () => {
  it('case 1 is the header alone', () => {
    expect(enc({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 })).toBe('00200080');
  });

  it('case 2 short: Le 256 is encoded as 00', () => {
    expect(enc({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 })).toBe('00B0000000');
    expect(enc({ cla: 0, ins: 0xb0, p1: 1, p2: 2, le: 3 })).toBe('00B0010203');
  });

  it('case 3 short: Lc then data', () => {
    expect(enc({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0006') })).toBe(
      '00A4020C020006',
    );
  });

  it('case 4 short: Lc, data, Le', () => {
    expect(enc({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: fromHex('AABB'), le: 256 })).toBe(
      '802A008002AABB00',
    );
  });

  it('extended length when Le exceeds 256 (case 2E: 00 + 2-byte Le)', () => {
    expect(enc({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1024 })).toBe('00B00000000400');
    expect(enc({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 })).toBe('00B00000000000');
  });

  it('extended length when data exceeds 255 (case 3E and 4E)', () => {
    const data = new Uint8Array(300).fill(0xab);
    const c3 = encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data });
    expect(toHex(c3.subarray(0, 7))).toBe('00D60000' + '00012C');
    expect(c3.length).toBe(7 + 300);
    const c4 = encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data, le: 256 });
    expect(toHex(c4.subarray(c4.length - 2))).toBe('0100');
    expect(c4.length).toBe(7 + 300 + 2);
  });

  it('extended on request even when short would fit', () => {
    expect(
      toHex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 5 }, { extended: true })),
    ).toBe('00B00000000005');
  });

  it('rejects an out-of-range Le', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(RangeError);
  });
});

describe('apdu: responses and status errors', () => {
  it('splits data from the status word', () => {
    const r = parseResponse(fromHex('01029000'));
    expect(toHex(r.data)).toBe('0102');
    expect(r.sw).toBe(0x9000);
  });

  it('a response shorter than a status word is malformed', () => {
    expect(() => parseResponse(fromHex('90'))).toThrow(/response of 1 bytes/);
  });

  it('CardStatusError carries the SW and reads tries left from 63Cx', () => {
    const e = new CardStatusError(0x63c2, 0x20);
    expect(e.sw).toBe(0x63c2);
    expect(e.triesLeft).toBe(2);
    expect(e.message).toBe('card answered 63C2 to INS 20');
    expect(new CardStatusError(0x6982).triesLeft).toBeNull();
  });
});

describe('apdu: channel', () => {
  it('follows 61xx with GET RESPONSE and joins the data', async () => {
    const t = new ScriptedTransport(`
      => 80 2A 00 80 02 AABB 00
      <= 0102 6103
      => 00 C0 00 00 03
      <= 030405 6100
      => 00 C0 00 00 00
      <= 06 9000
    `);
    const data = await channel(t).exchange({
      cla: 0x80,
      ins: 0x2a,
      p1: 0,
      p2: 0x80,
      data: fromHex('AABB'),
      le: 256,
    });
    expect(toHex(data)).toBe('010203040506');
    t.assertDone();
  });

  it('re-sends with the Le a 6Cxx names', async () => {
    const t = new ScriptedTransport(`
      => 00 B0 00 00 00
      <= 6C11
      => 00 B0 00 00 11
      <= FF100C353337363836363737313838FFFF 9000
    `);
    const data = await channel(t).exchange({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 });
    expect(data.length).toBe(17);
    t.assertDone();
  });

  it('exchange() throws CardStatusError on anything but 9000; send() returns it', async () => {
    const t = new ScriptedTransport(`
      => 00A4020C020001
      <= 6A82
      => 00A4020C020001
      <= 6A82
    `);
    const ch = channel(t);
    await expect(
      ch.exchange({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0001') }),
    ).rejects.toMatchObject({
      name: 'CardStatusError',
      sw: 0x6a82,
    });
    const res = await ch.send({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0001') });
    expect(res.sw).toBe(0x6a82);
    t.assertDone();
  });

  it('a card that never answers rejects with a timeout, and the channel stays dead', async () => {
    const t = new ScriptedTransport(`
      => 00A4040C0AD392F000260100000001
      <= !silence
    `);
    const ch = channel(t, { timeoutMs: 30 });
    const started = Date.now();
    const cmd = { cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHex('D392F000260100000001') };
    const err = await ch.send(cmd).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardTimeoutError);
    expect(err).toBeInstanceOf(CardMuteError);
    expect(Date.now() - started).toBeLessThan(1000);
    // No second APDU reaches the stuck transport.
    await expect(ch.send(cmd)).rejects.toBeInstanceOf(CardTimeoutError);
    expect(t.sent.length).toBe(1);
  });

  it('serialises concurrent sends: the transport never sees two at once', async () => {
    const t = new ScriptedTransport(`
      => 00A4020C020001
      <= 9000
      => 00A4020C020002
      <= 9000
    `);
    const ch = channel(t);
    await Promise.all([
      ch.exchange({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0001') }),
      ch.exchange({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0002') }),
    ]);
    t.assertDone();
  });

  it('the trace masks VERIFY data and hides response data unless asked', async () => {
    const t = new ScriptedTransport(`
      => 00 20 00 80 04 31323334
      <= 63C2
      => 00 B0 00 00 03
      <= 8F8F00 9000
    `);
    const entries: TraceEntry[] = [];
    const ch = channel(t, { trace: (e) => entries.push(e) });
    await ch.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: fromHex('31323334') });
    await ch.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 3 });
    expect(entries.map((e) => [e.command, e.response])).toEqual([
      ['0020008004********', '63C2'],
      ['00B0000003', '[3 bytes] 9000'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('31323334');
    t.assertDone();
  });
});

describe('apdu: key generation gets its own time limit', () => {
  /** A card that answers every command after `delayMs`. */
  function slowCard(delayMs: number) {
    return {
      atr: Uint8Array.of(0x3b, 0x00),
      transmit: () =>
        new Promise<Uint8Array>((resolve) =>
          setTimeout(() => resolve(Uint8Array.of(0x90, 0x00)), delayMs),
        ),
    };
  }

  it('a key generation slower than the exchange timeout still completes', async () => {
    const ch = new ApduChannel(slowCard(120), { reader: 'R', timeoutMs: 50 });
    const res = await ch.send({ cla: 0x00, ins: 0x47, p1: 0x80, p2: 0x00, le: 256 });
    expect(res.sw).toBe(0x9000);
    expect(exchangeTimeoutFor(Uint8Array.of(0x00, 0x47, 0x80, 0x00), 50)).toBe(
      KEY_GENERATION_TIMEOUT_MS,
    );
  });

  it('any other command that slow is a timeout, and so is reading the existing key (P1=81)', async () => {
    const ch = new ApduChannel(slowCard(120), { reader: 'R', timeoutMs: 50 });
    await expect(ch.send({ cla: 0x00, ins: 0x84, p1: 0, p2: 0, le: 8 })).rejects.toBeInstanceOf(
      CardMuteError,
    );
    expect(exchangeTimeoutFor(Uint8Array.of(0x00, 0x47, 0x81, 0x00), 50)).toBe(50);
  });
});
