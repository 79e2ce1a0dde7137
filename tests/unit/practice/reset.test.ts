// Practice reset: the seed comes back, the old file is kept once, a production file is never touched.
import { DATED_RULES_CASES } from '../../../main/practice/seed-dated-rules';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../main/audit/audit-log';
import { openIssuanceDatabase } from '../../../main/db';
import type { Db } from '../../../main/db/connection';
import { DbModeMismatchError } from '../../../main/db/errors';
import { openMyNumberCipher } from '../../../main/db/my-number-crypto';
import { readAuditRows } from '../../../main/db/repositories/audit';
import { findCardBySerial, transitionCard } from '../../../main/db/repositories/cards';
import { findOperatorByLogin } from '../../../main/db/repositories/operators';
import { createOperator } from '../../../main/operators/operator-accounts';
import { createResident, searchResidents } from '../../../main/db/repositories/residents';
import { myNumberCheckDigit, parseIsoDate, parseMyNumber } from '../../../main/card/domain';
import { PracticeResetRefusedError, resetPracticeData } from '../../../main/practice/reset';
import { practiceSeed, seedPracticeDatabase } from '../../../main/practice/seed';
import { checkLogin, filesOnDisk, makeTempDir, openWithCipher } from './practice-db';
import type { TempDir } from './practice-db';
import { testHasher } from '../../fixtures/password-cost';

const seed = practiceSeed();

/** A valid 個人番号 for a made-up resident: the check digit computed, not typed. */
function numberFrom(first11: string) {
  return parseMyNumber(first11 + String(myNumberCheckDigit(first11)));
}
const clock = () => new Date('2026-11-25T02:00:00.000Z');

let t: TempDir;
let path: string;
const open: Db[] = [];

beforeEach(() => {
  t = makeTempDir();
  path = join(t.dir, 'practice.sqlite');
});
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  t.cleanup();
});

async function seededPractice(): Promise<Db> {
  const { db, cipher } = await openWithCipher(path, 'practice', t);
  open.push(db);
  await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
  return db;
}

async function trainerId(db: Db): Promise<number> {
  const op = await findOperatorByLogin(db, 'kenshu');
  if (!op) throw new Error('the seed has a trainer');
  return op.id;
}

/** What a trainee's session leaves behind: a card handed over and a resident added. */
async function practiseOn(db: Db): Promise<void> {
  const { cipher } = { cipher: await openMyNumberCipher(db, t.protector) };
  await db.transaction(async (tx) => {
    const card = await findCardBySerial(tx, '990000000000001');
    await transitionCard(tx, card?.id ?? 0, 'issued');
    await createResident(tx, cipher, {
      kanaName: 'レンシュウ　ツイカ',
      kanjiName: '練習　追加',
      birthDate: parseIsoDate('2000-01-01'),
      address: '見本県窓口市本町９',
      sex: 'male',
      myNumber: numberFrom('11111111111'),
    });
  });
}

