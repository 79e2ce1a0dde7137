// Electron bootstrap only: protocol, security handlers, windows and IPC registration over createCore().
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import {
  CHANNELS,
  RESIDENT_EVENT_NAMES,
  type Channel,
  type EventName,
} from '../preload/contract/channels';
import { corePaths, createCore, type Core } from './core';
import { FileKeyProtector, KeyFileError, type KeyProtector } from './db/key-protector';
import { APP_ORIGIN, ConfigError, parseMachineConfig, type MachineConfig } from './config/config';
import {
  chooseKeyStore,
  KEY_STORE_REFUSAL_TITLE,
  keyFileAdvice,
  keyFileUnusable,
  KeyStoreRefusal,
  type KeyStoreChoice,
  type OsKeyStore,
} from './config/key-store';
import { defaultBackupDir, machineConfigPath, modeDataDir } from './config/paths';
import {
  lineReader,
  parseMaintenanceArgs,
  runMaintenance,
  UsageError,
  type MaintenanceCommand,
} from './maintenance';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './windows/protocol';
import { installAppLifecycle } from './windows/app-lifecycle';
import { senderInfoOf } from './windows/ipc-sender';
import { RESIDENT_PAGE_PATH } from './ipc/window-role';
import { residentPlacement } from './windows/placement';
import {
  clerkContentsIn,
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  installNavigationGuards,
  windowOptions,
  type WindowKind,
} from './windows/window-factory';

/** Channels that write a printed form: the PDF opens in the system viewer for printing. */
const PRINTED_DOCUMENTS = new Set<Channel>([
  'procedure:print-receipt',
  'procedure:print-deferral-slip',
  'procedure:print-inquiry',
  'reports:daily-pdf',
]);

const here = dirname(fileURLToPath(import.meta.url));
/** Our webContents and the window each was made as: the IPC sender check and event routing use it. */
const ownContents = new Map<number, WindowKind>();
let core: Core | null = null;
let clerkWindow: BrowserWindow | null = null;
let residentWindow: BrowserWindow | null = null;
let quitting = false;

function readMachineConfig(): MachineConfig {
  const path = machineConfigPath(process.platform, process.env, app.isPackaged);
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
 * macOS, the secret service on Linux (docs/architecture.md, Data).
 */
const safeStorageProtector: KeyProtector = {
  protect: (key) => safeStorage.encryptString(Buffer.from(key).toString('base64')),
  unprotect: (blob) => Buffer.from(safeStorage.decryptString(Buffer.from(blob)), 'base64'),
};

/** What the OS offers; on Linux without a keyring Electron falls back to a constant key. */
function osKeyStore(): OsKeyStore {
  if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'plain-text';
  }
  return 'available';
}

interface MachineStorage {
  readonly appDataDir: string;
  readonly dataDir: string;
  readonly backupDir: string;
  /** Absent in practice mode without an OS key store: the core keeps a key file in dataDir. */
  readonly keyProtector: KeyProtector | undefined;
}

/**
 * Where this machine's data, backups and keys are (after app ready: safeStorage needs it). Throws
 * KeyStoreRefusal when production cannot keep its keys apart from its data or IT's key file
 * cannot be opened, and KeyFileError when that file is unsafe or damaged.
 */
function machineStorage(machine: MachineConfig): MachineStorage {
  const appDataDir = app.getPath('userData');
  const dataDir = modeDataDir(appDataDir, machine.mode);
  const backupDir = machine.backupDir ?? defaultBackupDir(dataDir);
  const choice = chooseKeyStore({
    mode: machine.mode,
    osKeyStore: osKeyStore(),
    dataKeyFile: machine.dataKeyFile,
    appDataDir,
    dataDir,
    backupDir,
    platform: process.platform,
  });
  return { appDataDir, dataDir, backupDir, keyProtector: protectorOf(choice) };
}

function protectorOf(choice: KeyStoreChoice): KeyProtector | undefined {
  if (choice.kind === 'os') return safeStorageProtector;
  if (choice.kind === 'practice-file') return undefined;
  try {
    return new FileKeyProtector(choice.path);
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    throw keyFileUnusable(choice.path, e);
  }
}

