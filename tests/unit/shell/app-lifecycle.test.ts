// One instance per machine, and the core closed before quitting.
import { describe, expect, it, vi } from 'vitest';
import { installAppLifecycle, type LifecycleApp } from '../../../main/windows/app-lifecycle';

function fakeApp(lock: boolean) {
  const handlers = new Map<string, (e: { preventDefault(): void }) => void>();
  const app = {
    requestSingleInstanceLock: vi.fn(() => lock),
    quit: vi.fn(),
    on: (name: string, fn: (e: { preventDefault(): void }) => void) => {
      handlers.set(name, fn);
      return app;
    },
  };
  return { app: app as unknown as LifecycleApp & { quit: typeof app.quit }, handlers };
}

describe('app lifecycle', () => {
  it('a second instance quits at once and focuses the first', () => {
    const second = fakeApp(false);
    const focus = vi.fn();
    expect(
      installAppLifecycle(second.app, {
        core: () => null,
        focusMainWindow: focus,
        onClosed: () => {},
      }),
    ).toBe(false);
    expect(second.app.quit).toHaveBeenCalledOnce();

    const first = fakeApp(true);
    installAppLifecycle(first.app, {
      core: () => null,
      focusMainWindow: focus,
      onClosed: () => {},
    });
    first.handlers.get('second-instance')!({ preventDefault() {} });
    expect(focus).toHaveBeenCalledOnce();
  });

  it('holds the quit until the core has closed', async () => {
    const { app, handlers } = fakeApp(true);
    let release!: () => void;
    const close = vi.fn(() => new Promise<void>((r) => (release = r)));
    const onClosed = vi.fn();
    installAppLifecycle(app, { core: () => ({ close }), focusMainWindow: () => {}, onClosed });
    const event = { preventDefault: vi.fn() };
    handlers.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(onClosed).toHaveBeenCalledOnce();
  });
});
