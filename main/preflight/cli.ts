// `npm run preflight` and `npm run support:bundle`: the same checks as the admin screen, from the machine's files.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PreflightReportDto, PreflightStatus } from '../../preload/contract/preflight';
import { createCardService } from '../card/card-service';
import { createPcscWatcher } from '../card/pcsc-transport';
import { ConfigError, parseMachineConfig, type MachineConfig } from '../config/config';
import { defaultBackupDir, machineConfigPath, modeDataDir } from '../config/paths';
import { anchorFileFacts, backupReadable, databaseFileFacts } from './data-facts';
import { EXPECTED_FUSES } from './fuses';
import { runProgram, type RunProgram } from './host';
import { runPreflight, type PreflightSources } from './run-preflight';
import { fileStamp } from '../documents/file-stamp';
import { writeSupportBundle } from './support-bundle';

export interface CliOptions {
  readonly json: boolean;
  /** Write the support bundle into this folder instead of printing the checks. */
  readonly bundleDir: string | null;
  readonly configFile: string | null;
  readonly dataDir: string | null;
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  constructor() {
    super(
      'usage: npm run preflight -- [--json] [--config <file>] [--user-data <folder>]\n' +
        '       npm run support:bundle -- <folder> [--config <file>] [--user-data <folder>]',
    );
  }
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let json = false;
  let bundleDir: string | null = null;
  let configFile: string | null = null;
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliUsageError();
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--support-bundle') bundleDir = value();
    else if (a === '--config') configFile = value();
    else if (a === '--user-data') dataDir = value();
    else throw new CliUsageError();
  }
  return { json, bundleDir, configFile, dataDir };
}

/** Electron's userData folder for the app named 窓口 (productName), where the app keeps its modes' data. */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), '窓口');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', '窓口');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), '窓口');
}

export interface CliDeps {
  readonly platform: NodeJS.Platform;
  readonly env: Record<string, string | undefined>;
  readonly now: () => Date;
  readonly appVersion: string;
  readonly run?: RunProgram;
  print(line: string): void;
}

interface ReadConfig {
  readonly file: string;
  readonly exists: boolean;
  readonly machine: MachineConfig | null;
  readonly error: string | null;
}

function readConfig(file: string): ReadConfig {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { file, exists: true, machine: null, error: '読み込めません' };
    }
  }
  try {
    return { file, exists: text !== null, machine: parseMachineConfig(text), error: null };
  } catch (e) {
    if (e instanceof ConfigError) return { file, exists: true, machine: null, error: e.message };
    throw e;
  }
}

/** The sources of the command line: the machine's files, PC/SC through the app's own watcher. */
function cliSources(options: CliOptions, deps: CliDeps) {
  const configPath = options.configFile ?? machineConfigPath(deps.platform, deps.env, false);
  const config = readConfig(configPath);
  // A broken file still gets the other checks, on the defaults the app would not start with.
  const machine = config.machine ?? parseMachineConfig(null);
  const userData = options.dataDir ?? defaultUserDataDir(deps.platform, deps.env, homedir());
  const dataDir = modeDataDir(userData, machine.mode);
  const backupDir = machine.backupDir ?? defaultBackupDir(dataDir);
  const databasePath = join(dataDir, 'issuance.sqlite3');
  const simulated = machine.reader.kind === 'simulated';
  return { config, machine, dataDir, backupDir, databasePath, simulated };
}

/** Runs the checks (or writes the bundle) and prints; the exit code: 0 no failure, 1 a failure. */
export async function runPreflightCli(options: CliOptions, deps: CliDeps): Promise<number> {
  const s = cliSources(options, deps);
  const watcher = s.simulated ? null : createPcscWatcher({ retryMs: 0 });
  const cards = watcher
    ? createCardService({ watcher, exchangeTimeoutMs: s.machine.exchangeTimeoutMs })
    : null;
  await watcher?.start();
  try {
    const readers = cards?.readers() ?? { subsystem: { kind: 'ready' as const }, readers: [] };
    const versions = {
      app: deps.appVersion,
      electron: null,
      node: process.versions.node,
      packaged: false,
    };
    const sources: PreflightSources = {
      platform: deps.platform,
      now: deps.now,
      dataDir: s.dataDir,
      backupDir: s.backupDir,
      run: deps.run ?? runProgram,
      config: () => ({
        file: s.config.file,
        exists: s.config.exists,
        error: s.config.error,
        mode: s.config.machine?.mode ?? null,
      }),
      readers: async () => ({
        simulated: s.simulated,
        readers,
        configuredName: s.machine.reader.kind === 'pcsc' ? s.machine.reader.name : undefined,
      }),
      cameras: null,
      displays: () => null,
      database: (quick) =>
        databaseFileFacts({
          path: s.databasePath,
          appVersion: deps.appVersion,
          expectedMode: s.machine.mode,
          quick,
        }),
      audit: () =>
        anchorFileFacts({
          anchorsDir: s.machine.auditAnchorsDir,
          mode: s.machine.mode,
          production: s.machine.mode === 'production',
          databasePath: s.databasePath,
        }),
      versions,
      fuses: async () => ({ packaged: false, actual: null, expected: EXPECTED_FUSES, error: null }),
      backupReadable,
    };
    const report = await runPreflight(sources, { quick: false });
    if (options.bundleDir !== null) {
      const written = writeSupportBundle(options.bundleDir, {
        now: deps.now(),
        versions,
        platform: deps.platform,
        config: { file: s.config.file, machine: s.config.machine, error: s.config.error },
        preflight: report,
        readers: cards ? readers : null,
        logDir: join(s.dataDir, 'logs'),
      });
      deps.print(`サポート用ファイルを書き出しました: ${written.path}（${written.bytes} バイト）`);
      return 0;
    }
    if (options.json) deps.print(JSON.stringify(report));
    else for (const line of reportLines(report)) deps.print(line);
    return report.worst === 'fail' ? 1 : 0;
  } finally {
    await watcher?.stop();
  }
}

const MARKS: Readonly<Record<PreflightStatus, string>> = {
  pass: '[OK]  ',
  warn: '[警告]',
  fail: '[NG]  ',
  skip: '[--]  ',
};

/** The report for a person at a terminal: one line a check, what to do under it. */
export function reportLines(report: PreflightReportDto): string[] {
  const lines = [`窓口 端末の点検 ${fileStamp(new Date(report.at))}（日本時間）`];
  for (const c of report.checks) {
    lines.push(`${MARKS[c.status]} ${c.title}: ${c.found}`);
    if (c.action && c.status !== 'pass') lines.push(`        → ${c.action}`);
  }
  const count = (st: PreflightStatus) => report.checks.filter((c) => c.status === st).length;
  lines.push(`結果: 失敗 ${count('fail')}、警告 ${count('warn')}、確認できず ${count('skip')}`);
  return lines;
}

/** The version in package.json beside the app's sources. */
export function packageVersion(root: string): string {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return 'unknown';
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
}