/** The dialog for IT when the configuration or the keys stop the start: what to do, in Japanese. */
function refuseStart(e: unknown): void {
  if (e instanceof KeyStoreRefusal) {
    dialog.showErrorBox(KEY_STORE_REFUSAL_TITLE, e.advice);
  } else if (e instanceof KeyFileError) {
    dialog.showErrorBox(KEY_STORE_REFUSAL_TITLE, keyFileAdvice(e));
  } else {
    dialog.showErrorBox(
      '設定ファイルを読み込めません',
      `端末の設定ファイルに誤りがあります。IT担当者に連絡してください。\n(${(e as Error).message})`,
    );
  }
  app.exit(1);
}

function track(win: BrowserWindow, kind: WindowKind): void {
  const id = win.webContents.id;
  ownContents.set(id, kind);
  win.on('closed', () => ownContents.delete(id));
}

function createClerkWindow(): BrowserWindow {
  const win = new BrowserWindow(
    windowOptions({
      kind: 'clerk',
      preloadPath: join(here, '../preload/index.cjs'),
      devTools: !app.isPackaged,
      title: '窓口 — マイナンバーカード交付',
    }),
  );
  track(win, 'clerk');
  win.once('ready-to-show', () => win.show());
  // The resident window serves the clerk's procedures: it goes when the clerk window goes.
  win.on('closed', () => {
    clerkWindow = null;
    residentWindow?.destroy();
  });
  void win.loadURL(`${APP_ORIGIN}/clerk.html`);
  return win;
}

function residentPlacementNow(clerk: BrowserWindow) {
  return residentPlacement(screen.getAllDisplays(), clerk.getBounds());
}

/**
 * The resident's window: full screen on the second display, else beside the clerk window. Shown
 * without focus, so the clerk's keyboard stays where the clerk is typing. Closed by accident (a
 * resident pressing Alt+F4), it comes back at once while the clerk window is open.
 */
function createResidentWindow(clerk: BrowserWindow): BrowserWindow {
  const win = new BrowserWindow(
    windowOptions({
      kind: 'resident',
      preloadPath: join(here, '../preload/resident.cjs'),
      devTools: !app.isPackaged,
      title: '窓口 — 暗証番号の設定',
      placement: residentPlacementNow(clerk),
    }),
  );
  track(win, 'resident');
  win.once('ready-to-show', () => win.showInactive());
  win.on('closed', () => {
    residentWindow = null;
    if (!quitting && clerkWindow && !clerkWindow.isDestroyed()) {
      residentWindow = createResidentWindow(clerkWindow);
    }
  });
  void win.loadURL(`${APP_ORIGIN}${RESIDENT_PAGE_PATH}`);
  return win;
}

/** A display plugged in or out: the resident window moves to where it now belongs. */
function placeResidentWindow(): void {
  const win = residentWindow;
  if (!win || win.isDestroyed() || !clerkWindow || clerkWindow.isDestroyed()) return;
  const placement = residentPlacementNow(clerkWindow);
  win.setFullScreen(false);
  win.setBounds(placement.bounds);
  if (placement.fullscreen) win.setFullScreen(true);
}

/** Which events a window receives: the resident window only its prompt, never a clerk's business. */
function receives(kind: WindowKind, event: EventName): boolean {
  return kind === 'clerk' || RESIDENT_EVENT_NAMES.includes(event);
}

/**
 * `npm run key:export` / `db:restore` / `office-key:install` start the app with a maintenance switch: no window and no
 * core, the same machine configuration and key store as the app, one instance (the app is not
 * using the database while its keys move). The secrets arrive on standard input.
 */
