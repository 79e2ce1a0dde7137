// IT's key commands, run by the shell instead of the app: write the recovery package, restore a
// backup, make and install the office key.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openAuditKeys } from './audit/audit-keys';
import { appendAudit } from './audit/audit-log';
import { withAuditKeys } from './audit/keyed-db';
import { isInside } from './config/key-store';
import type { Db } from './db/connection';
import { DbError } from './db/errors';
import { openIssuanceDatabase } from './db/index';
import type { KeyProtector } from './db/key-protector';
import {
  installOfficeKey,
  newOfficeKey,
  OfficeKeyError,
  openOfficeKeyPackage,
  sealOfficeKeyPackage,
} from './db/office-key';
import { collectRecoveryKeys, restoreBackup, RestoreError } from './db/recovery';
import { createLoginChecker } from './operators/login-check';
import { createPasswordHasher, type PasswordHasher } from './operators/password-hash';
import {
  openRecoveryPackage,
  RecoveryPackageError,
  sealRecoveryPackage,
  MIN_PASSPHRASE_CHARS,
  type SealOptions,
} from './db/recovery-package';

/** The switches main/index.ts recognises on its command line (npm run key:export / db:restore). */
export const KEY_EXPORT_SWITCH = '--key-export';
export const DB_RESTORE_SWITCH = '--db-restore';
/** npm run office-key:install: the office key from its package, sealed for this counter. */
export const OFFICE_KEY_INSTALL_SWITCH = '--office-key-install';

export type MaintenanceCommand =
  | { readonly kind: 'key-export'; readonly packagePath: string }
  | { readonly kind: 'db-restore'; readonly backupPath: string; readonly packagePath: string }
  | { readonly kind: 'office-key-install'; readonly packagePath: string };

/**
 * The maintenance command on a command line, or null for a normal start. The switch's arguments
 * are the words after it; a wrong count is an error, never a normal start.
 */
export function parseMaintenanceArgs(argv: readonly string[]): MaintenanceCommand | null {
  const at = argv.findIndex(
    (a) => a === KEY_EXPORT_SWITCH || a === DB_RESTORE_SWITCH || a === OFFICE_KEY_INSTALL_SWITCH,
  );
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  const end = rest.findIndex((a) => a.startsWith('--'));
  const words = end < 0 ? rest : rest.slice(0, end);
  if (argv[at] === KEY_EXPORT_SWITCH) {
    if (words.length !== 1) throw new UsageError();
    return { kind: 'key-export', packagePath: resolve(words[0]!) };
  }
  if (argv[at] === OFFICE_KEY_INSTALL_SWITCH) {
    if (words.length !== 1) throw new UsageError();
    return { kind: 'office-key-install', packagePath: resolve(words[0]!) };
  }
  if (words.length !== 2) throw new UsageError();
  return { kind: 'db-restore', backupPath: resolve(words[0]!), packagePath: resolve(words[1]!) };
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor() {
    super(
      'usage: npm run key:export -- <recovery package file>\n' +
        '       npm run db:restore -- <backup file> <recovery package file>\n' +
        '       npm run office-key:install -- <office key package file>',
    );
  }
}

export interface MaintenanceDeps {
  readonly mode: 'production' | 'practice';
  /** The app's folder (Electron userData), the mode's database and the backup folder. */
  readonly appDataDir: string;
  readonly databasePath: string;
  readonly backupDir: string;
  /** Where this counter keeps the office key, sealed (the mode's data folder). */
  readonly officeKeyPath: string;
  /** The same protector the app would use on this machine. */
  readonly keyProtector: KeyProtector;
  /**
   * The next line the launcher pipes on standard input: for key-export the administrator's login
   * id, password and then the recovery passphrase; for db-restore and office-key-install the
   * passphrase.
   */
  readLine(): Promise<string>;
  readonly now: () => Date;
  /** The app's password hashing; tests pass a cheaper one. */
  readonly hasher?: PasswordHasher;
  /** Tests only: a cheaper scrypt for the recovery package. The tool always seals at RECOVERY_KDF_COST. */
  readonly packageKdfCost?: SealOptions['kdfCost'];
  readonly platform: NodeJS.Platform;
  /** A line for IT (Japanese) and, last, one JSON line for scripts. */
  print(line: string): void;
}

/** Runs the command; returns the exit code (0 done, 1 refused). Messages say what IT does next. */
export async function runMaintenance(
  command: MaintenanceCommand,
  deps: MaintenanceDeps,
): Promise<number> {
  try {
    if (command.kind === 'key-export') await exportPackage(command.packagePath, deps);
    else if (command.kind === 'office-key-install') await installFromPackage(command, deps);
    else await restore(command, deps);
    return 0;
  } catch (err) {
    deps.print(adviceFor(err));
    deps.print(JSON.stringify({ ok: false, error: errorName(err) }));
    return 1;
  }
}

