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

export type WindowKind = 'clerk' | 'resident';

export interface WindowFactoryOptions {
  readonly kind: WindowKind;
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** DevTools only in development builds; a packaged counter app never opens them. */
  readonly devTools: boolean;
  readonly title: string;
}

/**
 * Electron security checklist: context isolation, sandbox, no Node in renderers, web security on,
 * no insecure content, no <webview>, no experimental features.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
export function windowOptions(options: WindowFactoryOptions): BrowserWindowConstructorOptions {
  return {
    title: options.title,
    width: options.kind === 'clerk' ? 1280 : 1024,
    height: options.kind === 'clerk' ? 860 : 768,
    minWidth: 1024,
    minHeight: 700,
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

/** Permission requests: the camera (video only) for our own origin's main frame, nothing else. */
export function createPermissionRequestHandler(appOrigin: string) {
  return (
    _contents: WebContents,
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
        originOf(d.requestingUrl) === appOrigin,
    );
  };
}

/** Permission checks (navigator.permissions, enumerateDevices): the same rule as requests. */
export function createPermissionCheckHandler(appOrigin: string) {
  return (
    _contents: WebContents | null,
    permission: string,
    requestingOrigin: string,
    details: PermissionCheckHandlerHandlerDetails,
  ): boolean =>
    permission === 'media' &&
    details.mediaType === 'video' &&
    details.isMainFrame === true &&
    originOf(requestingOrigin) === appOrigin;
}
