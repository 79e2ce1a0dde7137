// The support bundle: one JSON file IT attaches to a ticket, holding no PIN, password, 個人番号, setup code or key.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadersDto } from '../../preload/contract/dto';
import type { PreflightReportDto } from '../../preload/contract/preflight';
import type { MachineConfig } from '../config/config';
import { ERROR_LOG_FILE } from '../logs/error-log';
import type { VersionFacts } from './checks';
import { fileStamp } from '../documents/file-stamp';

/** How many of the error log's last entries go in. */
export const BUNDLE_LOG_ENTRIES = 50;

export interface SupportBundleInput {
  readonly now: Date;
  readonly versions: VersionFacts;
  readonly platform: NodeJS.Platform;
  readonly config: {
    /** Null when the app started without reading one. */
    readonly file: string | null;
    /** The parsed configuration; null when it could not be read (then only the reason goes in). */
    readonly machine: MachineConfig | null;
    readonly error: string | null;
  };
  readonly preflight: PreflightReportDto;
  readonly readers: ReadersDto | null;
  /** The mode's log folder (`<data folder>/logs`). */
  readonly logDir: string;
}

const WITHHELD = '（設定あり・内容は含めません）';

/** The configuration as IT set it, the setup code withheld (the only secret the file may hold). */
function configWithoutSecrets(machine: MachineConfig): Record<string, unknown> {
  const { setupCode, ...rest } = machine;
  return { ...rest, ...(setupCode === undefined ? {} : { setupCode: WITHHELD }) };
}

const FIELD = /^[A-Za-z0-9:._/-]{1,80}$/;
/** A stack frame as V8 writes it: a function name and a file place, nothing a person typed. */
const FRAME =
  /^at (?:[\w$.<>[\] ]{1,200} \()?(?:file:\/\/|node:|\/|[A-Za-z]:\\|app:\/\/)[^()\s]{0,250}:\d+:\d+\)?$/;

/** An error as the log describes it, keeping only names, codes and frames: no message text. */
function errorShape(e: unknown, depth: number): Record<string, unknown> | null {
  if (e === null || typeof e !== 'object' || depth > 3) return null;
  const src = e as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['name', 'code', 'syscall']) {
    const v = src[key];
    if (typeof v === 'string' && FIELD.test(v)) out[key] = v;
  }
  if (Array.isArray(src.frames)) {
    out.frames = src.frames.filter((f): f is string => typeof f === 'string' && FRAME.test(f));
  }
  const cause = errorShape(src.cause, depth + 1);
  if (cause) out.cause = cause;
  return out;
}

/**
 * One log line as it goes into the bundle: its id, time, place and the error's shape. The log
 * never holds a secret, but the bundle does not rely on that: message texts (the one free text
 * an entry may have) and any field it does not know are left out.
 */
export function bundleLogEntry(line: string): Record<string, unknown> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;
  const src = parsed as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'at', 'where', 'channel', 'code']) {
    const v = src[key];
    if (typeof v === 'string' && FIELD.test(v)) out[key] = v;
  }
  const error = errorShape(src.error, 0);
  if (error) out.error = error;
  return out;
}

/** The last entries of the error log (the current file, then the rotated one before it). */
function lastLogEntries(logDir: string): Record<string, unknown>[] {
  const lines: string[] = [];
  for (const file of [ERROR_LOG_FILE, 'errors.1.log']) {
    if (lines.length >= BUNDLE_LOG_ENTRIES) break;
    try {
      const text = readFileSync(join(logDir, file), 'utf8');
      lines.unshift(...text.split('\n').filter((l) => l.trim().length > 0));
    } catch {
      // no such file yet
    }
  }
  return lines
    .slice(-BUNDLE_LOG_ENTRIES)
    .map(bundleLogEntry)
    .filter((e): e is Record<string, unknown> => e !== null);
}

// Twelve digits in a row, or written in groups: a 個人番号's form.
const TWELVE_DIGITS = /(?<![0-9])[0-9](?:[ \-\u3000]?[0-9]){11}(?![0-9])/g;

/**
 * The bundle's text. A last pass removes whatever still has a 個人番号's form, and the setup code
 * wherever it might appear (a reader named after it, a path).
 */
export function supportBundleText(input: SupportBundleInput): string {
  const bundle = {
    kind: 'madoguchi-support-bundle',
    createdAt: input.now.toISOString(),
    versions: { ...input.versions, platform: input.platform },
    config: {
      file: input.config.file,
      error: input.config.error,
      values: input.config.machine ? configWithoutSecrets(input.config.machine) : null,
    },
    preflight: input.preflight,
    readers: input.readers,
    errorLog: lastLogEntries(input.logDir),
  };
  let text = JSON.stringify(bundle, null, 2).replace(TWELVE_DIGITS, '[12桁の数字を伏せました]');
  const code = input.config.machine?.setupCode;
  if (code) text = text.split(code).join(WITHHELD);
  return `${text}\n`;
}

/** Writes the bundle as a new file (never over another) readable by its owner only. */
export function writeSupportBundle(
  dir: string,
  input: SupportBundleInput,
): { path: string; bytes: number } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `support-${fileStamp(input.now)}.json`);
  const text = Buffer.from(supportBundleText(input), 'utf8');
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return { path, bytes: text.length };
}
