// The preflight inside the app: the quick checks at start (the clerk's strip), the full list and the bundle for the administrator.
import type { ReadersDto } from '../../preload/contract/dto';
import type { AppError } from '../../preload/contract/errors';
import type { PreflightReportDto, PreflightSummaryDto } from '../../preload/contract/preflight';
import type { AuditStatus } from '../audit/audit-guard';
import type { MachineConfig } from '../config/config';
import type { Db } from '../db/connection';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { databaseFactsOf, backupReadable, type DatabaseReport } from './data-facts';
import { EXPECTED_FUSES, fuseFileOf, readFuses } from './fuses';
import { printFacts, runProgram, type RunProgram } from './host';
import { runPreflight, type PreflightSources } from './run-preflight';
import { writeSupportBundle } from './support-bundle';
import type { WorkstationHost } from './workstation';

export interface PreflightServiceDeps {
  readonly platform: NodeJS.Platform;
  readonly now: () => Date;
  readonly machine: MachineConfig;
  readonly configFile: { readonly path: string; readonly exists: boolean } | null;
  readonly appVersion: string;
  readonly dataDir: string;
  readonly backupDir: string;
  readonly databasePath: string;
  readonly logDir: string;
  /** Where the support bundle goes (the data folder's exports/). */
  readonly exportsDir: string;
  readonly simulated: boolean;
  readers(): ReadersDto;
  db(): Db | null;
  startupError(): AppError | null;
  auditStatus(): Promise<AuditStatus | null>;
  readonly workstation: WorkstationHost | null;
  readonly run?: RunProgram;
  /** The start-up checks finished: the clerk window's strip asks again. */
  onSummary?(summary: PreflightSummaryDto): void;
}

/** A full list at most this old goes into the bundle as it is. */
const BUNDLE_REUSE_MS = 5 * 60_000;

export interface PreflightService {
  /** The whole list; `cameras` is what the clerk window reported. */
  run(cameras: number | null): Promise<PreflightReportDto>;
  /** The quick checks, at start; never throws. */
  startup(): Promise<void>;
  summary(): PreflightSummaryDto;
  writeSupportBundle(cameras: number | null): Promise<{ path: string; bytes: number }>;
}

export function createPreflightService(deps: PreflightServiceDeps): PreflightService {
  const run = deps.run ?? runProgram;
  let summary: PreflightSummaryDto = { at: null, failed: [] };

  async function database(quick: boolean): Promise<DatabaseReport> {
    const options = {
      path: deps.databasePath,
      appVersion: deps.appVersion,
      expectedMode: deps.machine.mode,
      quick,
    };
    const fault = deps.startupError();
    const db = deps.db();
    if (fault || !db) {
      // The file the app refused: named by the error it gave (the newer app's version with it).
      const [database, app] = fault?.code === 'db-too-new' ? (fault.detail ?? '').split(' > ') : [];
      return {
        path: deps.databasePath,
        error: fault?.code ?? 'not-open',
        version: fault?.code === 'db-too-new' ? LATEST_SCHEMA_VERSION + 1 : null,
        latest: LATEST_SCHEMA_VERSION,
        writtenBy: database ?? null,
        appVersion: app ?? deps.appVersion,
        mode: null,
        expectedMode: deps.machine.mode,
        problems: null,
        lastRecordAt: null,
      };
    }
    return databaseFactsOf(db, options);
  }

  function sources(cameras: number | null): PreflightSources {
    const host = deps.workstation;
    return {
      platform: deps.platform,
      now: deps.now,
      dataDir: deps.dataDir,
      backupDir: deps.backupDir,
      run,
      config: () => ({
        file: deps.configFile?.path ?? null,
        exists: deps.configFile?.exists ?? false,
        error: null,
        mode: deps.machine.mode,
      }),
      readers: async () => ({
        simulated: deps.simulated,
        readers: deps.readers(),
        configuredName: deps.machine.reader.kind === 'pcsc' ? deps.machine.reader.name : undefined,
      }),
      cameras,
      displays: () => host?.displays() ?? null,
      printers: host
        ? async () => ({
            printers: await host.printers().catch(() => null),
            pdfViewer: (await printFacts(deps.platform, run)).pdfViewer,
          })
        : undefined,
      database,
      audit: async () => {
        const status = await deps.auditStatus().catch(() => null);
        return {
          production: deps.machine.mode === 'production',
          alarm: status?.alarm != null,
          anchorsConfigured: deps.machine.auditAnchorsDir !== undefined,
          anchorsFile: status?.anchors.file ?? null,
          anchorsError: status?.anchors.failing ? (status.anchors.error ?? 'failing') : null,
          lastAnchorAt: status?.anchors.lastWrittenAt ?? null,
        };
      },
      versions: {
        app: deps.appVersion,
        electron: host?.electronVersion ?? null,
        node: process.versions.node,
        packaged: host?.packaged ?? false,
      },
      fuses: async () => {
        if (!host?.packaged) {
          return { packaged: false, actual: null, expected: EXPECTED_FUSES, error: null };
        }
        try {
          const actual = await readFuses(fuseFileOf(host.executable));
          return { packaged: true, actual, expected: EXPECTED_FUSES, error: null };
        } catch (e) {
          return {
            packaged: true,
            actual: null,
            expected: EXPECTED_FUSES,
            error: (e as Error).message,
          };
        }
      },
      backupReadable,
    };
  }

  /** The last full list: the bundle written right after it (the screen's order) takes it as it is. */
  let lastFull: PreflightReportDto | null = null;
  async function full(cameras: number | null): Promise<PreflightReportDto> {
    lastFull = await runPreflight(sources(cameras), { quick: false });
    return lastFull;
  }

  return {
    run: full,
    async startup() {
      try {
        const report = await runPreflight(sources(null), { quick: true });
        summary = {
          at: report.at,
          failed: report.checks
            .filter((c) => c.status === 'fail')
            .map((c) => ({ id: c.id, title: c.title })),
        };
      } catch (e) {
        console.error(`[Preflight] start-up checks could not run: ${(e as Error).name}`);
        summary = { at: deps.now().toISOString(), failed: [] };
      }
      deps.onSummary?.(summary);
    },
    summary: () => summary,
    async writeSupportBundle(cameras) {
      const recent =
        lastFull !== null && deps.now().getTime() - Date.parse(lastFull.at) < BUNDLE_REUSE_MS;
      const report = recent && lastFull ? lastFull : await full(cameras);
      const host = deps.workstation;
      return writeSupportBundle(deps.exportsDir, {
        now: deps.now(),
        versions: {
          app: deps.appVersion,
          electron: host?.electronVersion ?? null,
          node: process.versions.node,
          packaged: host?.packaged ?? false,
        },
        platform: deps.platform,
        config: {
          file: deps.configFile?.path ?? null,
          machine: deps.machine,
          error: null,
        },
        preflight: report,
        readers: deps.readers(),
        logDir: deps.logDir,
      });
    },
  };
}
