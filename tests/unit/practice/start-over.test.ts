// The trainer starts the practice over: the app adopts the fresh database, forgets what it held for
// the old one and starts new sessions, in that order; a refused reset changes nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../../preload/contract/dto';
import type { Db } from '../../../main/db/connection';
import { findOperatorByLogin } from '../../../main/db/repositories/operators';
import {
  createOperatorSessions,
  type OperatorSessions,
} from '../../../main/operators/operator-session';
import { PracticeResetRefusedError } from '../../../main/practice/reset';
import { seedPracticeDatabase } from '../../../main/practice/seed';
import { startPracticeOver, type StartOverDeps } from '../../../main/practice/start-over';
import { testHasher } from '../../fixtures/password-cost';
import { makeTempDir, openWithCipher, type TempDir } from './practice-db';

const clock = () => new Date('2026-11-25T02:00:00.000Z');

let t: TempDir;
let path: string;
const open: Db[] = [];
const sessions: OperatorSessions[] = [];

beforeEach(() => {
  t = makeTempDir();
  path = join(t.dir, 'practice.sqlite');
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.dispose();
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  t.cleanup();
});

async function seededPractice(): Promise<Db> {
  const { db, cipher } = await openWithCipher(path, 'practice', t);
  open.push(db);
  await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
  return db;
}

/** The deps of a core on `db`, as `loginId`, writing down what the reset asked of it. */
async function coreOn(db: Db, loginId: string) {
  const steps: string[] = [];
  const adopted: Db[] = [];
  const events: SessionDto[] = [];
  const operator = await findOperatorByLogin(db, loginId);
  const deps: StartOverDeps = {
    dbPath: path,
    keyProtector: () => t.protector,
    db: () => db,
    operatorId: () => operator!.id,
    now: clock,
    hasher: testHasher,
    adopt: (fresh) => {
      steps.push('adopt');
      adopted.push(fresh);
      open.push(fresh);
    },
    forget: () => void steps.push('forget'),
    restartSessions: (fresh) => {
      steps.push('sessions');
      const s = createOperatorSessions({
        db: fresh,
        hasher: testHasher,
        setup: { needsCode: false },
        idleLockMinutes: 5,
        now: clock,
        onChange: () => undefined,
      });
      sessions.push(s);
      return s;
    },
    authChanged: (status) => {
      steps.push('auth-changed');
      events.push(status);
    },
  };
  return { deps, steps, adopted, events };
}

describe('startPracticeOver', () => {
  it('adopts the fresh database, forgets the old state, then starts sessions nobody is logged in to', async () => {
    const db = await seededPractice();
    const { deps, steps, adopted, events } = await coreOn(db, 'kenshu');
    const status = await startPracticeOver(deps);
    expect(steps).toEqual(['adopt', 'forget', 'sessions', 'auth-changed']);
    expect(adopted).toHaveLength(1);
    expect(adopted[0]).not.toBe(db);
    expect(adopted[0]!.path).toBe(db.path);
    expect(await findOperatorByLogin(adopted[0]!, 'kenshu')).toBeDefined();
    expect(status).toMatchObject({ operator: null, locked: false, needsSetup: false });
    expect(events).toEqual([status]);
  });

  it('a clerk is refused and the app keeps everything it had', async () => {
    const db = await seededPractice();
    const { deps, steps } = await coreOn(db, 'renshu01');
    await expect(startPracticeOver(deps)).rejects.toBeInstanceOf(PracticeResetRefusedError);
    expect(steps).toEqual([]);
    expect(await findOperatorByLogin(db, 'renshu01')).toBeDefined();
  });
});
