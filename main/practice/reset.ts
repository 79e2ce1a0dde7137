// Practice reset: retire the practice database (kept once as *.previous) and start a freshly seeded one.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { appendAudit } from '../audit/audit-log';
import { systemClock } from '../db/clock';
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { openIssuanceDatabase } from '../db';
import type { KeyProtector } from '../db/key-protector';
import { openMyNumberCipher } from '../db/my-number-crypto';
import type { MyNumberCipher } from '../db/my-number-crypto';
import { ensureDatabaseMode } from '../db/repositories/meta';
import { getOperator } from '../db/repositories/operators';
import type { PasswordHasher } from '../operators/password-hash';
import { readScenarioRecords, restoreScenarioRecords } from './scenarios/keep-results';
import { seedPracticeDatabase } from './seed';
import type { SeedSummary } from './seed';

export class PracticeResetRefusedError extends Error {
  override readonly name = 'PracticeResetRefusedError';
  constructor(readonly reason: 'not-trainer' | 'wrong-file') {
    super(
      reason === 'not-trainer'
        ? 'only a 研修講師 (trainer) may reset the practice database'
        : 'the open database is not the practice database file named for the reset',
    );
  }
}

export interface PracticeResetOptions {
  /** The practice database file. */
  readonly dbPath: string;
  /** Wraps the new database's 個人番号 data key (safeStorage in the app, a key file in tests). */
  readonly keyProtector: KeyProtector;
  /** The open practice database; closed by the reset (only when the reset is allowed). */
  readonly openDb: Db;
  /** The trainer asking for the reset, as an operator id of the open database. */
  readonly trainerOperatorId: number;
  readonly clock?: Clock;
  /** How the fresh seed's passwords are hashed (the app's cost unless a test passes its own). */
  readonly hasher?: PasswordHasher;
  /**
   * The trainees' accounts, assignments and scenario results go into the fresh database (the
   * default); false when the trainer chooses to clear them too.
   */
  readonly keepScenarioResults?: boolean;
}

export interface PracticeResetResult {
  readonly db: Db;
  readonly cipher: MyNumberCipher;
  readonly seed: SeedSummary;
  /** Where the old database now lives. */
  readonly previousPath: string;
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function moveDatabase(from: string, to: string): void {
  for (const suffix of SIDE_FILES) rmSync(to + suffix, { force: true });
  for (const suffix of SIDE_FILES) {
    if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  }
}

/**
 * Resets practice data. Refuses, without touching anything, a database that is not in practice
 * mode (DbModeMismatchError), a file other than `dbPath`, and a caller who is not a trainer. The
 * old file is moved to `<dbPath>.previous` (replacing the one before); if the new database cannot
 * be made, the old file is put back and the error thrown (the old Db stays closed: reopen it).
 */
export async function resetPracticeData(
  options: PracticeResetOptions,
): Promise<PracticeResetResult> {
  const { dbPath, keyProtector, openDb, trainerOperatorId } = options;
  const clock = options.clock ?? systemClock;
  // The same check openIssuanceDatabase makes: a production file answers with DbModeMismatchError.
  await ensureDatabaseMode(openDb, 'practice');
  if (resolve(openDb.path) !== resolve(dbPath)) throw new PracticeResetRefusedError('wrong-file');
  const trainer = await getOperator(openDb, trainerOperatorId);
  if (trainer.role !== 'trainer' || trainer.disabled)
    throw new PracticeResetRefusedError('not-trainer');

  const previousPath = `${dbPath}.previous`;
  const kept = options.keepScenarioResults === false ? null : await readScenarioRecords(openDb);
  // The old database's own trail ends with the reset, under the trainer's id that is valid there.
  await openDb.transaction((tx) =>
    appendAudit(
      tx,
      {
        operatorId: trainer.id,
        action: 'practice.reset',
        details: { trainerLoginId: trainer.loginId, movedTo: basename(previousPath) },
      },
      clock,
    ),
  );
  await openDb.close();
  moveDatabase(dbPath, previousPath);

  let db: Db | undefined;
  try {
    db = await openIssuanceDatabase(dbPath, { mode: 'practice' });
    const cipher = await openMyNumberCipher(db, keyProtector);
    const seed = await seedPracticeDatabase(db, cipher, clock, {
      reset: { trainerLoginId: trainer.loginId, previousFile: basename(previousPath) },
      ...(options.hasher ? { hasher: options.hasher } : {}),
    });
    if (kept && kept.trainees.length > 0) {
      await db.transaction((tx) => restoreScenarioRecords(tx, kept, trainer.loginId, clock));
    }
    return { db, cipher, seed, previousPath };
  } catch (err) {
    await db?.close().catch(() => undefined);
    moveDatabase(previousPath, dbPath);
    throw err;
  }
}
