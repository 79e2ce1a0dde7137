// A stand-in for pcsc-mini with the same shapes, driven by the test: readers, cards, service up/down.
import { EventEmitter } from 'node:events';
import type { PcscModule } from '../../../main/card/pcsc-transport';
import type { Bytes } from '../../../main/card/transport';

// Values of pcsc-mini's enums (build/addon.node.d.ts).
const ReaderStatus = { PRESENT: 32, EMPTY: 16, MUTE: 512, UNAVAILABLE: 8, UNKNOWN: 4, IN_USE: 256 };
const CardStatus = { ABSENT: 2, PRESENT: 4, POWERED: 16 };
const CardMode = { EXCLUSIVE: 1, SHARED: 2, DIRECT: 3 };
const CardDisposition = { LEAVE: 0, RESET: 1, UNPOWER: 2, EJECT: 3 };

const pcscError = (code: string) => Object.assign(new Error(`[ ${code} ]`), { code });

interface FakeSlot {
  card: { atr: Bytes; transmit: (c: Bytes) => Promise<Bytes> } | null;
  mute: boolean;
  events: number;
}

export class FakePcsc {
  serviceUp = true;
  readonly slots = new Map<string, FakeSlot>();
  readonly dispositions: number[] = [];
  client: (EventEmitter & { reader(n: string): unknown }) | null = null;
  readonly readerObjectsMap = new Map<string, EventEmitter>();
  private makeReader: ((name: string) => EventEmitter) | null = null;

  setReaderFactory(make: (name: string) => EventEmitter): void {
    this.makeReader = make;
  }

  announceReader(name: string): void {
    this.announce(name);
  }

  connectTo(name: string) {
    return this.connectCard(name);
  }

  module(): PcscModule {
    return buildModule(this);
  }

  addReader(name: string): void {
    this.slots.set(name, { card: null, mute: false, events: 0 });
    if (!this.client || !this.makeReader) return;
    const r = this.makeReader(name);
    this.readerObjectsMap.set(name, r);
    this.client.emit('reader', r);
    this.announce(name);
  }

  insert(name: string, card: FakeSlot['card'], mute = false): void {
    const slot = this.slots.get(name)!;
    slot.card = card;
    slot.mute = mute;
    slot.events++;
    this.announce(name);
  }

  /** A swap faster than the reader polls: PRESENT stays set, only the event counter moves. */
  swap(name: string, card: FakeSlot['card']): void {
    const slot = this.slots.get(name)!;
    slot.card = card;
    slot.events += 2;
    this.announce(name);
  }

  remove(name: string): void {
    const slot = this.slots.get(name)!;
    slot.card = null;
    slot.mute = false;
    slot.events++;
    this.announce(name);
  }

  /** pcscd dies: the monitoring loop reports an error, later calls find no service. */
  stopService(): void {
    this.serviceUp = false;
    this.client?.emit('error', pcscError('CommError'));
  }

  private announce(name: string): void {
    const slot = this.slots.get(name)!;
    const status =
      (slot.card ? ReaderStatus.PRESENT : ReaderStatus.EMPTY) |
      (slot.mute ? ReaderStatus.MUTE : 0) |
      (slot.events << 16);
    // pcsc-mini 0.1.3 garbles the ATR of the change event; the fake does the same on purpose.
    const garbled = slot.card
      ? new Uint8Array(slot.card.atr.length).fill(0).fill(0x25, 0, 1)
      : new Uint8Array(0);
    this.readerObjectsMap.get(name)?.emit('change', { raw: status }, garbled);
  }

  private connectCard(name: string) {
    const slot = this.slots.get(name);
    if (!slot) throw pcscError('UnknownReader');
    if (!slot.card) throw pcscError('NoSmartCard');
    if (slot.mute) throw pcscError('UnresponsiveCard');
    const card = slot.card;
    const present = () => this.slots.get(name)?.card === card;
    return {
      state: async () => ({
        atr: card.atr,
        protocol: 2,
        readerName: name,
        status: { raw: present() ? CardStatus.PRESENT | CardStatus.POWERED : CardStatus.ABSENT },
      }),
      transmit: async (c: Bytes) => {
        if (!present()) throw pcscError('RemovedCard');
        return card.transmit(c);
      },
      transaction: async () => ({ end: async () => {} }),
      disconnect: async (d: number) => {
        this.dispositions.push(d);
      },
    };
  }
}

function buildModule(fake: FakePcsc): PcscModule {
  class Reader extends EventEmitter {
    constructor(readonly n: string) {
      super();
    }
    name() {
      return this.n;
    }
    async connect() {
      return fake.connectTo(this.n);
    }
  }
  fake.setReaderFactory((name) => new Reader(name));
  class Client extends EventEmitter {
    reader(name: string) {
      return fake.readerObjectsMap.get(name);
    }
    start() {
      if (!fake.serviceUp) throw pcscError('NoService');
      fake.client = this;
      for (const name of fake.slots.keys()) {
        const r = new Reader(name);
        fake.readerObjectsMap.set(name, r);
        this.emit('reader', r);
        fake.announceReader(name);
      }
      return this;
    }
    stop() {
      if (!fake.serviceUp) throw pcscError('NoService');
      if (fake.client === this) fake.client = null;
      fake.readerObjectsMap.clear();
    }
  }
  return { Client, ReaderStatus, CardStatus, CardMode, CardDisposition } as unknown as PcscModule;
}
