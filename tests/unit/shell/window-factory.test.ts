// Window settings and guards: each Electron security rule is asserted on the factory's output.
import { describe, expect, it, vi } from 'vitest';
import {
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  denyWindowOpen,
  installNavigationGuards,
  windowOptions,
  type GuardedContents,
} from '../../../main/windows/window-factory';

const APP = 'app://counter';

describe('window factory', () => {
  const prefs = windowOptions({
    kind: 'clerk',
    preloadPath: '/x/preload/index.cjs',
    devTools: false,
    title: '窓口',
  }).webPreferences!;

  it('isolates the context, sandboxes the renderer and gives it no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content, webviews and experiments', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the built preload and closes DevTools in a packaged build', () => {
    expect(prefs.preload).toBe('/x/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
  });
});

describe('navigation guards', () => {
  function fakeContents() {
    const handlers = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: ((d: never) => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (e: { preventDefault(): void }) => void) => {
        handlers.set(name, fn);
        return contents;
      },
      setWindowOpenHandler: (fn: (d: never) => { action: string }) => {
        openHandler = fn;
      },
    };
    installNavigationGuards(contents as unknown as GuardedContents);
    return { handlers, openHandler: () => openHandler };
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { handlers } = fakeContents();
    const event = { preventDefault: vi.fn() };
    handlers.get(name)!(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window', () => {
    const { openHandler } = fakeContents();
    expect(openHandler()!({} as never)).toEqual({ action: 'deny' });
    expect(denyWindowOpen({ url: 'https://example.invalid/' } as never)).toEqual({
      action: 'deny',
    });
  });
});

describe('permissions', () => {
  const request = createPermissionRequestHandler(APP);
  const ask = (permission: string, details: object) => {
    let granted: boolean | undefined;
    request(null as never, permission, (g) => (granted = g), details as never);
    return granted;
  };
  const own = { isMainFrame: true, requestingUrl: `${APP}/clerk.html` };

  it('allows the camera for our own main frame', () => {
    expect(ask('media', { ...own, mediaTypes: ['video'] })).toBe(true);
  });

  it('refuses the microphone, other origins, subframes and other permissions', () => {
    expect(ask('media', { ...own, mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { ...own, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask('media', { ...own, mediaTypes: [] })).toBe(false);
    expect(ask('media', { ...own, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(
      ask('media', {
        isMainFrame: true,
        requestingUrl: 'https://evil.invalid/',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      expect(ask(p, own)).toBe(false);
    }
  });

  it('answers permission checks with the same rule', () => {
    const check = createPermissionCheckHandler(APP);
    const d = (over: object) => ({ isMainFrame: true, mediaType: 'video', ...over }) as never;
    expect(check(null, 'media', APP, d({}))).toBe(true);
    expect(check(null, 'media', APP, d({ mediaType: 'audio' }))).toBe(false);
    expect(check(null, 'media', 'http://127.0.0.1:1', d({}))).toBe(false);
    expect(check(null, 'media', APP, d({ isMainFrame: false }))).toBe(false);
    expect(check(null, 'serial', APP, d({}))).toBe(false);
  });
});
