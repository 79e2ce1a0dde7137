// The resident window's sandboxed preload: window.counter is createResidentApi, its few channels only.
// https://www.electronjs.org/docs/latest/tutorial/context-isolation
import { contextBridge, ipcRenderer } from 'electron';
import { createResidentApi, type CounterTransport } from './api';
import { RESIDENT_CHANNELS, RESIDENT_EVENT_NAMES } from './contract/channels';

/**
 * Allowlists on this side as well as in main: the page cannot name a channel or an event, and
 * even a bug in createResidentApi could not reach a clerk's channel through this transport.
 */
const ipcTransport: CounterTransport = {
  invoke: (channel, request) => {
    if (!RESIDENT_CHANNELS.includes(channel))
      return Promise.resolve({ ok: false, error: { code: 'forbidden-sender' } });
    return ipcRenderer.invoke(channel, request);
  },
  subscribe: (event, listener) => {
    if (!RESIDENT_EVENT_NAMES.includes(event)) return () => undefined;
    // Never hand the page the IpcRendererEvent: only the payload crosses.
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
};

contextBridge.exposeInMainWorld('counter', createResidentApi(ipcTransport));
