// window.counter, the one object the preload exposes (preload/index.ts), typed from the shared contract.
import type { CounterApi } from '../../preload/api';

declare global {
  interface Window {
    readonly counter: CounterApi;
  }
}

export {};
