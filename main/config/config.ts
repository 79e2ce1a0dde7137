// Machine configuration: schema-validated, with practice mode and the simulated reader as the default.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { KeyProtector } from '../db/key-protector';
import type { PgConnectionOptions } from '../db/pg-connection';
import type { ScryptCost } from '../operators/password-hash';
import type { WorkstationHost } from '../preflight/workstation';
import type { RuleSet } from '../../preload/contract/rules/rule-sets';

/** The origin the Electron app serves its renderer from (main/windows/protocol.ts). */
export const APP_ORIGIN = 'app://counter';

/** A file or folder IT names: absolute, so it never depends on the folder the app starts in. */
const absolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => isAbsolute(p), 'must be an absolute path');

/** The office's PostgreSQL database, for a counter that is one of many (production only). */
export const officeDatabaseSchema = z
  .strictObject({
    kind: z.literal('postgres'),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: z.string().min(1).max(63),
    user: z.string().min(1).max(63),
    /**
     * The role's password, never written here: a file only the app's service account may read
     * (mode 0600 or 0400, checked at start), or a file sealed by this machine's key protector
     * (the OS key store, or dataKeyFile).
     */
    passwordFile: absolutePath.optional(),
    sealedPasswordFile: absolutePath.optional(),
    /** TLS always: the office CA, and the server certificate's SHA-256 pinned (hex, colons allowed). */
    tls: z.strictObject({
      caFile: absolutePath,
      serverCertSha256: z
        .string()
        .transform((v) => v.replace(/:/g, '').toLowerCase())
        .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 (64 hex digits)')),
    }),
  })
  .refine(
    (d) => (d.passwordFile === undefined) !== (d.sealedPasswordFile === undefined),
    'give exactly one of passwordFile and sealedPasswordFile',
  );

export type OfficeDatabaseConfig = z.infer<typeof officeDatabaseSchema>;
/** A time of day on the Japan clock, 00:00–23:59. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const machineConfigSchema = z.strictObject({
  /** production: the real reader and the production database; practice: simulated, separate data. */
  mode: z.enum(['production', 'practice']).optional(),
  reader: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('simulated') }),
      z.strictObject({
        kind: z.literal('pcsc'),
        /** Exact PC/SC reader name to use; the first reader with a card when omitted. */
        name: z.string().min(1).max(200).optional(),
      }),
    ])
    .default({ kind: 'simulated' }),
  /** Per-APDU timeout: a mute card never hangs the app. */
  exchangeTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /**
   * This counter's number in the office (窓口1 is 1), the one name of the counter: the local
   * authority ends the certificates' CNs with it, and in an office database each procedure records
   * it, so that a counter's open procedures resume only there and another counter's are named by
   * it (窓口2で手続き中です). Required with an office database (two counters must not share one);
   * 1 when omitted otherwise.
   */
  counterNumber: z.number().int().min(1).max(999).optional(),
  /** Simulated card timing model (real-card delays) in practice mode. */
  simTiming: z.boolean().default(true),
  /**
   * Production's first start: whoever creates the first administrator must type this code, which
   * IT chose and put here, so that whoever opens the app first does not become administrator.
   * Without it, a production machine with no operator cannot be set up. At least 12 characters;
   * once the administrator exists it is never asked again and may be removed.
   */
  setupCode: z.string().trim().min(12).max(256).optional(),
  /** The screen locks after this many minutes without activity (default 5). */
  idleLockMinutes: z.number().int().min(1).max(60).default(5),
  /**
   * An open procedure with nothing done on it for this many minutes asks the clerk to go on or
   * park it (保留); PROCEDURE_IDLE_MINUTES when omitted.
   */
  procedureIdleMinutes: z.number().int().min(1).max(120).optional(),
  /**
   * The municipality this counter belongs to, printed on receipts and slips: the 5-digit code as
   * on the card (common AP record) and the name as the office writes it (見本県窓口市).
   * Practice mode uses the practice town's.
   */
  municipality: z
    .strictObject({
      code: z.string().regex(/^\d{5}$/),
      name: z.string().trim().min(1).max(64),
    })
    .optional(),
  /**
   * Production without an OS key store: IT's key file for the data keys, on a path outside the
   * app's data and backup folders (another volume, a folder only this user may read). Keeping it,
   * and a copy of it, is IT's responsibility. When set, it is used even where an OS key store exists.
   */
  dataKeyFile: absolutePath.optional(),
  /** Where backups go; beside the mode's data folder when omitted (paths.ts defaultBackupDir). */
  backupDir: absolutePath.optional(),
  /**
   * A folder outside this computer's user profile (another disk, a share) where the audit log's
   * head is appended after every seal, start, check, 日報 and export
   * (`audit-anchors-<computer>-<mode>.jsonl`). It must exist: a missing or unwritable folder is
   * shown to the administrator and never stops the counter.
   */
  auditAnchorsDir: z.string().trim().min(1).max(1000).optional(),
  /**
   * The face check, as the municipality runs it. secondOperator: 一致 is confirmed on the spot by
   * a second operator (any counter role) with their own login; both are recorded. Off if absent.
   * score: the similarity scores (advisory) are computed on this PC; on if absent.
   * scoreThreshold: below it (0..1), 一致 needs a second look (by a second operator when
   * secondOperator is on); if absent, DEFAULT_FACE_SCORE_THRESHOLD (rules/face-score.ts).
   */
  faceCheck: z
    .strictObject({
      secondOperator: z.boolean().default(false),
      score: z.boolean().optional(),
      scoreThreshold: z.number().gt(0).lt(1).optional(),
    })
    .optional(),
  /**
   * The local authority as the counter names itself in certificates: the municipality's
   * prefecture and city in romaji (subject L= of signing certificates, the CRL partition; the
   * counter id ending both holders' CNs is `counterNumber`'s); and ocspPort: serve the authority's
   * OCSP responder and CRLs on 127.0.0.1 at that port, written in each new certificate.
   */
  authority: z
    .strictObject({
      prefecture: z
        .string()
        .regex(/^[A-Za-z][A-Za-z -]{0,40}$/)
        .optional(),
      city: z
        .string()
        .regex(/^[A-Za-z][A-Za-z -]{0,40}$/)
        .optional(),
      ocspPort: z.number().int().min(1024).max(65535).optional(),
    })
    .optional(),
  /**
   * Where production keeps its records: this computer's sqlite file (the default, one counter),
   * or the office's PostgreSQL database shared by many counters. Practice mode always uses its
   * own sqlite file.
   */
  database: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('sqlite') }),
      officeDatabaseSchema,
    ])
    .default({ kind: 'sqlite' }),
  /**
   * The national certificate service's hours on the Japan clock (HH:MM): outside them a step that
   * needs the authority is refused and 交付 can only be parked (後日交付). maintenance: the
   * service's announced windows (ISO instants with their offset). 08:30–20:00 when omitted.
   */
  certificateService: z
    .strictObject({
      opens: hhmm.default('08:30'),
      // 24:00: open until midnight.
      closes: z.union([hhmm, z.literal('24:00')]).default('20:00'),
      maintenance: z
        .array(
          z.strictObject({
            from: z.iso.datetime({ offset: true }),
            to: z.iso.datetime({ offset: true }),
          }),
        )
        .max(100)
        .default([]),
    })
    .optional(),
  /**
   * Cards nobody collects: the reminder is due this many months after the 交付通知書, and the
   * card may be destroyed this many months after the reminder, or after the first notice when no
   * reminder went out. The municipality's own periods; 3, 3 and 12 when omitted.
   */
  uncollectedCards: z
    .strictObject({
      reminderAfterMonths: z.number().int().min(1).max(24).default(3),
      destroyAfterReminderMonths: z.number().int().min(1).max(24).default(3),
      destroyAfterNoticeMonths: z.number().int().min(1).max(36).default(12),
    })
    .optional(),
});