async function exportPackage(packagePath: string, deps: MaintenanceDeps): Promise<void> {
  // The package belongs offline, away from the data and from the backups it unlocks.
  for (const dir of [deps.appDataDir, deps.backupDir]) {
    if (isInside(dir, packagePath, deps.platform)) throw new PackagePlacementError(dir);
  }
  // Asked before the passphrase and the key derivation; the final write checks again.
  if (existsSync(packagePath)) throw Object.assign(new Error(packagePath), { code: 'EEXIST' });
  const db = await openIssuanceDatabase(deps.databasePath, { mode: deps.mode, create: false });
  // Audit rows (the login's, the export's) join the keyed chain like the app's.
  const keyed = withAuditKeys(db, openAuditKeys(db, deps.keyProtector, deps.now));
  try {
    // Only an administrator of this database may take its keys away, and the audit row says who.
    const loginId = await deps.readLine();
    const password = await deps.readLine();
    const admin = await administrator(keyed, loginId, password, deps);
    const passphrase = await deps.readLine();
    const keys = await collectRecoveryKeys(db, deps.keyProtector);
    const text = await sealRecoveryPackage(keys, passphrase, {
      createdAt: deps.now().toISOString(),
      kdfCost: deps.packageKdfCost,
    });
    writeNewPrivateFile(packagePath, text);
    await keyed.transaction((tx) =>
      appendAudit(
        tx,
        {
          operatorId: admin,
          action: 'key.recovery-exported',
          details: { dataKeys: Object.keys(keys.dataKeys).length },
        },
        deps.now,
      ),
    );
    const purposes = Object.keys(keys.dataKeys).sort();
    deps.print(
      `回復用パッケージを書き出しました：${packagePath}（鍵：${purposes.join('、') || 'なし'}）。` +
        'パスフレーズとは別の場所に、オフラインで保管してください。',
    );
    deps.print(JSON.stringify({ ok: true, path: packagePath, dataKeys: purposes }));
  } finally {
    await db.close();
  }
}

async function restore(
  command: Extract<MaintenanceCommand, { kind: 'db-restore' }>,
  deps: MaintenanceDeps,
): Promise<void> {
  const text = readFileSync(command.packagePath, 'utf8');
  const keys = await openRecoveryPackage(text, await deps.readLine());
  const result = await restoreBackup({
    backupPath: command.backupPath,
    databasePath: deps.databasePath,
    mode: deps.mode,
    keys,
    protector: deps.keyProtector,
    clock: deps.now,
  });
  deps.print(
    `バックアップを復元しました：${result.path}。鍵はこの端末の鍵保管場所で保護し直しました。` +
      (result.keyConfirmed ? '' : '（住民の記録がないため、鍵の照合はできませんでした。）'),
  );
  deps.print(JSON.stringify({ ok: true, ...result }));
}

/**
 * The office key package, made once per office (npm run office-key:make): a fresh office key
 * sealed under IT's passphrase, written 0600 and never over an existing file. The key itself is
 * never written anywhere else.
 */
export async function makeOfficeKeyPackage(
  packagePath: string,
  passphrase: string,
  options: SealOptions,
): Promise<void> {
  if (existsSync(packagePath)) throw Object.assign(new Error(packagePath), { code: 'EEXIST' });
  const key = newOfficeKey();
  try {
    writeNewPrivateFile(packagePath, await sealOfficeKeyPackage(key, passphrase, options));
  } finally {
    key.fill(0);
  }
}

async function installFromPackage(
  command: Extract<MaintenanceCommand, { kind: 'office-key-install' }>,
  deps: MaintenanceDeps,
): Promise<void> {
  // Practice mode always keeps its own file: it never opens the office database.
  if (deps.mode !== 'production') throw new OfficeKeyModeError();
  if (existsSync(deps.officeKeyPath)) throw new OfficeKeyPresentError(deps.officeKeyPath);
  const key = await openOfficeKeyPackage(
    readFileSync(command.packagePath, 'utf8'),
    await deps.readLine(),
  );
  try {
    mkdirSync(dirname(deps.officeKeyPath), { recursive: true, mode: 0o700 });
    installOfficeKey(deps.officeKeyPath, key, deps.keyProtector);
  } finally {
    key.fill(0);
  }
  deps.print(
    `事務所の鍵をこの窓口端末に入れました：${deps.officeKeyPath}（この端末の鍵保管場所で保護しています）。` +
      'パッケージはこの端末に残さず、パスフレーズとは別の場所に保管してください。',
  );
  deps.print(JSON.stringify({ ok: true, path: deps.officeKeyPath }));
}

class OfficeKeyModeError extends Error {
  override readonly name = 'OfficeKeyModeError';
  constructor() {
    super('the office key is for production counters only');
  }
}

class OfficeKeyPresentError extends Error {
  override readonly name = 'OfficeKeyPresentError';
  constructor(readonly path: string) {
    super(`an office key is already installed: ${path}`);
  }
}

/** The operator id of an administrator who logs in with these words; refuses anyone else. */
async function administrator(
  db: Db,
  loginId: string,
  password: string,
  deps: Pick<MaintenanceDeps, 'hasher' | 'now'>,
): Promise<number> {
  const checker = createLoginChecker({
    db: () => db,
    hasher: deps.hasher ?? createPasswordHasher(),
    now: deps.now,
  });
  const auth = await checker.check(loginId, password);
  if (!auth.ok) throw new AdministratorRequiredError(auth.reason);
  if (auth.operator.role !== 'admin') throw new AdministratorRequiredError('not-admin');
  return auth.operator.id;
}

