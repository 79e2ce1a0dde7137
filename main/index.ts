// Electron bootstrap only: protocol, security handlers, windows and IPC registration over createCore().
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { CHANNELS } from '../preload/contract/channels';
import { createCore, type Core } from './core';
import type { KeyProtector } from './db/key-protector';
import { APP_ORIGIN, ConfigError, parseMachineConfig, type MachineConfig } from './config/config';
import { machineConfigPath, modeDataDir } from './config/paths';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './windows/protocol';
import { installAppLifecycle } from './windows/app-lifecycle';
import { senderInfoOf } from './windows/ipc-sender';
import {
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  installNavigationGuards,
  windowOptions,
} from './windows/window-factory';

const here = dirname(fileURLToPath(import.meta.url));
const ownContents = new Set<number>();
let core: Core | null = null;
let clerkWindow: BrowserWindow | null = null;

function readMachineConfig(): MachineConfig {
  const path = machineConfigPath(process.platform, process.env);
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`${path}: unreadable`);
  }
  return parseMachineConfig(text);
}

/**
 * The data keys (個人番号, authority keys) are wrapped by the OS: DPAPI on Windows, the keychain on
 * macOS, the secret service on Linux (ARCHITECTURE.md, Data).
 */
const safeStorageProtector: KeyProtector = {
  protect: (key) => safeStorage.encryptString(Buffer.from(key).toString('base64')),
  unprotect: (blob) => Buffer.from(safeStorage.decryptString(Buffer.from(blob)), 'base64'),
};

function createClerkWindow(): BrowserWindow {
  const win = new BrowserWindow(
    windowOptions({
      kind: 'clerk',
      preloadPath: join(here, '../preload/index.cjs'),
      devTools: !app.isPackaged,
      title: '窓口 — マイナンバーカード交付',
    }),
  );
  const id = win.webContents.id;
  ownContents.add(id);
  win.on('closed', () => ownContents.delete(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/clerk.html`);
  return win;
}

// Sandbox every renderer, before anything else runs.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const primary = installAppLifecycle(app, {
  core: () => core,
  focusMainWindow: () => {
    if (clerkWindow?.isMinimized()) clerkWindow.restore();
    clerkWindow?.focus();
  },
  onClosed: () => {
    core = null;
  },
});

if (primary) {
  // Every webContents, including any we did not create, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));

  app.whenReady().then(async () => {
    let machine: MachineConfig;
    try {
      machine = readMachineConfig();
    } catch (e) {
      dialog.showErrorBox(
        '設定ファイルを読み込めません',
        `端末の設定ファイルに誤りがあります。IT担当者に連絡してください。\n(${(e as Error).message})`,
      );
      app.exit(1);
      return;
    }
    core = createCore({
      ...machine,
      version: app.getVersion(),
      dataDir: modeDataDir(app.getPath('userData'), machine.mode),
      trustedOrigins: [APP_ORIGIN],
      // Without OS key storage (a Linux desktop with no keyring), the core falls back to a 0600
      // key file in the mode's data folder, as in tests.
      keyProtector: safeStorage.isEncryptionAvailable() ? safeStorageProtector : undefined,
    });
    await core.start();

    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));
    session.defaultSession.setPermissionRequestHandler(createPermissionRequestHandler(APP_ORIGIN));
    session.defaultSession.setPermissionCheckHandler(createPermissionCheckHandler(APP_ORIGIN));

    const router = core.router;
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, payload: unknown) =>
        router.handle(senderInfoOf(event, ownContents), channel, payload),
      );
    }
    core.onEvent((event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (ownContents.has(win.webContents.id)) win.webContents.send(event, payload);
      }
    });

    clerkWindow = createClerkWindow();
  });
}
