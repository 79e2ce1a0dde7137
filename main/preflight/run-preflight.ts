// Runs the one preflight list over a source of facts: the app's (main/preflight/service.ts) or the CLI's.
import type { ReadersDto } from '../../preload/contract/dto';
import {
  worstStatus,
  type PreflightCheckDto,
  type PreflightReportDto,
} from '../../preload/contract/preflight';
import type { DisplayInfo } from '../windows/placement';
import {
  auditCheck,
  backupCheck,
  cameraCheck,
  clockCheck,
  configCheck,
  databaseCheck,
  diskCheck,
  displayCheck,
  encryptionCheck,
  fuseCheck,
  printerCheck,
  readerChecks,
  versionCheck,
  type AuditFacts,
  type ConfigFacts,
  type DatabaseFacts,
  type FuseFacts,
  type PrintFacts,
  type VersionFacts,
} from './checks';
import {
  diskEncryption,
  freeBytes,
  newestBackup,
  printFacts,
  zoneOf,
  type RunProgram,
} from './host';

/** Where the facts come from; each source answers for its own place (the app, the command line). */
export interface PreflightSources {
  readonly platform: NodeJS.Platform;
  now(): Date;
  readonly dataDir: string;
  readonly backupDir: string;
  readonly run: RunProgram;
  config(): ConfigFacts;
  /** The reader list as the card service sees it; simulated in practice mode. */
  readers(): Promise<{ simulated: boolean; readers: ReadersDto; configuredName?: string }>;
  /** Video inputs the clerk window reported; null when no window was asked. */
  readonly cameras: number | null;
  /** Null outside Electron. */
  displays(): readonly DisplayInfo[] | null;
  /** The app's own printer list where it has one (Electron); else the OS is asked. */
  printers?(): Promise<PrintFacts>;
  /** quick: without PRAGMA quick_check. lastRecordAt: the newest audit row's time. */
  database(quick: boolean): Promise<DatabaseFacts & { lastRecordAt: string | null }>;
  audit(): Promise<AuditFacts>;
  readonly versions: VersionFacts;
  fuses(): Promise<FuseFacts>;
  /** Opens a backup file read-only and page-checks it. */
  backupReadable(path: string): Promise<boolean>;
}

/**
 * The whole list, or at start the quick part (no page check of the database or the backup, no
 * programs asked about disks and printers, no camera or display yet).
 */
export async function runPreflight(
  sources: PreflightSources,
  options: { quick: boolean },
): Promise<PreflightReportDto> {
  const { quick } = options;
  const now = sources.now();
  const checks: PreflightCheckDto[] = [];
  const readers = await sources.readers();
  checks.push(...readerChecks({ ...readers, platform: sources.platform }));
  if (!quick) {
    checks.push(cameraCheck(sources.cameras));
    checks.push(displayCheck(sources.displays()));
    checks.push(
      printerCheck(
        sources.printers
          ? await sources.printers()
          : await printFacts(sources.platform, sources.run),
      ),
    );
  }
  checks.push(diskCheck('disk-data', sources.dataDir, await freeBytes(sources.dataDir)));
  checks.push(diskCheck('disk-backup', sources.backupDir, await freeBytes(sources.backupDir)));
  const newest = await newestBackup(sources.backupDir);
  checks.push(
    backupCheck({
      dir: sources.backupDir,
      newest: newest && {
        name: newest.name,
        at: newest.at,
        readable: quick ? null : await sources.backupReadable(newest.path),
      },
      now,
    }),
  );
  const database = await sources.database(quick);
  checks.push(databaseCheck(database));
  checks.push(auditCheck(await sources.audit()));
  checks.push(configCheck(sources.config()));
  if (!quick) {
    checks.push(
      encryptionCheck(await diskEncryption(sources.dataDir, sources.platform, sources.run)),
    );
  }
  checks.push(clockCheck({ now, ...zoneOf(now), lastRecordAt: database.lastRecordAt }));
  checks.push(versionCheck(sources.versions));
  if (!quick) checks.push(fuseCheck(await sources.fuses()));
  return {
    at: now.toISOString(),
    quick,
    checks,
    worst: worstStatus(checks.map((c) => c.status)),
  };
}
