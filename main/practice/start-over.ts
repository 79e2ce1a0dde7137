// The trainer starts the practice over: a freshly seeded database in place of the old one, and
// nothing the app held in memory for the old one.
import type { SessionDto } from '../../preload/contract/dto';
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import type { KeyProtector } from '../db/key-protector';
import type { MyNumberCipher } from '../db/my-number-crypto';
import type { OperatorSessions } from '../operators/operator-session';
import type { PasswordHasher } from '../operators/password-hash';
import { resetPracticeData } from './reset';

export interface StartOverDeps {
  /** The practice database file. */
  readonly dbPath: string;
  keyProtector(): KeyProtector;
  db(): Db;
  /** The trainer asking for it. */
  operatorId(): number;
  readonly now: Clock;
  /** How the fresh seed's passwords are hashed. */
  readonly hasher: PasswordHasher;
  /** The app works on the fresh database from now on. */
  adopt(db: Db, cipher: MyNumberCipher): void;
  /** Drops what was held for the old database: open procedures, the PIN entry, practice faults. */
  forget(): void;
  /** New operator sessions on the fresh database, the old ones disposed. */
  restartSessions(db: Db): OperatorSessions;
  /** Tells every window the new session state. */
  authChanged(status: SessionDto): void;
}

/**
 * Resets the practice data (refused, with nothing changed, for anybody but a trainer) and answers
 * the new session state: nobody is logged in, since operator ids belong to the old file.
 */
export async function startPracticeOver(
  deps: StartOverDeps,
  keepScenarioResults = true,
): Promise<SessionDto> {
  const result = await resetPracticeData({
    dbPath: deps.dbPath,
    keyProtector: deps.keyProtector(),
    openDb: deps.db(),
    trainerOperatorId: deps.operatorId(),
    clock: deps.now,
    hasher: deps.hasher,
    keepScenarioResults,
  });
  deps.adopt(result.db, result.cipher);
  deps.forget();
  const status = await deps.restartSessions(result.db).status();
  deps.authChanged(status);
  return status;
}
