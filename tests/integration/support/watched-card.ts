// A card as the reader sees it, with a look at each command first: the switch a test pulls a card
// or kills a process with at an exact command.
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';

/** The card, calling `onCommand` with each command's INS and P1 before the card answers it. */
export function watched(
  card: SimCardPort,
  onCommand: (ins: number, p1: number) => void,
): SimCardPort {
  return {
    get atr() {
      return card.atr;
    },
    powerOn: () => card.powerOn(),
    powerOff: () => card.powerOff(),
    reset: () => card.reset(),
    transmit(command) {
      onCommand(command[1] ?? 0, command[2] ?? 0);
      return card.transmit(command);
    },
  };
}
