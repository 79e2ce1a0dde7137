// Test harness for the PC/SC path: createPcscWatcher against the suite's pcscd, cards put in through vpcd.
import { afterAll, beforeAll, inject } from 'vitest';
import { createPcscWatcher, type PcscWatcherOptions } from '../../../main/card/pcsc-transport';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import { connectVpcd, type VpcdBridge } from '../../../main/card/sim/vpcd-bridge';
import type { ReaderEvent, ReaderWatcher } from '../../../main/card/transport';
import { buildChild, removeDataDirs } from './lifecycle-setup';

/** The reader a suite drives, and how it puts cards in and takes them out. */
export interface ReaderHarness {
  readonly reader: string;
  readonly watcher: ReaderWatcher;
  /** Inserts the card; resolves once the watcher has reported it. */
  insert(card: SimCardPort): Promise<void>;
  /** Pulls the card; resolves once the watcher has reported it gone. */
  remove(): Promise<void>;
  close(): Promise<void>;
}

/** Resolves with the first event that matches, or rejects after `timeoutMs` saying what it waited for. */
export function nextEvent(
  watcher: ReaderWatcher,
  match: (e: ReaderEvent) => boolean,
  timeoutMs: number,
  what: string,
): Promise<ReaderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = watcher.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

export interface PcscHarness extends ReaderHarness {
  /** The bridge of the card now inserted (to pull it mid-exchange). */
  bridge(): VpcdBridge | null;
}

export async function createPcscHarness(options: PcscWatcherOptions = {}): Promise<PcscHarness> {
  const { reader } = inject('pcscd');
  const watcher = createPcscWatcher({ retryMs: 500, ...options });
  await watcher.start();
  if (watcher.state().kind !== 'ready') {
    throw new Error(`PC/SC watcher not ready: ${JSON.stringify(watcher.state())}`);
  }
  let bridge: VpcdBridge | null = null;

  async function remove(): Promise<void> {
    const b = bridge;
    bridge = null;
    if (!b) return;
    const present = watcher.readers().some((r) => r.name === reader && (r.atr !== null || r.mute));
    const gone = present
      ? nextEvent(
          watcher,
          (e) => e.kind === 'card-removed' && e.reader === reader,
          5000,
          'card-removed',
        )
      : Promise.resolve();
    await b.close();
    await gone;
  }

  return {
    reader,
    watcher,
    bridge: () => bridge,
    async insert(card) {
      await remove();
      const inserted = nextEvent(
        watcher,
        (e) => e.kind === 'card-inserted' && e.reader === reader,
        5000,
        `card-inserted on ${reader} (is another program, e.g. npm run sim:vpcd, holding vpcd's port?)`,
      );
      bridge = connectVpcd(card);
      await inserted;
    },
    remove,
    async close() {
      // Bounded, so a card stuck in the reader fails the suite with a reason instead of a hook timeout.
      const removed = remove().catch((e: unknown) =>
        console.error(`[harness] removing the card failed: ${e}`),
      );
      const late = await Promise.race([
        removed.then(() => false),
        new Promise((r) => setTimeout(() => r(true), 8000)),
      ]);
      if (late) console.error('[harness] the card was not reported removed within 8 s');
      await watcher.stop();
    },
  };
}

/**
 * A file whose tests drive a child counter process over PC/SC: before its tests the child's bundle
 * is built and the harness made; after them the harness is closed and the data folders removed.
 */
export function childOverPcsc(child: string): {
  readonly harness: PcscHarness;
  readonly bundle: string;
} {
  const run = {} as { harness: PcscHarness; bundle: string };
  beforeAll(async () => {
    run.bundle = await buildChild(child);
    run.harness = await createPcscHarness();
  }, 60_000);
  afterAll(async () => {
    await (run.harness as PcscHarness | undefined)?.close();
    removeDataDirs();
  });
  return run;
}
