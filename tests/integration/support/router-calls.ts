// The calls of the in-process integration tests: a practice core on the simulated reader, the
// clerk's and the resident's windows calling its router, and the card in the simulated reader.
import { createCore, type Core } from '../../../main/core';
import type { CoreConfig } from '../../../main/config/config';
import type { SimCard } from '../../../main/card/sim/sim-card';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import type { Channel } from '../../../preload/contract/channels';
import type { Result } from '../../../preload/contract/result';

export const ORIGIN = 'http://127.0.0.1:1';
export const CLERK = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
export const RESIDENT = { url: `${ORIGIN}/resident.html`, isMainFrame: true };

export function simulatedConfig(dataDir: string): CoreConfig {
  return {
    mode: 'practice',
    reader: { kind: 'simulated' },
    exchangeTimeoutMs: 5000,
    simTiming: false,
    idleLockMinutes: 60,
    version: 'test',
    dataDir,
    trustedOrigins: [ORIGIN],
    // The practice seed's reference day: ages (under 15) are counted from it.
    now: () => new Date('2026-11-25T01:00:00Z'),
  };
}

/** A started practice core on the simulated reader (nobody logged in). */
export async function startCore(dataDir: string): Promise<Core> {
  const core = createCore(simulatedConfig(dataDir));
  await core.start();
  return core;
}

/** A router call from a window, answering with the Result. */
export async function raw<T>(core: Core, channel: Channel, payload: unknown = {}, sender = CLERK) {
  return (await core.router.handle(sender, channel, payload)) as Result<T>;
}

/** A router call from a window; a refusal throws. */
export async function call<T>(core: Core, channel: Channel, payload: unknown = {}, sender = CLERK) {
  const r = await raw<T>(core, channel, payload, sender);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.detail ?? ''}`);
  return r.value;
}

/** The card into the simulated reader, in place of the one there. */
export function insert(core: Core, card: SimCardPort): void {
  core.simReader!.remove();
  core.simReader!.insert(card);
}

/** The card as the reader sees it, calling `onCommand` with each command's INS and P1 first. */
export function watched(card: SimCard, onCommand: (ins: number, p1: number) => void): SimCardPort {
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