class AdministratorRequiredError extends Error {
  override readonly name = 'AdministratorRequiredError';
  constructor(readonly reason: 'invalid' | 'locked' | 'disabled' | 'not-admin') {
    super(`an administrator's login is required (${reason})`);
  }
}

class PackagePlacementError extends Error {
  override readonly name = 'PackagePlacementError';
  constructor(readonly dir: string) {
    super(`the recovery package must not be written inside ${dir}`);
  }
}

/** Created 0600 and never over an existing file (an older package stays as IT left it). */
function writeNewPrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function errorName(err: unknown): string {
  if (err instanceof AdministratorRequiredError) return `administrator-${err.reason}`;
  if (
    err instanceof RecoveryPackageError ||
    err instanceof RestoreError ||
    err instanceof OfficeKeyError
  )
    return err.reason;
  if (err instanceof OfficeKeyPresentError) return 'office-key-present';
  if (err instanceof OfficeKeyModeError) return 'practice-mode';
  return err instanceof Error ? err.name : 'unknown';
}

/** What IT reads when a command is refused: what happened and what to do. */
function adviceFor(err: unknown): string {
  if (err instanceof AdministratorRequiredError) {
    return err.reason === 'locked'
      ? 'この管理者IDはロックされています（パスワードを5回間違えたため）。15分ほど待ってから、もう一度実行してください。'
      : err.reason === 'not-admin'
        ? '回復用パッケージを書き出せるのは管理者だけです。管理者のIDで実行してください。'
        : '管理者のIDかパスワードが違うか、無効にされたIDです。確かめてもう一度実行してください。';
  }
  if (err instanceof PackagePlacementError) {
    return `回復用パッケージをアプリのデータやバックアップと同じ場所（${err.dir}）には書き出せません。USBメモリなど、持ち出して保管する場所を指定してください。`;
  }
  if (err instanceof OfficeKeyPresentError) {
    return `この窓口端末にはすでに事務所の鍵が入っています（${err.path}）。入れ替える場合は、アプリを終了し、このファイルを別の場所に移してから、もう一度実行してください。`;
  }
  if (err instanceof OfficeKeyModeError) {
    return 'この端末は練習モードです。事務所の鍵は、本番モードで事務所のデータベースを使う窓口端末にだけ入れます。';
  }
  if (err instanceof OfficeKeyError && err.reason === 'not-an-office-key-package') {
    return '指定したファイルは事務所の鍵のパッケージではありません（npm run office-key:make で作ったファイルを指定してください）。';
  }
  if (err instanceof RecoveryPackageError) {
    switch (err.reason) {
      case 'weak-passphrase':
        return `パスフレーズが短すぎます。${MIN_PASSPHRASE_CHARS}文字以上にしてください。`;
      case 'wrong-passphrase':
        return 'パスフレーズが違うか、回復用パッケージが書き換えられています。パスフレーズを確かめてもう一度実行してください。';
      case 'not-a-package':
      case 'unsupported':
        return '指定したファイルは、このアプリの回復用パッケージではありません。ファイルを確かめてください。';
    }
  }
  if (err instanceof RestoreError) {
    switch (err.reason) {
      case 'target-exists':
        return 'この端末にはすでにデータベースがあるため、復元しませんでした（上書きはしません）。置き換える場合は、アプリを終了し、今のデータベースのファイルを別の場所に移してから、もう一度実行してください。';
      case 'missing-key':
        return 'この回復用パッケージには、このバックアップに必要な鍵が入っていません。バックアップより後に作った回復用パッケージを使ってください。';
      case 'wrong-key':
        return 'この回復用パッケージの鍵では、このバックアップの個人番号を読めません。同じ端末（同じデータベース）の回復用パッケージを使ってください。';
      case 'left-journal':
        return '復元の途中で一時ファイルが残りました。何も置き換えていません。もう一度実行してください。';
    }
  }
  if (err instanceof DbError && err.code === 'db-not-found') {
    return 'この端末にはまだデータベースがありません。アプリを一度起動して初期設定を済ませてから実行してください。';
  }
  if (err instanceof DbError && err.code === 'db-mode-mismatch') {
    return 'バックアップのモード（本番・練習）が、この端末の設定のモードと違います。正しいバックアップを指定してください。';
  }
  if ((err as NodeJS.ErrnoException)?.code === 'EEXIST') {
    return '同じ名前のファイルがすでにあります（上書きはしません）。別のファイル名を指定してください。';
  }
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `処理できませんでした。IT担当者が内容を確認してください。（${text}）`;
}

/**
 * Successive lines of a stream (what the launcher pipes), without their line ends; '' once the
 * stream has ended.
 */
export function lineReader(stream: NodeJS.ReadableStream): () => Promise<string> {
  const lines = createInterface({ input: stream, terminal: false, crlfDelay: Infinity })[
    Symbol.asyncIterator
  ]();
  return async () => {
    const next = await lines.next();
    return next.done ? '' : String(next.value);
  };
}