describe('resetPracticeData', () => {
  it('restores the seed after a practice session and keeps the old file as *.previous', async () => {
    const db = await seededPractice();
    await practiseOn(db);
    expect((await searchResidents(db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents + 1,
    );
    expect((await findCardBySerial(db, '990000000000001'))?.state).toBe('issued');

    const result = await resetPracticeData({
      dbPath: path,
      hasher: testHasher,
      keyProtector: t.protector,
      openDb: db,
      trainerOperatorId: await trainerId(db),
      clock,
    });
    open.push(result.db);
    expect((await searchResidents(result.db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents,
    );
    expect((await searchResidents(result.db, { kanjiName: '練習' })).total).toBe(0);
    expect((await findCardBySerial(result.db, '990000000000001'))?.state).toBe('prepared');
    expect(result.seed.residents).toBe(seed.residents.length + DATED_RULES_CASES.residents);
    expect(result.previousPath).toBe(`${path}.previous`);

    // The old database, with the trainee's changes, is kept and still opens.
    const previous = await openIssuanceDatabase(result.previousPath, { mode: 'practice' });
    try {
      expect((await searchResidents(previous, {}, 1, 1)).total).toBe(
        seed.residents.length + DATED_RULES_CASES.residents + 1,
      );
      const rows = await readAuditRows(previous, 0, 1000);
      expect(rows.at(-1)?.action).toBe('practice.reset');
      expect(await verifyAuditChain(previous)).toMatchObject({ ok: true });
    } finally {
      await previous.close();
    }
  });

  it('makes the reset the first audit row of the new database, naming the trainer by login id', async () => {
    const db = await seededPractice();
    const result = await resetPracticeData({
      dbPath: path,
      hasher: testHasher,
      keyProtector: t.protector,
      openDb: db,
      trainerOperatorId: await trainerId(db),
      clock,
    });
    open.push(result.db);
    const rows = await readAuditRows(result.db, 0, 100);
    expect(rows[0]).toMatchObject({ seq: 1, action: 'practice.reset', operatorId: null });
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({
      trainerLoginId: 'kenshu',
      previousFile: 'practice.sqlite.previous',
    });
    expect(rows.at(-1)?.action).toBe('practice.seeded');
    expect(await verifyAuditChain(result.db)).toEqual({ ok: true, rows: rows.length });
  });

  it('keeps only the last old file: a second reset replaces *.previous', async () => {
    let db = await seededPractice();
    for (let i = 0; i < 2; i++) {
      const result = await resetPracticeData({
        dbPath: path,
        hasher: testHasher,
        keyProtector: t.protector,
        openDb: db,
        trainerOperatorId: await trainerId(db),
        clock,
      });
      open.push(result.db);
      db = result.db;
    }
    expect(
      readdirSync(t.dir)
        .filter((f) => f.includes('.previous'))
        .sort(),
    ).toEqual(['practice.sqlite.previous']);
    // The previous file is the first reset's database: it begins with its own reset row.
    const previous = await openIssuanceDatabase(`${path}.previous`, { mode: 'practice' });
    try {
      expect((await readAuditRows(previous, 0, 1))[0]?.action).toBe('practice.reset');
    } finally {
      await previous.close();
    }
  });

  it('lets the practice accounts log in after a reset, with new operator ids', async () => {
    const db = await seededPractice();
    const before = await trainerId(db);
    // An extra operator shifts the ids of the seed accounts in the new database.
    await createOperator(db, testHasher, {
      loginId: 'renshu99',
      displayName: '臨時',
      role: 'clerk',
      password: 'temporary-99',
      createdBy: null,
    });
    const result = await resetPracticeData({
      dbPath: path,
      hasher: testHasher,
      keyProtector: t.protector,
      openDb: db,
      trainerOperatorId: before,
      clock,
    });
    open.push(result.db);
    for (const o of seed.operators) {
      const r = await checkLogin(result.db, o.loginId, o.password, clock);
      expect(r.ok, o.loginId).toBe(true);
    }
    expect(await findOperatorByLogin(result.db, 'renshu99')).toBeUndefined();
  });

  it('refuses a caller who is not a trainer and changes nothing', async () => {
    const db = await seededPractice();
    const clerk = await findOperatorByLogin(db, 'renshu01');
    const before = filesOnDisk(path);
    await expect(
      resetPracticeData({
        dbPath: path,
        hasher: testHasher,
        keyProtector: t.protector,
        openDb: db,
        trainerOperatorId: clerk?.id ?? 0,
        clock,
      }),
    ).rejects.toBeInstanceOf(PracticeResetRefusedError);
    expect(filesOnDisk(path)).toEqual(before);
    expect(existsSync(`${path}.previous`)).toBe(false);
    // Still open and usable.
    expect((await searchResidents(db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents,
    );
  });
  it('puts the old database back when the new one cannot be made', async () => {
    const db = await seededPractice();
    await practiseOn(db);
    const trainer = await trainerId(db);
    const failing = {
      protect(): Buffer {
        throw new Error('safeStorage unavailable');
      },
      unprotect(): Buffer {
        throw new Error('safeStorage unavailable');
      },
    };
    await expect(
      resetPracticeData({
        dbPath: path,
        hasher: testHasher,
        keyProtector: failing,
        openDb: db,
        trainerOperatorId: trainer,
        clock,
      }),
    ).rejects.toThrow('safeStorage unavailable');
    expect(existsSync(`${path}.previous`)).toBe(false);
    const back = await openWithCipher(path, 'practice', t);
    open.push(back.db);
    expect((await searchResidents(back.db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents + 1,
    );
    expect(await verifyAuditChain(back.db)).toMatchObject({ ok: true });
  });
});

describe('a production database', () => {
  /** A production file with a resident and, so that only the mode check stands in the way, a trainer. */
  async function productionFile(): Promise<string> {
    const prodPath = join(t.dir, 'production.sqlite');
    const { db, cipher } = await openWithCipher(prodPath, 'production', t);
    await createOperator(db, testHasher, {
      loginId: 'kenshu',
      displayName: '本番の講師',
      role: 'trainer',
      password: 'production-only',
      createdBy: null,
    });
    await db.transaction(async (tx) => {
      const id = await createResident(tx, cipher, {
        kanaName: 'ホンバン　ジュウミン',
        kanjiName: '本番　住民',
        birthDate: parseIsoDate('1970-01-01'),
        address: '見本県窓口市本町１',
        sex: 'female',
        myNumber: numberFrom('22222222222'),
      });
      await appendAudit(tx, { operatorId: null, action: 'resident.created', residentId: id });
    });
    await db.close();
    return prodPath;
  }

  it('is refused by openIssuanceDatabase in practice mode and left byte-identical', async () => {
    const prodPath = await productionFile();
    const before = filesOnDisk(prodPath);
    await expect(openIssuanceDatabase(prodPath, { mode: 'practice' })).rejects.toBeInstanceOf(
      DbModeMismatchError,
    );
    expect(filesOnDisk(prodPath)).toEqual(before);
  });

  it('is refused by the reset, which leaves it byte-identical', async () => {
    const prodPath = await productionFile();
    const before = filesOnDisk(prodPath);
    expect(Object.keys(before)).toEqual(['main']);
    const prod = await openIssuanceDatabase(prodPath, { mode: 'production' });
    open.push(prod);
    await expect(
      resetPracticeData({
        dbPath: prodPath,
        keyProtector: t.protector,
        openDb: prod,
        trainerOperatorId: await trainerId(prod),
        clock,
      }),
    ).rejects.toBeInstanceOf(DbModeMismatchError);
    // The refusal did not close the counter's database.
    expect((await searchResidents(prod, {}, 1, 1)).total).toBe(1);
    await prod.close();
    expect(filesOnDisk(prodPath)).toEqual(before);
    expect(existsSync(`${prodPath}.previous`)).toBe(false);
  });

  it('is never touched when the practice database open is pointed at it by path', async () => {
    const prodPath = await productionFile();
    const before = filesOnDisk(prodPath);
    const db = await seededPractice();
    await expect(
      resetPracticeData({
        dbPath: prodPath,
        keyProtector: t.protector,
        openDb: db,
        trainerOperatorId: await trainerId(db),
        clock,
      }),
    ).rejects.toBeInstanceOf(PracticeResetRefusedError);
    expect(filesOnDisk(prodPath)).toEqual(before);
    expect(existsSync(`${prodPath}.previous`)).toBe(false);
  });
});
