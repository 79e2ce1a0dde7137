// Runs in the page before the app: window.counter from the preload's own createCounterApi, over a Playwright binding.
import { createCounterApi, type CounterTransport } from '../../../preload/api';
import type { EventName } from '../../../preload/contract/channels';
import type { Result } from '../../../preload/contract/result';

/** What the harness installs on the page: the binding (exposeBinding) and the event dispatcher (this file). */
interface ShimGlobal {
  __counterInvoke(channel: string, payload: unknown): Promise<Result<unknown>>;
}

const page = globalThis as unknown as ShimGlobal;
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

// Only the transport differs from preload/index.ts: the binding stands in for ipcRenderer.invoke.
const transport: CounterTransport = {
  invoke: (channel, request) => page.__counterInvoke(channel, request),
  subscribe(event, listener) {
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

/** Called by the harness (page.evaluate) for each core event, like ipcRenderer.on in the preload. */
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
Object.defineProperty(globalThis, 'counter', {
  value: createCounterApi(transport),
  enumerable: true,
});
