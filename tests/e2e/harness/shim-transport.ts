// The page side of the e2e binding: a CounterTransport over __counterInvoke, and the event dispatcher.
import type { CounterTransport } from '../../../preload/api';
import type { EventName } from '../../../preload/contract/channels';
import type { Result } from '../../../preload/contract/result';

/** What the harness installs on the page: the binding (exposeBinding) and the event dispatcher (here). */
interface ShimGlobal {
  __counterInvoke(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * Installs window.counter = createApi(transport) and window.__counterDispatch, which the harness
 * calls (page.evaluate) for each core event as ipcRenderer.on would. `events` is what the window's
 * preload forwards; others are dropped here as the preload drops them.
 */
export function installShim<T>(
  createApi: (transport: CounterTransport) => T,
  events: readonly EventName[],
): void {
  const page = globalThis as unknown as ShimGlobal;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  // Only the transport differs from the preloads: the binding stands in for ipcRenderer.invoke.
  const transport: CounterTransport = {
    invoke: (channel, request) => page.__counterInvoke(channel, request),
    subscribe(event, listener) {
      if (!events.includes(event)) return () => undefined;
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      // Wrapped, so subscribing the same function twice gives two independent subscriptions.
      const entry = (payload: unknown) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };

  function dispatch(event: EventName, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (e) {
        console.error('[page-shim] listener failed', e);
      }
    }
  }

  Object.defineProperty(globalThis, '__counterDispatch', { value: dispatch });
  Object.defineProperty(globalThis, 'counter', { value: createApi(transport), enumerable: true });
}