function runMaintenanceMode(command: MaintenanceCommand): void {
  if (!app.requestSingleInstanceLock()) {
    console.error('窓口アプリが起動しています。アプリを終了してから、もう一度実行してください。');
    app.exit(1);
    return;
  }
  void app.whenReady().then(async () => {
    let code = 1;
    try {
      const machine = readMachineConfig();
      const storage = machineStorage(machine);
      // Practice without an OS key store: the practice folder's key file, as the core would use.
      mkdirSync(storage.dataDir, { recursive: true, mode: 0o700 });
      const keyProtector =
        storage.keyProtector ?? new FileKeyProtector(corePaths(storage.dataDir).keyFile);
      code = await runMaintenance(command, {
        mode: machine.mode,
        appDataDir: storage.appDataDir,
        databasePath: corePaths(storage.dataDir).database,
        backupDir: storage.backupDir,
        officeKeyPath: corePaths(storage.dataDir).officeKey,
        keyProtector,
        readLine: lineReader(process.stdin),
        now: () => new Date(),
        platform: process.platform,
        print: (line) => process.stdout.write(`${line}\n`),
      });
    } catch (e) {
      console.error(
        e instanceof KeyStoreRefusal
          ? e.advice
          : e instanceof KeyFileError
            ? keyFileAdvice(e)
            : `${(e as Error).name}: ${(e as Error).message}`,
      );
    }
    app.exit(code);
  });
}

/** The maintenance command on this command line, 'bad-usage' for a wrong one, null for the app. */
function maintenanceOf(argv: readonly string[]): MaintenanceCommand | 'bad-usage' | null {
  try {
    return parseMaintenanceArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return 'bad-usage';
  }
}
const maintenance = maintenanceOf(process.argv);

// Sandbox every renderer, before anything else runs.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const primary =
  maintenance === null &&
  installAppLifecycle(app, {
    core: () => core,
    focusMainWindow: () => {
      if (clerkWindow?.isMinimized()) clerkWindow.restore();
      clerkWindow?.focus();
    },
    onClosed: () => {
      core = null;
    },
  });
app.on('before-quit', () => {
  quitting = true;
});

if (maintenance === 'bad-usage') app.exit(2);
else if (maintenance !== null) runMaintenanceMode(maintenance);

if (primary) {
  // Every webContents, including any we did not create, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));

  app.whenReady().then(async () => {
    let machine: MachineConfig;
    let storage: MachineStorage;
    try {
      machine = readMachineConfig();
      storage = machineStorage(machine);
    } catch (e) {
      refuseStart(e);
      return;
    }
    const configPath = machineConfigPath(process.platform, process.env, app.isPackaged);
    core = createCore({
      ...machine,
      configFile: { path: configPath, exists: existsSync(configPath) },
      workstation: {
        displays: () => screen.getAllDisplays(),
        printers: async () =>
          clerkWindow ? (await clerkWindow.webContents.getPrintersAsync()).map((p) => p.name) : [],
        electronVersion: process.versions.electron ?? '',
        packaged: app.isPackaged,
        executable: process.execPath,
      },
      version: app.getVersion(),
      dataDir: storage.dataDir,
      backupDir: storage.backupDir,
      trustedOrigins: [APP_ORIGIN],
      keyProtector: storage.keyProtector,
    });
    await core.start();

    // The camera goes by window, never by the address a page reports.
    const isClerk = clerkContentsIn(ownContents);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));
    session.defaultSession.setPermissionRequestHandler(
      createPermissionRequestHandler(APP_ORIGIN, isClerk),
    );
    session.defaultSession.setPermissionCheckHandler(
      createPermissionCheckHandler(APP_ORIGIN, isClerk),
    );

    const router = core.router;
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, async (event, payload: unknown) => {
        const result = await router.handle(senderInfoOf(event, ownContents), channel, payload);
        // A receipt or slip just written opens in the PDF viewer, where the clerk prints it.
        if (result.ok && PRINTED_DOCUMENTS.has(channel)) {
          void shell.openPath((result.value as { path: string }).path);
        }
        return result;
      });
    }
    core.onEvent((event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        const kind = ownContents.get(win.webContents.id);
        if (kind !== undefined && receives(kind, event)) win.webContents.send(event, payload);
      }
    });

    clerkWindow = createClerkWindow();
    residentWindow = createResidentWindow(clerkWindow);
    screen.on('display-added', placeResidentWindow);
    screen.on('display-removed', placeResidentWindow);
  });
}
