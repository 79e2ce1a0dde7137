// Where this machine keeps its data keys: the OS key store, IT's key file, or (practice only) the data folder.
import { realpathSync } from 'node:fs';
import { posix, win32, type PlatformPath } from 'node:path';
import type { KeyFileError } from '../db/key-protector';

/**
 * What the OS offers, as the shell finds it: `plain-text` is Electron's Linux fallback without a
 * keyring (`basic_text`), whose key is a constant in Chromium: it protects nothing.
 */
export type OsKeyStore = 'available' | 'unavailable' | 'plain-text';

export type KeyStoreChoice =
  | { readonly kind: 'os' }
  | { readonly kind: 'key-file'; readonly path: string }
  /** Practice mode without an OS key store: a key file in the practice data folder, as in tests. */
  | { readonly kind: 'practice-file' };

export type KeyStoreRefusalReason =
  | 'no-key-store'
  | 'key-file-in-data'
  | 'key-file-in-backups'
  | 'backups-in-data'
  | 'key-file-unusable';

/** The machine cannot keep its keys apart from its data: the app does not start. */
export class KeyStoreRefusal extends Error {
  override readonly name = 'KeyStoreRefusal';
  constructor(
    readonly reason: KeyStoreRefusalReason,
    /** For IT, in Japanese: what is wrong and what to do (the shell shows it in a dialog). */
    readonly advice: string,
  ) {
    super(`key store refused: ${reason}`);
  }
}

export interface KeyStoreInput {
  readonly mode: 'production' | 'practice';
  readonly osKeyStore: OsKeyStore;
  /** The machine configuration's dataKeyFile. */
  readonly dataKeyFile?: string;
  /** The app's own folder (Electron userData): every mode's data folder is inside it. */
  readonly appDataDir: string;
  /** This mode's data folder. */
  readonly dataDir: string;
  readonly backupDir: string;
  readonly platform: NodeJS.Platform;
}

/** Title of the dialog that shows a KeyStoreRefusal. */
export const KEY_STORE_REFUSAL_TITLE = '個人番号の鍵を安全に保管できません';

const SEE_README = '設定の方法は README の「Configuration for IT staff」にあります。';

/**
 * Production keeps the data keys where a copy of the data folder or of a backup cannot reach
 * them: IT's key file when the configuration names one (checked to lie outside the app's folder
 * and the backup folder), else the OS key store, else nothing: the app refuses to start rather
 * than write the key beside the database. Practice mode keeps its old behaviour.
 */
export function chooseKeyStore(input: KeyStoreInput): KeyStoreChoice {
  const inside = (parent: string, child: string) => isInside(parent, child, input.platform);
  if (inside(input.dataDir, input.backupDir)) {
    throw new KeyStoreRefusal(
      'backups-in-data',
      `端末の設定の backupDir がアプリのデータフォルダーの中を指しています（${input.backupDir}）。` +
        `IT担当者へ：データフォルダー（${input.dataDir}）の外、できれば別のドライブのフォルダーを指定してください。${SEE_README}`,
    );
  }
  if (input.dataKeyFile !== undefined) {
    if (inside(input.appDataDir, input.dataKeyFile)) {
      throw new KeyStoreRefusal(
        'key-file-in-data',
        `端末の設定の dataKeyFile がアプリのデータフォルダーの中を指しています（${input.dataKeyFile}）。` +
          '鍵ファイルがデータと同じ場所にあると、フォルダーを複製するだけで個人番号が読めてしまいます。' +
          `IT担当者へ：${input.appDataDir} の外の場所を指定してください。${SEE_README}`,
      );
    }
    if (inside(input.backupDir, input.dataKeyFile)) {
      throw new KeyStoreRefusal(
        'key-file-in-backups',
        `端末の設定の dataKeyFile がバックアップフォルダーの中を指しています（${input.dataKeyFile}）。` +
          'バックアップと鍵が一緒にあると、バックアップを持ち出すだけで個人番号が読めてしまいます。' +
          `IT担当者へ：${input.backupDir} の外の場所を指定してください。${SEE_README}`,
      );
    }
    return { kind: 'key-file', path: input.dataKeyFile };
  }
  if (input.mode === 'practice') {
    return input.osKeyStore === 'unavailable' ? { kind: 'practice-file' } : { kind: 'os' };
  }
  if (input.osKeyStore === 'available') return { kind: 'os' };
  throw new KeyStoreRefusal(
    'no-key-store',
    'この端末ではOSの鍵保管機能（Windows の DPAPI、macOS のキーチェーン、Linux の Secret Service）を使えないため、本番モードを開始できません。' +
      '個人番号を守る鍵をデータと同じフォルダーに置くことはできません。' +
      'IT担当者へ：OSの鍵保管機能を使えるようにするか、端末の設定ファイルの dataKeyFile に、' +
      `データフォルダーとバックアップフォルダーの外にある鍵ファイルの場所を指定してください。${SEE_README}`,
  );
}

/** For IT, in Japanese, when the key file the configuration names cannot be used. */
export function keyFileAdvice(e: KeyFileError): string {
  switch (e.reason) {
    case 'permissions':
      return `鍵ファイル（${e.path}）を、この利用者以外も読めるようになっています。IT担当者へ：この利用者だけが読めるように権限を直してください（chmod 600）。`;
    case 'size':
      return `鍵ファイル（${e.path}）の大きさが正しくありません。IT担当者へ：保管している鍵ファイルの控えから戻してください。`;
    case 'wrong-key':
      return `鍵ファイル（${e.path}）が、このデータベースの鍵ではありません。IT担当者へ：保管している鍵ファイルの控えから戻すか、回復用パッケージで復元してください（npm run db:restore）。`;
  }
}

/** IT's key file could not be opened or created (no such folder, no permission). */
export function keyFileUnusable(path: string, e: unknown): KeyStoreRefusal {
  const code = (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.name ?? 'error';
  return new KeyStoreRefusal(
    'key-file-unusable',
    `端末の設定の dataKeyFile の鍵ファイル（${path}）を開けません（${code}）。` +
      `IT担当者へ：その場所のフォルダーがあること、この利用者が読み書きできることを確かめてください。${SEE_README}`,
  );
}

/**
 * True when `child` is `parent` or lies under it, after following symbolic links as far as the
 * path exists (a link into the data folder is the data folder). Windows and macOS compare
 * without case, as their file systems do by default.
 */
export function isInside(parent: string, child: string, platform: NodeJS.Platform): boolean {
  const path = platform === 'win32' ? win32 : posix;
  // Links can be followed only on the machine itself (tests pass other platforms' paths).
  const real = platform === process.platform;
  const fold = (p: string) => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);
  const rel = path.relative(
    fold(canonical(path, parent, real)),
    fold(canonical(path, child, real)),
  );
  const up = rel === '..' || rel.startsWith(`..${path.sep}`);
  return rel === '' || (!up && !path.isAbsolute(rel));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function canonical(path: PlatformPath, p: string, real: boolean): string {
  const full = path.resolve(p);
  if (!real) return full;
  try {
    return realpathSync.native(full);
  } catch {
    const parent = path.dirname(full);
    return parent === full ? full : path.join(canonical(path, parent, real), path.basename(full));
  }
}
