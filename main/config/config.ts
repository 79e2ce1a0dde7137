// Machine configuration: schema-validated, with practice mode and the simulated reader as the default.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { KeyProtector } from '../db/key-protector';
import type { ScryptCost } from '../operators/password-hash';

/** The origin the Electron app serves its renderer from (main/windows/protocol.ts). */
export const APP_ORIGIN = 'app://counter';

/** A file or folder IT names: absolute, so it never depends on the folder the app starts in. */
const absolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => isAbsolute(p), 'must be an absolute path');

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
   */
  faceCheck: z.strictObject({ secondOperator: z.boolean().default(false) }).optional(),
});

export type MachineConfig = Omit<z.infer<typeof machineConfigSchema>, 'mode'> & {
  readonly mode: 'production' | 'practice';
};

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
  /** The clock, for tests of the idle lock and of dates. */
  readonly now?: () => Date;
  /**
   * Tests only: a cheaper scrypt cost, for tests that create many operators. The app never sets it
   * (main/index.ts) and the machine configuration cannot (its schema refuses unknown keys): without
   * it, every hash is made at PRODUCTION_SCRYPT_COST.
   */
  readonly passwordHashCost?: ScryptCost;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses a machine config file's JSON text. A broken file is an error, never silently ignored. */
export function parseMachineConfig(jsonText: string | null): MachineConfig {
  let raw: unknown;
  try {
    raw = jsonText === null ? {} : JSON.parse(jsonText);
  } catch {
    throw new ConfigError('machine config is not valid JSON');
  }
  const parsed = machineConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new ConfigError(`machine config is invalid at: ${where}`);
  }
  const config = parsed.data;
  // No mode given: a configured real reader means production, otherwise practice.
  const mode = config.mode ?? (config.reader.kind === 'pcsc' ? 'production' : 'practice');
  // Each mode has one kind of reader, so a trainee never writes to a real card and a
  // production counter never issues from a simulated one.
  if (mode === 'practice' && config.reader.kind !== 'simulated') {
    throw new ConfigError('practice mode uses the simulated reader only (reader.kind)');
  }
  if (mode === 'production' && config.reader.kind !== 'pcsc') {
    throw new ConfigError('production mode needs a PC/SC reader (reader.kind = "pcsc")');
  }
  return { ...config, mode };
}
