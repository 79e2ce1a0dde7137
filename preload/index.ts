// The sandboxed preload: exposes exactly one object, window.counter, built from the contract.
// https://www.electronjs.org/docs/latest/tutorial/context-isolation
import { contextBridge, ipcRenderer } from 'electron';
import { createCounterApi, type CounterTransport } from './api';
import { EVENT_NAMES, isChannel } from './contract/channels';

const ipcTransport: CounterTransport = {
  invoke: (channel, request) => {
    // Only the contract's channels ever reach ipcRenderer; the page never names one itself.
    if (!isChannel(channel))
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel' } });
    return ipcRenderer.invoke(channel, request);
  },
  subscribe: (event, listener) => {
    if (!EVENT_NAMES.includes(event)) return () => undefined;
    // Never hand the page the IpcRendererEvent: only the payload crosses.
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
};

contextBridge.exposeInMainWorld('counter', createCounterApi(ipcTransport));