export type MachineConfig = Omit<z.infer<typeof machineConfigSchema>, 'mode' | 'database'> & {
  readonly mode: 'production' | 'practice';
  /** Absent: this computer's sqlite file, as `{ kind: 'sqlite' }`. */
  readonly database?: z.infer<typeof machineConfigSchema>['database'];
};

/** The idle ask of an open procedure when the machine configuration does not set one. */
export const PROCEDURE_IDLE_MINUTES = 10;

export interface CoreConfig extends MachineConfig {
  readonly version: string;
  /** Where this mode's data lives (the practice mode never shares the production folder). */
  readonly dataDir: string;
  /** Origins whose main frame may call IPC: the app:// origin in Electron, a local one in e2e. */
  readonly trustedOrigins: readonly string[];
  /**
   * Protects the data keys at rest: Electron safeStorage or IT's key file in the app. Production
   * requires it; in practice mode (and tests) it may be left out, and a key file of mode 0600 in
   * dataDir is used.
   */
  readonly keyProtector?: KeyProtector;
  /** The database file, when not `issuance.sqlite3` in dataDir (the start-up benchmark's file). */
  readonly databasePath?: string;
  /**
   * Tests and bench:office: the office database's connection as already resolved (a loopback
   * server without TLS), in place of `database`, in either mode (the integration suite runs its
   * practice cores on PostgreSQL too). The machine configuration cannot set it.
   */
  readonly officeConnection?: () => Promise<PgConnectionOptions>;
  /**
   * Tests and bench:office: the office key in clear, with officeConnection (else the key installed
   * in dataDir). The machine configuration cannot set it.
   */
  readonly officeKey?: () => Promise<Uint8Array>;
  /**
   * Tests only: the procedures record counterNumber on this computer's file as an office
   * database's do, so that the e2e walks an office counter's screens (another counter's procedure,
   * its takeover) without a PostgreSQL server. The machine configuration cannot set it.
   */
  readonly countersOnFile?: boolean;
  /** The machine configuration file the app read (shown by the preflight); absent in tests. */
  readonly configFile?: { readonly path: string; readonly exists: boolean };
  /** The Electron shell's displays, printers and executable, for the preflight; absent in tests. */
  readonly workstation?: WorkstationHost;
  /** The clock, for tests of the idle lock and of dates. */
  readonly now?: () => Date;
  /**
   * Tests only: a cheaper scrypt cost, for tests that create many operators. The app never sets it
   * (main/index.ts) and the machine configuration cannot (its schema refuses unknown keys): without
   * it, every hash is made at PRODUCTION_SCRYPT_COST.
   */
  readonly passwordHashCost?: ScryptCost;
  /**
   * Tests only: the dated rule table in place of the app's own (a hypothetical future entry). The
   * machine configuration cannot set it: the rules are the law's, not the municipality's.
   */
  readonly ruleSets?: readonly RuleSet[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One thing wrong with a machine config file: where, and what, in English and in Japanese. */
export interface ConfigProblem {
  /** The key's path (`reader.kind`), or `(file)` for the file as a whole. */
  readonly path: string;
  readonly en: string;
  readonly ja: string;
}

type Checked =
  | { readonly ok: true; readonly config: MachineConfig }
  | { readonly ok: false; readonly message: string; readonly problems: readonly ConfigProblem[] };

/** The schema's own (English) message of a refinement, in Japanese. */
const JA_REFINEMENTS: Readonly<Record<string, string>> = {
  'must be an absolute path': '絶対パスで書いてください',
  'must be a SHA-256 (64 hex digits)': 'SHA-256（16進数64桁）で書いてください',
  'give exactly one of passwordFile and sealedPasswordFile':
    'passwordFile と sealedPasswordFile のどちらか一方だけを書いてください',
  'must be HH:MM': '「20:00」のように時:分で書いてください',
};

/**
 * The one check of a machine config file, for the app's start (parseMachineConfig) and for IT's
 * `npm run config:check` (machineConfigProblems) alike.
 */
function checkMachineConfig(jsonText: string | null): Checked {
  let raw: unknown;
  try {
    // Windows PowerShell 5.1 (Set-Content -Encoding UTF8, Out-File) writes a byte order mark that
    // JSON.parse refuses; IT deploying the file with it must not get a counter that cannot start.
    raw = jsonText === null ? {} : JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: 'machine config is not valid JSON',
      problems: [
        { path: '(file)', en: `not valid JSON: ${why}`, ja: `JSONとして読めません: ${why}` },
      ],
    };
  }
  const parsed = machineConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    // The same parse again, worded in Japanese: the issues come in the same order.
    const inJapanese = machineConfigSchema.safeParse(raw, { error: z.locales.ja().localeError });
    const ja = inJapanese.success ? [] : inJapanese.error.issues;
    return {
      ok: false,
      message: `machine config is invalid at: ${where}`,
      problems: parsed.error.issues.map((issue, n) => ({
        path: issue.path.join('.') || '(root)',
        en: issue.message,
        ja: JA_REFINEMENTS[issue.message] ?? ja[n]?.message ?? issue.message,
      })),
    };
  }
  const config = parsed.data;
  // No mode given: a configured real reader means production, otherwise practice.
  const mode = config.mode ?? (config.reader.kind === 'pcsc' ? 'production' : 'practice');
  // Each mode has one kind of reader, so a trainee never writes to a real card and a
  // production counter never issues from a simulated one.
  if (mode === 'practice' && config.reader.kind !== 'simulated') {
    const message = 'practice mode uses the simulated reader only (reader.kind)';
    const ja =
      '練習モードではシミュレーターのリーダーしか使えません（reader.kind を "simulated" に）';
    return { ok: false, message, problems: [{ path: 'reader.kind', en: message, ja }] };
  }
  if (config.database.kind === 'postgres' && config.counterNumber === undefined) {
    const message = 'an office database needs this counter’s number (counterNumber)';
    const ja = '事務所のデータベースを使う窓口には窓口番号が必要です（counterNumber に 1〜999）';
    return { ok: false, message, problems: [{ path: 'counterNumber', en: message, ja }] };
  }
  if (mode === 'production' && config.reader.kind !== 'pcsc') {
    const message = 'production mode needs a PC/SC reader (reader.kind = "pcsc")';
    const ja = '本番モードには PC/SC のカードリーダーが必要です（reader.kind を "pcsc" に）';
    return { ok: false, message, problems: [{ path: 'reader.kind', en: message, ja }] };
  }
  return { ok: true, config: { ...config, mode } };
}

/** Parses a machine config file's JSON text. A broken file is an error, never silently ignored. */
export function parseMachineConfig(jsonText: string | null): MachineConfig {
  const checked = checkMachineConfig(jsonText);
  if (!checked.ok) throw new ConfigError(checked.message);
  return checked.config;
}

/** Everything wrong with a machine config file's JSON text; empty when the app would start with it. */
export function machineConfigProblems(jsonText: string): readonly ConfigProblem[] {
  const checked = checkMachineConfig(jsonText);
  return checked.ok ? [] : checked.problems;
}
