// The vpcd bridge against a stand-in for pcscd's vpcd driver: framing, power messages, silence, reconnect.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectVpcd, type VpcdBridge } from '../../../main/card/sim/vpcd-bridge';
import { createTinyCard } from '../../integration/support/tiny-card';

/** Plays vpcd: accepts the card's connection and exchanges length-prefixed messages with it. */
class FakeVpcd {
  readonly server: Server;
  socket: Socket | null = null;
  private buffer = Buffer.alloc(0);
  private readonly replies: Buffer[] = [];
  private waiting: ((b: Buffer) => void) | null = null;
  private connectedWaiters: Array<() => void> = [];

  constructor() {
    this.server = createServer((s) => {
      this.socket = s;
      this.buffer = Buffer.alloc(0);
      s.setNoDelay(true);
      s.on('error', () => {}); // the bridge closing its end resets the connection
      s.on('data', (d: Buffer) => {
        this.buffer = Buffer.concat([this.buffer, d]);
        while (this.buffer.length >= 2 && this.buffer.length >= 2 + this.buffer.readUInt16BE(0)) {
          const n = this.buffer.readUInt16BE(0);
          const body = this.buffer.subarray(2, 2 + n);
          this.buffer = this.buffer.subarray(2 + n);
          if (this.waiting) {
            this.waiting(body);
            this.waiting = null;
          } else this.replies.push(body);
        }
      });
      for (const w of this.connectedWaiters.splice(0)) w();
    });
  }

  listen(): Promise<number> {
    return new Promise((r) =>
      this.server.listen(0, '127.0.0.1', () => r((this.server.address() as AddressInfo).port)),
    );
  }

  connected(): Promise<void> {
    return this.socket ? Promise.resolve() : new Promise((r) => this.connectedWaiters.push(r));
  }

  /** Sends one message, split into single bytes to prove the bridge reassembles frames. */
  send(body: number[]): void {
    const frame = Buffer.from([body.length >> 8, body.length & 0xff, ...body]);
    for (const byte of frame) this.socket!.write(Buffer.of(byte));
  }

  reply(timeoutMs = 1000): Promise<Buffer | 'silence'> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve('silence');
      }, timeoutMs);
      this.waiting = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
    });
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}

let vpcd: FakeVpcd | null = null;
let bridge: VpcdBridge | null = null;
afterEach(async () => {
  await bridge?.close();
  await vpcd?.close();
  bridge = null;
  vpcd = null;
});

describe('vpcd bridge', () => {
  it('answers GET ATR and APDUs, and passes power on / off / reset to the card', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const card = createTinyCard();
    bridge = connectVpcd(card, { port });
    await vpcd.connected();
    vpcd.send([0x04]);
    expect([...((await vpcd.reply()) as Buffer)]).toEqual([...card.atr]);
    vpcd.send([0x01]);
    vpcd.send([0x02]);
    vpcd.send([0x00, 0xa4, 0x04, 0x0c, 0x02, 0xaa, 0xbb]);
    expect([...((await vpcd.reply()) as Buffer)]).toEqual([0xbb, 0xaa, 0x90, 0x00]);
    vpcd.send([0x00]);
    await bridge.whenConnected();
    for (let i = 0; i < 50 && card.power.length < 3; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(card.power).toEqual(['on', 'reset', 'off']);
    expect(bridge.stats).toEqual({ apdus: 1, bytesIn: 7, bytesOut: 4 });
  });

  it('a mute card sends nothing back for an APDU, but the ATR still comes', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const card = createTinyCard();
    card.goMute();
    bridge = connectVpcd(card, { port });
    await vpcd.connected();
    vpcd.send([0x04]);
    expect((await vpcd.reply()).length).toBe(card.atr.length);
    vpcd.send([0x00, 0xb0, 0x00, 0x00, 0x00]);
    expect(await vpcd.reply(300)).toBe('silence');
  });

  it('connects again after vpcd drops it, and stops for good on close()', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const status: string[] = [];
    bridge = connectVpcd(createTinyCard(), {
      port,
      reconnectMs: 20,
      onStatus: (s) => status.push(s),
    });
    await vpcd.connected();
    vpcd.send([0x04]);
    await vpcd.reply();
    const first = vpcd.socket!;
    vpcd.socket = null;
    first.destroy();
    await vpcd.connected();
    vpcd.send([0x04]);
    await vpcd.reply();
    expect(status).toEqual(['connected', 'disconnected', 'connected']);
    await bridge.close();
    expect(bridge.isConnected()).toBe(false);
    expect(status).toEqual(['connected', 'disconnected', 'connected']);
  });
});
