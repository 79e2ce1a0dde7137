// BrowserWindow settings and guards for every window of the app. Only types come from electron here,
// so unit tests assert each security setting on the factory's output without an Electron binary.
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  PermissionCheckHandlerHandlerDetails,
  PermissionRequest,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { WindowRole } from '../ipc/window-role';
import type { WindowPlacement } from './placement';

/** The two windows: the same roles the IPC router tells apart by page (main/ipc/window-role.ts). */
export type WindowKind = WindowRole;

export interface WindowFactoryOptions {
  readonly kind: WindowKind;
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** DevTools only in development builds; a packaged counter app never opens them. */
  readonly devTools: boolean;
  readonly title: string;
  /** Where the window opens (the resident window: see placement.ts); the platform's choice if absent. */
  readonly placement?: WindowPlacement;
}

/** The size a window opens at when no placement says otherwise, and the smallest it may get. */
const SIZES: Record<
  WindowKind,
  { width: number; height: number; minWidth: number; minHeight: number }
> = {
  clerk: { width: 1280, height: 860, minWidth: 1024, minHeight: 700 },
  // A resident's display may be a small touch panel beside the counter (1024×600 is common).
  resident: { width: 1024, height: 768, minWidth: 800, minHeight: 600 },
};

/**
 * Electron security checklist: context isolation, sandbox, no Node in renderers, web security on,
 * no insecure content, no <webview>, no experimental features.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
export function windowOptions(options: WindowFactoryOptions): BrowserWindowConstructorOptions {
  const size = SIZES[options.kind];
  const placement = options.placement;
  return {
    title: options.title,
    width: placement?.bounds.width ?? size.width,
    height: placement?.bounds.height ?? size.height,
    ...(placement ? { x: placement.bounds.x, y: placement.bounds.y } : {}),
    minWidth: size.minWidth,
    minHeight: size.minHeight,
    fullscreen: placement?.fullscreen ?? false,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/** The part of WebContents the guards use; a fake in tests. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

const preventDefault = (event: { preventDefault(): void }): void => event.preventDefault();

/**
 * Denies every navigation away from the loaded page, every new window and every <webview>:
 * the app has one page per window and moves between screens with its router.
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */
export function installNavigationGuards(contents: GuardedContents): void {
  contents.on('will-navigate', preventDefault);
  contents.on('will-redirect', preventDefault);
  contents.on('will-attach-webview', preventDefault);
  contents.setWindowOpenHandler(denyWindowOpen);
}

export function denyWindowOpen(_details: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/**
 * Whether a webContents is the clerk window's: the shell knows each window's webContents id from
 * the moment it creates it. The page cannot change this answer, whatever address it gives itself
 * (history.pushState rewrites the URL a request reports, not the window it comes from).
 */
export type IsClerkContents = (contents: Pick<WebContents, 'id'>) => boolean;

/** The shell's answer from its map of webContents id to the window each was created as. */
export function clerkContentsIn(own: ReadonlyMap<number, WindowKind>): IsClerkContents {
  return (contents) => own.get(contents.id) === 'clerk';
}

/**
 * Permission requests: the camera (video only) for the main frame of the clerk window on our
 * origin, nothing else. The camera belongs to the face check; the resident's window, on a screen a
 * member of the public faces, never gets it.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
export function createPermissionRequestHandler(appOrigin: string, isClerk: IsClerkContents) {
  return (
    contents: Pick<WebContents, 'id'> | null,
    permission: string,
    callback: (granted: boolean) => void,
    details:
      PermissionRequest | { isMainFrame?: boolean; requestingUrl?: string; mediaTypes?: string[] },
  ): void => {
    const d = details as { isMainFrame?: boolean; requestingUrl?: string; mediaTypes?: string[] };
    const mediaTypes = d.mediaTypes ?? [];
    const videoOnly = mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
    callback(
      permission === 'media' &&
        videoOnly &&
        d.isMainFrame === true &&
        contents !== null &&
        isClerk(contents) &&
        originOf(d.requestingUrl) === appOrigin,
    );
  };
}

/**
 * Permission checks (navigator.permissions, enumerateDevices): the same rule as requests. A check
 * that names no webContents is refused: it cannot be shown to come from the clerk window.
 */
export function createPermissionCheckHandler(appOrigin: string, isClerk: IsClerkContents) {
  return (
    contents: Pick<WebContents, 'id'> | null,
    permission: string,
    requestingOrigin: string,
    details: PermissionCheckHandlerHandlerDetails,
  ): boolean =>
    permission === 'media' &&
    details.mediaType === 'video' &&
    details.isMainFrame === true &&
    contents !== null &&
    isClerk(contents) &&
    originOf(requestingOrigin) === appOrigin;
}
