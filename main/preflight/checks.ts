// Each preflight check as a pure judgement of what was found: status, the finding and what IT does, in Japanese.
import type { ReadersDto } from '../../preload/contract/dto';
import type {
  PreflightCheckDto,
  PreflightCheckId,
  PreflightStatus,
} from '../../preload/contract/preflight';
import type { DisplayInfo } from '../windows/placement';

export const CHECK_TITLES: Readonly<Record<PreflightCheckId, string>> = {
  'pcsc-service': 'PC/SCサービス',
  readers: 'カードリーダー',
  'reader-name': '設定したリーダー名',
  'card-atr': 'リーダーのカード',
  camera: 'カメラ',
  displays: '住民用ディスプレイ',
  printer: '印刷（プリンターとPDFビューアー）',
  'disk-data': 'データフォルダーの空き容量',
  'disk-backup': 'バックアップフォルダーの空き容量',
  backups: 'バックアップ',
  database: 'データベース',
  audit: '監査ログの照合情報',
  config: '端末の設定ファイル',
  'disk-encryption': 'ディスクの暗号化',
  clock: '時計とタイムゾーン',
  versions: 'バージョン',
  fuses: 'Electronのヒューズ',
};

function check(
  id: PreflightCheckId,
  status: PreflightStatus,
  found: string,
  action: string | null = null,
): PreflightCheckDto {
  return { id, title: CHECK_TITLES[id], status, found, action };
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function size(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GB` : `${Math.round(bytes / MIB)} MB`;
}

const PRACTICE_READER = '練習モードのため、模擬リーダーを使います（PC/SCは使いません）。';

export interface ReaderFacts {
  /** The simulated reader is in use (practice mode). */
  readonly simulated: boolean;
  readonly platform: NodeJS.Platform;
  readonly readers: ReadersDto;
  /** The configuration's reader.name, when set. */
  readonly configuredName?: string;
}

/** The PC/SC service, the readers, the configured name and the card in the reader used. */
export function readerChecks(f: ReaderFacts): PreflightCheckDto[] {
  if (f.simulated) {
    return (['pcsc-service', 'readers', 'reader-name', 'card-atr'] as const).map((id) =>
      check(id, 'skip', PRACTICE_READER),
    );
  }
  const service = f.platform === 'win32' ? 'スマートカードサービス（SCardSvr）' : 'pcscd';
  const sub = f.readers.subsystem;
  if (sub.kind === 'pcsc-unavailable') {
    const found =
      sub.reason === 'addon-missing'
        ? 'PC/SCを使う部品（pcsc-mini）を読み込めません。'
        : `${service}が動いていません。`;
    const action =
      sub.reason === 'addon-missing'
        ? 'アプリを入れ直してください。'
        : f.platform === 'win32'
          ? 'サービス一覧で「Smart Card」（SCardSvr）を開始し、スタートアップの種類を「自動」にしてください。'
          : 'pcscd を起動してください（systemctl enable --now pcscd.socket）。';
    const notChecked = 'PC/SCサービスが使えないため確認できません。';
    return [
      check('pcsc-service', 'fail', found, action),
      check('readers', 'skip', notChecked),
      check('reader-name', 'skip', notChecked),
      check('card-atr', 'skip', notChecked),
    ];
  }
  const names = f.readers.readers.map((r) => r.name);
  const list = names.map((n) => `「${n}」`).join('、');
  const result = [check('pcsc-service', 'pass', `${service}が動いています。`)];
  if (names.length === 0) {
    result.push(
      check(
        'readers',
        'fail',
        'カードリーダーが1台も見つかりません。',
        'リーダーのUSBケーブルをつなぎ直し、ドライバーが入っているか確認してください。',
      ),
    );
  } else {
    result.push(check('readers', 'pass', `${names.length}台: ${list}`));
  }
  const wanted = f.configuredName;
  let used = f.readers.readers.find((r) => r.cardPresent) ?? f.readers.readers[0];
  if (!wanted) {
    result.push(
      check(
        'reader-name',
        names.length > 0 ? 'pass' : 'skip',
        '設定にリーダー名がありません。カードの入っているリーダーを使います。',
      ),
    );
  } else if (names.includes(wanted)) {
    used = f.readers.readers.find((r) => r.name === wanted);
    result.push(check('reader-name', 'pass', `「${wanted}」が見つかりました。`));
  } else {
    used = undefined;
    result.push(
      check(
        'reader-name',
        'fail',
        `設定のリーダー「${wanted}」が見つかりません。${names.length > 0 ? `見つかったリーダー: ${list}` : ''}`,
        '設定ファイルの reader.name を、見つかったリーダーの名前どおりに直してください（1文字でも違うと使えません）。',
      ),
    );
  }
  if (!used) {
    result.push(check('card-atr', 'skip', '使うリーダーがないため確認できません。'));
  } else if (used.mute) {
    result.push(
      check(
        'card-atr',
        'fail',
        `「${used.name}」のカードが応答しません（ATRがありません）。`,
        'カードの向きを確かめて差し直してください。別のカードでも応答しない場合はリーダーを交換してください。',
      ),
    );
  } else if (!used.cardPresent || !used.atrHex) {
    result.push(
      check(
        'card-atr',
        'warn',
        `「${used.name}」にカードがありません。`,
        'カードを差し込んでもう一度点検すると、カードの応答（ATR）を確認します。',
      ),
    );
  } else {
    const label = used.atrLabel ? `（${used.atrLabel}）` : '';
    result.push(check('card-atr', 'pass', `カードが応答しました。ATR ${used.atrHex}${label}`));
  }
  return result;
}

/** Video inputs the clerk window sees; null when this run cannot ask a window (the CLI). */
export function cameraCheck(cameras: number | null): PreflightCheckDto {
  if (cameras === null) {
    return check(
      'camera',
      'skip',
      'カメラは職員用の画面が使うため、コマンドからは確認できません。',
      '管理者画面の「端末の点検」で確認してください。',
    );
  }
  if (cameras === 0) {
    return check(
      'camera',
      'fail',
      '職員用の画面からカメラが見つかりません。',
      'カメラをつなぎ、ほかのアプリがカメラを使っていないか確認してください。',
    );
  }
  return check('camera', 'pass', `職員用の画面からカメラが${cameras}台見えます。`);
}

/** The displays; null outside Electron. One display: the resident window goes beside the clerk's. */
export function displayCheck(displays: readonly DisplayInfo[] | null): PreflightCheckDto {
  if (displays === null) {
    return check(
      'displays',
      'skip',
      'ディスプレイの台数は、インストールしたアプリ（Electron）の中でだけ分かります。',
    );
  }
  if (displays.length >= 2) {
    return check(
      'displays',
      'pass',
      `ディスプレイが${displays.length}台あります。住民用の画面は2台目に全画面で表示します。`,
    );
  }
  return check(
    'displays',
    'warn',
    'ディスプレイが1台です。住民用の画面は職員用の画面の横に、通常のウィンドウで表示します。',
    '住民が暗証番号を入力する画面を職員から離すため、2台目のディスプレイをつないでください。',
  );
}

export interface PrintFacts {
  /** Printer names; null when they could not be listed. */
  readonly printers: readonly string[] | null;
  /** The program that opens PDF files; null when none is set (undefined: not known). */
  readonly pdfViewer: string | null | undefined;
}

/** Receipts are PDFs opened in the system's viewer and printed from there. */
export function printerCheck(f: PrintFacts): PreflightCheckDto {
  const printers =
    f.printers === null
      ? 'プリンターの一覧を取得できません'
      : f.printers.length === 0
        ? 'プリンターがありません'
        : `プリンター: ${f.printers.join('、')}`;
  const viewer =
    f.pdfViewer === undefined
      ? 'PDFを開くアプリは確認できません'
      : f.pdfViewer === null
        ? 'PDFを開くアプリが設定されていません'
        : `PDFを開くアプリ: ${f.pdfViewer}`;
  const found = `${printers}。${viewer}。`;
  if (f.pdfViewer === null) {
    return check(
      'printer',
      'fail',
      found,
      '受領書や日報はPDFで開いて印刷します。PDFビューアーを入れ、PDFの既定のアプリにしてください。',
    );
  }
  if (f.printers !== null && f.printers.length === 0) {
    return check('printer', 'fail', found, 'プリンターを追加してください。');
  }
  if (f.printers === null || f.pdfViewer === undefined) {
    return check('printer', 'warn', found, '受領書を1枚印刷して確かめてください。');
  }
  return check('printer', 'pass', found);
}

/** Below this the database may fill the disk within a day's work. */
export const DISK_FAIL_BYTES = 500 * MIB;
/** Below this IT should make room before it becomes a fault. */
export const DISK_WARN_BYTES = 2 * GIB;

export function diskCheck(
  id: 'disk-data' | 'disk-backup',
  dir: string,
  free: number | null,
): PreflightCheckDto {
  if (free === null) {
    return check(
      id,
      'fail',
      `${dir} の空き容量を確認できません。`,
      'フォルダーとディスクを確認してください。',
    );
  }
  const found = `${dir}: 空き ${size(free)}`;
  if (free < DISK_FAIL_BYTES) {
    return check(
      id,
      'fail',
      found,
      '不要なファイルを消すなどして、空き容量を2 GB以上にしてください。',
    );
  }
  if (free < DISK_WARN_BYTES) {
    return check(id, 'warn', found, '空き容量が少なくなっています。2 GB以上にしてください。');
  }
  return check(id, 'pass', found);
}

export interface BackupFacts {
  readonly dir: string;
  /** The newest backup file there, or null when there is none (or no folder). */
  readonly newest: {
    readonly name: string;
    readonly at: Date;
    /** Opened and page-checked (full run); null when not opened (the quick checks). */
    readonly readable: boolean | null;
  } | null;
  readonly now: Date;
}

/** A backup older than this is worth a warning. */
export const BACKUP_MAX_AGE_DAYS = 7;

export function backupCheck(f: BackupFacts): PreflightCheckDto {
  if (!f.newest) {
    return check(
      'backups',
      'warn',
      `${f.dir} にバックアップがありません。`,
      '管理者画面の「バックアップ」で作成してください。',
    );
  }
  const days = Math.floor((f.now.getTime() - f.newest.at.getTime()) / 86_400_000);
  const found = `最新: ${f.newest.name}（${days}日前）`;
  if (f.newest.readable === false) {
    return check(
      'backups',
      'fail',
      `${found}。このファイルはデータベースとして読めません。`,
      '管理者画面の「バックアップ」で新しく作成し、バックアップ先のディスクを確認してください。',
    );
  }
  if (days > BACKUP_MAX_AGE_DAYS) {
    return check(
      'backups',
      'warn',
      found,
      `${BACKUP_MAX_AGE_DAYS}日以上バックアップがありません。管理者画面の「バックアップ」で作成してください。`,
    );
  }
  return check(
    'backups',
    'pass',
    f.newest.readable ? `${found}。読めることを確認しました。` : found,
  );
}

export interface DatabaseFacts {
  readonly path: string;
  /** The file does not exist yet (a machine never started). */
  readonly missing?: boolean;
  /** Why it could not be opened or read; null when it was. */
  readonly error: string | null;
  readonly version: number | null;
  readonly latest: number;
  /** The app version that last migrated the file, when it recorded one. */
  readonly writtenBy?: string | null;
  readonly appVersion: string;
  readonly mode: string | null;
  readonly expectedMode: string;
  /** PRAGMA quick_check's problems; null when not run (the quick checks). */
  readonly problems: readonly string[] | null;
}

export function databaseCheck(f: DatabaseFacts): PreflightCheckDto {
  if (f.missing) {
    return check(
      'database',
      'warn',
      `${f.path} はまだありません。`,
      'アプリを一度起動すると作られます。',
    );
  }
  if (f.version !== null && f.version > f.latest) {
    const by = f.writtenBy ? `新しい版のアプリ（${f.writtenBy}）` : '新しい版のアプリ';
    return check(
      'database',
      'fail',
      `データベースは${by}で更新されています（形式 ${f.version}）。このアプリ（${f.appVersion}）が扱えるのは形式 ${f.latest} までです。`,
      `アプリを${f.writtenBy ?? '新しい版'}以降に更新してください。古い版に戻す場合は、その版で作ったバックアップを復元してください。`,
    );
  }
  if (f.error !== null) {
    return check(
      'database',
      'fail',
      `${f.path} を開けません: ${f.error}`,
      'IT担当者が状態を確認してください。',
    );
  }
  const parts = [
    `形式 ${f.version ?? '?'}（このアプリは ${f.latest}）`,
    `モード ${f.mode ?? '未設定'}`,
  ];
  if (f.mode !== null && f.mode !== f.expectedMode) {
    return check(
      'database',
      'fail',
      `${parts.join('、')}。設定のモードは ${f.expectedMode} です。`,
      '練習用と本番用のデータベースが取り違えられています。ファイルの置き場所を確認してください。',
    );
  }
  if (f.problems !== null && f.problems.length > 0) {
    return check(
      'database',
      'fail',
      `${parts.join('、')}。quick_check: ${f.problems.slice(0, 3).join(' / ')}`,
      'データベースが壊れています。最新のバックアップからの復元をIT担当者に依頼してください。',
    );
  }
  if (f.problems !== null) parts.push('quick_check: ok');
  return check('database', 'pass', `${parts.join('、')}。`);
}

export interface AuditFacts {
  readonly production: boolean;
  /** An unacknowledged failed check of the audit log. */
  readonly alarm: boolean;
  readonly anchorsConfigured: boolean;
  readonly anchorsFile: string | null;
  /** Why the anchors file cannot be written or read; null when it can. */
  readonly anchorsError: string | null;
  /** The last anchor names a row the database does not have (rows cut off, a rolled-back file). */
  readonly anchorAhead?: { readonly anchorSeq: number; readonly lastSeq: number } | null;
  readonly lastAnchorAt: string | null;
}

export function auditCheck(f: AuditFacts): PreflightCheckDto {
  if (f.alarm) {
    return check(
      'audit',
      'fail',
      '監査ログの検査で問題が見つかり、まだ確認されていません。',
      '管理者画面の「監査ログ」で内容を確認し、IT担当者に報告してください。',
    );
  }
  if (f.anchorAhead) {
    return check(
      'audit',
      'fail',
      `照合情報は記録番号 ${f.anchorAhead.anchorSeq} まであるのに、データベースには ${f.anchorAhead.lastSeq} までしかありません。`,
      '監査ログが切り詰められたか、古いファイルに戻されています。すべての記録の検査をIT担当者に依頼してください。',
    );
  }
  if (!f.anchorsConfigured) {
    return check(
      'audit',
      f.production ? 'warn' : 'pass',
      '照合情報の保存先（auditAnchorsDir）が設定されていません。照合情報は日報などの印刷物にだけ残ります。',
      f.production
        ? '設定ファイルの auditAnchorsDir に、この端末の外のフォルダーを設定してください。'
        : null,
    );
  }
  if (f.anchorsError !== null) {
    return check(
      'audit',
      'fail',
      `照合情報を ${f.anchorsFile ?? '保存先'} に書けません（${f.anchorsError}）。`,
      'フォルダーがあるか、共有フォルダーにつながるか、書き込み権限があるかを確認してください。',
    );
  }
  const last = f.lastAnchorAt ? `最後の照合情報: ${f.lastAnchorAt}` : 'まだ照合情報はありません';
  return check('audit', 'pass', `${f.anchorsFile ?? ''}（${last}）`);
}

export interface ConfigFacts {
  /** The file read; null when the app was started without one (tests, a benchmark). */
  readonly file: string | null;
  readonly exists: boolean;
  readonly error: string | null;
  readonly mode: string | null;
}

export function configCheck(f: ConfigFacts): PreflightCheckDto {
  if (f.file === null) {
    return check(
      'config',
      'warn',
      '設定ファイルを読まずに起動しています（既定の設定）。',
      '本番の窓口では、インストールしたアプリを設定ファイルとともに使ってください。',
    );
  }
  if (f.error !== null) {
    return check(
      'config',
      'fail',
      `${f.file}: ${f.error}`,
      '設定ファイルを直してください（npm run config:check -- <ファイル> で確認できます）。',
    );
  }
  if (!f.exists) {
    return check(
      'config',
      'warn',
      `${f.file} がありません。既定の設定（練習モード）で動きます。`,
      '本番の窓口では設定ファイルを置いてください。',
    );
  }
  return check('config', 'pass', `${f.file}（モード ${f.mode ?? '?'}）`);
}

export interface EncryptionFacts {
  readonly platform: NodeJS.Platform;
  readonly dir: string;
  /** true / false as the OS says; null when it could not tell. */
  readonly encrypted: boolean | null;
  /** What the OS said (the volume, the tool). */
  readonly detail: string;
}

export function encryptionCheck(f: EncryptionFacts): PreflightCheckDto {
  const how =
    f.platform === 'win32'
      ? 'BitLocker'
      : f.platform === 'darwin'
        ? 'FileVault'
        : 'LUKS（dm-crypt）';
  if (f.encrypted === true) {
    return check(
      'disk-encryption',
      'pass',
      `${f.dir} のディスクは${how}で暗号化されています（${f.detail}）。`,
    );
  }
  const action = `このデータは特定個人情報です。データフォルダーのディスクを${how}で暗号化してください。`;
  if (f.encrypted === false) {
    return check(
      'disk-encryption',
      'warn',
      `${f.dir} のディスクは暗号化されていません（${f.detail}）。`,
      action,
    );
  }
  return check(
    'disk-encryption',
    'warn',
    `暗号化されているか確認できません（${f.detail}）。`,
    action,
  );
}

export interface ClockFacts {
  readonly now: Date;
  readonly timeZone: string;
  /** Minutes east of UTC at `now` (Japan: 540). */
  readonly offsetMinutes: number;
  /** The newest audit row's time: a clock before it has gone back. */
  readonly lastRecordAt: string | null;
}

export function clockCheck(f: ClockFacts): PreflightCheckDto {
  const japan = new Date(f.now.getTime() + 9 * 3600_000).toISOString();
  const zone = `UTC${f.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(f.offsetMinutes / 60)}`;
  const found = `${japan.slice(0, 10)} ${japan.slice(11, 19)}（日本時間）、タイムゾーン ${f.timeZone}（${zone}）`;
  if (f.lastRecordAt !== null && Date.parse(f.lastRecordAt) > f.now.getTime() + 60_000) {
    return check(
      'clock',
      'fail',
      `${found}。最後の記録（${f.lastRecordAt}）より前の時刻です。`,
      '時計が戻っています。時刻合わせ（NTP）の設定を確認してください。',
    );
  }
  // The app writes Japan's dates itself; other programs (the PDF viewer, the OS's file times) do not.
  if (f.timeZone !== 'Asia/Tokyo') {
    return check(
      'clock',
      'warn',
      found,
      'タイムゾーンを「(UTC+09:00) 大阪、札幌、東京」（Asia/Tokyo）にしてください。',
    );
  }
  return check('clock', 'pass', found);
}

export interface VersionFacts {
  readonly app: string;
  /** Null outside Electron (the CLI). */
  readonly electron: string | null;
  readonly node: string;
  readonly packaged: boolean;
}

export function versionCheck(f: VersionFacts): PreflightCheckDto {
  const parts = [`アプリ ${f.app}`];
  parts.push(f.electron ? `Electron ${f.electron}` : 'Electronの外で実行');
  parts.push(`Node.js ${f.node}`);
  parts.push(f.packaged ? 'インストール版' : '開発用の起動');
  return check('versions', 'pass', parts.join('、'));
}

export type FuseName =
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges';

export interface FuseFacts {
  readonly packaged: boolean;
  /** The fuses read from the running executable; null when not read. */
  readonly actual: Readonly<Partial<Record<FuseName, boolean>>> | null;
  readonly expected: Readonly<Partial<Record<FuseName, boolean>>>;
  readonly error: string | null;
}

export function fuseCheck(f: FuseFacts): PreflightCheckDto {
  if (!f.packaged) {
    return check(
      'fuses',
      'skip',
      'インストール版ではない（開発用の起動またはコマンド）ため、ヒューズは確認しません。',
    );
  }
  if (f.actual === null) {
    return check(
      'fuses',
      'fail',
      `実行ファイルのヒューズを読めません（${f.error ?? '不明'}）。`,
      '正規のインストーラーで入れ直してください。',
    );
  }
  const actual = f.actual;
  const wrong = (Object.keys(f.expected) as FuseName[]).filter(
    (name) => actual[name] !== f.expected[name],
  );
  if (wrong.length > 0) {
    return check(
      'fuses',
      'fail',
      `ビルドの設定と違うヒューズ: ${wrong.map((n) => `${n}=${String(actual[n])}`).join('、')}`,
      '改変された実行ファイルの可能性があります。正規のインストーラーで入れ直してください。',
    );
  }
  return check('fuses', 'pass', 'ビルドで設定したとおりです。');
}
