// A throwaway SimCardPort for transport tests: answers SELECT with 9000, echoes data, can go mute.
import type { Bytes } from '../../../main/card/transport';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';

export interface TinyCard extends SimCardPort {
  /** Power events seen, in order ('on', 'off', 'reset'). */
  readonly power: string[];
  readonly commands: Bytes[];
  /** From now on every APDU goes unanswered, as on a tampered card. */
  goMute(): void;
  delayMs: number;
  /** Resolves with the next command the card receives (before it answers). */
  nextCommand(): Promise<Bytes>;
}

export const TINY_ATR = Uint8Array.of(
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

/** A card whose answer to any command is its data field (reversed) followed by 9000. */
export function createTinyCard(atr: Bytes = TINY_ATR): TinyCard {
  let mute = false;
  const waiting: ((command: Bytes) => void)[] = [];
  const card: TinyCard = {
    atr,
    power: [],
    commands: [],
    delayMs: 0,
    goMute: () => {
      mute = true;
    },
    nextCommand: () => new Promise((resolve) => waiting.push(resolve)),
    powerOn: () => void card.power.push('on'),
    powerOff: () => void card.power.push('off'),
    reset: () => void card.power.push('reset'),
    async transmit(command: Bytes): Promise<Bytes> {
      card.commands.push(command);
      for (const resolve of waiting.splice(0)) resolve(command);
      if (mute) return new Promise<Bytes>(() => {});
      if (card.delayMs > 0) await new Promise((r) => setTimeout(r, card.delayMs));
      const data = command.length > 5 ? command.subarray(5, 5 + command[4]!) : new Uint8Array(0);
      return Uint8Array.from([...data].reverse().concat([0x90, 0x00]));
    },
  };
  return card;
}
