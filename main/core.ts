// createCore(config) wires every service of the main process. It imports nothing from electron, so the
// e2e harness and the integration tests run exactly this, with only the IPC transport differing.
import type { EventMap, EventName } from '../preload/contract/channels';
import type { AppInfoDto, SimStateDto } from '../preload/contract/dto';
import { err, ok } from '../preload/contract/result';
import { cardErrorToAppError } from './card/card-errors';
import { createCardService, type CardService } from './card/card-service';
import { createPcscWatcher } from './card/pcsc-transport';
import { listPresets, loadPreset } from './card/sim/presets';
import { SimReader } from './card/sim/sim-reader';
import type { ReaderWatcher } from './card/transport';
import type { CoreConfig } from './config/config';
import { createIpcRouter, type IpcRouter } from './ipc/router';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface Core {
  readonly config: CoreConfig;
  readonly router: IpcRouter;
  readonly cards: CardService;
  /** The simulated reader in practice mode (trainers and tests insert cards with it); else null. */
  readonly simReader: SimReader | null;
  onEvent(listener: CoreEventListener): () => void;
  start(): Promise<void>;
  /** Stops the reader watcher (and, from the data issue on, closes the database). Idempotent. */
  close(): Promise<void>;
}

export function createCore(config: CoreConfig): Core {
  const simReader = config.reader.kind === 'simulated' ? new SimReader() : null;
  const watcher: ReaderWatcher = simReader ?? createPcscWatcher();
  const cards = createCardService({ watcher, exchangeTimeoutMs: config.exchangeTimeoutMs });
  const listeners = new Set<CoreEventListener>();
  let insertedPreset: string | null = null;
  let closed = false;

  const emit: CoreEventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const unsubscribeReaders = cards.onReadersChanged((dto) => emit('reader:changed', dto));

  function simState(reader: SimReader): SimStateDto {
    if (!reader.current()) insertedPreset = null;
    return { presets: listPresets(), reader: reader.name, inserted: insertedPreset };
  }

  const appInfo: AppInfoDto = {
    mode: config.mode,
    version: config.version,
    simulatedReader: simReader !== null,
  };

  const router = createIpcRouter({
    trustedOrigins: config.trustedOrigins,
    toAppError: cardErrorToAppError,
    handlers: {
      'app:get-info': async () => ok(appInfo),
      'reader:list-readers': async () => ok(cards.readers()),
      'card:read-health': async ({ reader }) => ok(await cards.readHealth(reader)),
      'sim:get-state': async () =>
        simReader ? ok(simState(simReader)) : err({ code: 'not-practice-mode' }),
      'sim:insert-card': async ({ preset }) => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        if (!listPresets().some((p) => p.id === preset)) {
          return err({ code: 'validation', detail: 'preset' });
        }
        const card = await loadPreset(preset, { timing: config.simTiming });
        simReader.swap(card);
        insertedPreset = preset;
        return ok(simState(simReader));
      },
      'sim:remove-card': async () => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        simReader.remove();
        insertedPreset = null;
        return ok(simState(simReader));
      },
    },
  });

  return {
    config,
    router,
    cards,
    simReader,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await watcher.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribeReaders();
      listeners.clear();
      await watcher.stop();
    },
  };
}
