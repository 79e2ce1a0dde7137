// The resident preload: window.counter is the resident's object, and only its channels and event reach IPC.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (...args: unknown[]) => on(...args),
    removeListener: (...args: unknown[]) => removeListener(...args),
  },
}));

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../../preload/resident');
  api = exposed.get('counter') as Api;
});

describe('resident preload', () => {
  it('exposes one object, counter, with the resident functions only', () => {
    expect([...exposed.keys()]).toEqual(['counter']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'callStaff',
        'checkPin',
        'confirmCardFace',
        'getAppInfo',
        'getPrompt',
        'onProgress',
        'onPromptChanged',
        'submitPins',
      ].sort(),
    );
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends the resident calls on their own channels', async () => {
    await api.getPrompt!({});
    await api.checkPin!({ kind: 'auth', value: '5831', confirmation: '5831' });
    await api.callStaff!({});
    expect(invoke.mock.calls.map((c) => c[0])).toEqual([
      'resident:get-prompt',
      'resident:check-pin',
      'resident:call-staff',
    ]);
  });

  it('forwards the prompt event with its payload only, never the IpcRendererEvent', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.onPromptChanged!((p: unknown) => seen.push(p)) as () => void;
    expect(on).toHaveBeenCalledWith('resident:prompt-changed', expect.any(Function));
    const handler = on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    handler({ sender: 'the ipc event' }, { procedureId: 'p-1', required: ['auth'], resume: false });
    expect(seen).toEqual([{ procedureId: 'p-1', required: ['auth'], resume: false }]);
    unsubscribe();
    expect(removeListener).toHaveBeenCalledWith('resident:prompt-changed', handler);
  });

  it('forwards the progress of the card work, and never a clerk event', () => {
    const seen: unknown[] = [];
    api.onProgress!((p: unknown) => seen.push(p));
    expect(on).toHaveBeenCalledWith('resident:progress', expect.any(Function));
    const handler = on.mock.calls.at(-1)![1] as (event: unknown, payload: unknown) => void;
    handler({ sender: 'the ipc event' }, { stage: 'write', step: 5, steps: 9 });
    expect(seen).toEqual([{ stage: 'write', step: 5, steps: 9 }]);
    expect(on.mock.calls.map((c) => c[0])).not.toContain('resident:staff-called');
  });
});
