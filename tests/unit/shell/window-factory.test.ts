// Window settings and guards: each Electron security rule is asserted on the factory's output.
import { describe, expect, it, vi } from 'vitest';
import {
  clerkContentsIn,
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
  // The shell's answer: the window made as the clerk's (id 1); the resident window is id 2.
  const CLERK = { id: 1 };
  const RESIDENT = { id: 2 };
  const isClerk = clerkContentsIn(
    new Map([
      [CLERK.id, 'clerk'],
      [RESIDENT.id, 'resident'],
    ]),
  );
  const request = createPermissionRequestHandler(APP, isClerk);
  const ask = (permission: string, details: object, contents: { id: number } | null = CLERK) => {
    let granted: boolean | undefined;
    request(contents as never, permission, (g) => (granted = g), details as never);
    return granted;
  };
  const own = { isMainFrame: true, requestingUrl: `${APP}/clerk.html` };

  it('allows the camera for the main frame of the clerk window', () => {
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

  it('never gives the camera to the resident window', () => {
    const resident = { isMainFrame: true, requestingUrl: `${APP}/resident.html` };
    expect(ask('media', { ...resident, mediaTypes: ['video'] }, RESIDENT)).toBe(false);
    // A request that names no window is not the clerk's either.
    expect(ask('media', { ...own, mediaTypes: ['video'] }, null)).toBe(false);
  });

  it("refuses the resident window that gives itself the clerk page's address", () => {
    // The resident page runs history.replaceState(null, '', '/clerk.html'), then asks: the
    // request reports the clerk's URL, but it comes from the resident window.
    const forged = { isMainFrame: true, requestingUrl: `${APP}/clerk.html`, mediaTypes: ['video'] };
    expect(ask('media', forged, RESIDENT)).toBe(false);
    const check = createPermissionCheckHandler(APP, isClerk);
    const d = {
      isMainFrame: true,
      mediaType: 'video',
      requestingUrl: `${APP}/clerk.html`,
    } as never;
    expect(check(RESIDENT, 'media', APP, d)).toBe(false);
    expect(check(CLERK, 'media', APP, d)).toBe(true);
  });

  it('answers permission checks with the same rule', () => {
    const check = createPermissionCheckHandler(APP, isClerk);
    const d = (over: object) =>
      ({
        isMainFrame: true,
        mediaType: 'video',
        requestingUrl: `${APP}/clerk.html`,
        ...over,
      }) as never;
    expect(check(CLERK, 'media', APP, d({}))).toBe(true);
    expect(check(CLERK, 'media', APP, d({ mediaType: 'audio' }))).toBe(false);
    expect(check(CLERK, 'media', 'http://127.0.0.1:1', d({}))).toBe(false);
    expect(check(CLERK, 'media', APP, d({ isMainFrame: false }))).toBe(false);
    expect(check(CLERK, 'serial', APP, d({}))).toBe(false);
    expect(check(RESIDENT, 'media', APP, d({ requestingUrl: `${APP}/resident.html` }))).toBe(false);
    // A check without a webContents cannot be shown to be the clerk window's, nor can a
    // webContents the shell did not create.
    expect(check(null, 'media', APP, d({}))).toBe(false);
    expect(check({ id: 99 }, 'media', APP, d({}))).toBe(false);
  });
});

describe('resident window', () => {
  const options = (placement?: Parameters<typeof windowOptions>[0]['placement']) =>
    windowOptions({
      kind: 'resident',
      preloadPath: '/x/preload/resident.cjs',
      devTools: false,
      title: '窓口 — 暗証番号の設定',
      placement,
    });

  it('has every security setting of the clerk window, with its own preload', () => {
    const clerk = windowOptions({
      kind: 'clerk',
      preloadPath: '/x/preload/index.cjs',
      devTools: false,
      title: '窓口',
    }).webPreferences!;
    const resident = options().webPreferences!;
    expect({ ...resident, preload: clerk.preload }).toEqual(clerk);
    expect(resident.preload).toBe('/x/preload/resident.cjs');
    expect(resident.contextIsolation).toBe(true);
    expect(resident.sandbox).toBe(true);
    expect(resident.nodeIntegration).toBe(false);
    expect(resident.devTools).toBe(false);
  });

  it('fills the display it is placed on, or opens as a normal window', () => {
    const full = options({
      bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
      fullscreen: true,
    });
    expect(full).toMatchObject({ x: 1920, y: 0, width: 1280, height: 1024, fullscreen: true });
    const beside = options({
      bounds: { x: 1280, y: 40, width: 1024, height: 768 },
      fullscreen: false,
    });
    expect(beside).toMatchObject({ x: 1280, y: 40, width: 1024, height: 768, fullscreen: false });
    // Small resident panels (1024×600) must fit.
    expect(full.minWidth).toBeLessThanOrEqual(1024);
    expect(full.minHeight).toBeLessThanOrEqual(600);
    expect(full.show).toBe(false);
  });

  it('leaves the clerk window where the platform puts it', () => {
    const clerk = windowOptions({ kind: 'clerk', preloadPath: '/p', devTools: true, title: 't' });
    expect(clerk.x).toBeUndefined();
    expect(clerk.fullscreen).toBe(false);
    expect(clerk).toMatchObject({ width: 1280, height: 860, minWidth: 1024 });
  });
});
