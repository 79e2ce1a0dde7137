// Two counters on one office database: they share the data keys under the office key each was
// given, a counter without it opens nothing; each serves its own resident, and a procedure open
// at one counter does not hold the other (one resident at a time is per counter).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePaths, type Core } from '../../main/core';
import { FileKeyProtector } from '../../main/db/key-protector';
import { MyNumberCipher } from '../../main/db/my-number-crypto';
import { installOfficeKey, newOfficeKey, officeKeyProtector } from '../../main/db/office-key';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import { call, raw, startCore } from '../integration/support/router-calls';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08' };
const ICHIRO = { noticeNumber: 'MD-2026-0012', birthDate: '1989-01-07' };

async function applicationOf(core: Core, who: typeof HANAKO): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', who);
  return found.applications[0]!.id;
}

/** The key installed in the data folder, not the one the PostgreSQL lane gives every core. */
const INSTALLED_KEY = { officeKey: undefined };

/** A counter of the office: its own machine protector, the office key installed as IT does it. */
function counterDataDir(counterId: string, officeKey: Buffer | null) {
  const dataDir = mkdtempSync(join(tmpdir(), `madoguchi-${counterId}-`));
  const machine = new FileKeyProtector(
    join(mkdtempSync(join(tmpdir(), 'madoguchi-machine-key-')), 'machine.key'),
  );
  if (officeKey) installOfficeKey(corePaths(dataDir).officeKey, officeKey, machine);
  return { dataDir, machine };
}

/** Every value of every table of the database as text, bytea as hex. */
async function everyValue(core: Core): Promise<string> {
  const db = core.db()!;
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  let all = '';
  for (const { name } of tables) {
    for (const row of await db.all<{ j: string }>(
      `SELECT row_to_json(t)::text AS j FROM ${name} t`,
    ))
      all += row.j;
  }
  return all.toLowerCase();
}

describe('two counters on one office database', () => {
  const cores: Core[] = [];
  // The office key IT made once (npm run office-key:make) and installed on every counter.
  const officeKey = newOfficeKey();
  const database = createTestDatabase('office counters, cores');
  const connection = async () => connectionTo(testServer(), await database);

  beforeAll(async () => {
    // One after the other: the first seeds the practice town, the second finds it there.
    for (const [counterId, loginId] of [
      ['madoguchi-1', 'renshu01'],
      ['madoguchi-2', 'renshu02'],
    ] as const) {
      const { dataDir, machine } = counterDataDir(counterId, officeKey);
      const core = await startCore(dataDir, {
        officeConnection: connection,
        counterId,
        keyProtector: machine,
        ...INSTALLED_KEY,
      });
      cores.push(core);
      await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
    }
  });

  afterAll(async () => {
    for (const core of cores) await core.close();
  });

  it('both counters open the same 個人番号 key, sealed under the office key only', async () => {
    const [one, two] = cores as [Core, Core];
    expect(one.startupError()).toBeNull();
    expect(two.startupError()).toBeNull();
    const rows = await one
      .db()!
      .all<{ purpose: string; wrapped: Buffer }>('SELECT purpose, wrapped FROM data_keys');
    expect(rows.map((r) => r.purpose).sort()).toEqual(['audit-chain', 'my-number']);
    const wrapped = rows.find((r) => r.purpose === 'my-number')!.wrapped;
    const dataKey = officeKeyProtector(officeKey).unprotect(wrapped);
    // The key the office key unseals reads the numbers the first counter's seed stored.
    const stored = await two
      .db()!
      .get<{ enc: Buffer }>('SELECT my_number_enc AS enc FROM residents ORDER BY id LIMIT 1');
    expect(new MyNumberCipher(dataKey).decrypt(stored!.enc)).toMatch(/^\d{12}$/);
    // Neither key is anywhere in the database in clear.
    const values = await everyValue(two);
    for (const key of [officeKey, dataKey]) {
      expect(values).not.toContain(key.toString('hex'));
      expect(values).not.toContain(key.toString('base64').toLowerCase());
    }
  });

  it('a counter without the office key, or with another office’s, opens nothing', async () => {
    const before = await cores[0]!.db()!.get<{ n: number }>('SELECT count(*) AS n FROM audit_log');
    const cases = [
      ['madoguchi-3', null, 'office-key-missing'],
      ['madoguchi-4', newOfficeKey(), 'office-key-wrong'],
    ] as const;
    for (const [counterId, key, code] of cases) {
      const { dataDir, machine } = counterDataDir(counterId, key);
      const core = await startCore(dataDir, {
        officeConnection: connection,
        counterId,
        keyProtector: machine,
        ...INSTALLED_KEY,
      });
      try {
        expect(core.startupError()?.code).toBe(code);
        expect(core.db()).toBeNull();
      } finally {
        await core.close();
      }
    }
    // The office key installed on one machine is no key on another.
    const { dataDir } = counterDataDir('madoguchi-5', officeKey);
    const elsewhere = await startCore(dataDir, {
      officeConnection: connection,
      counterId: 'madoguchi-5',
      keyProtector: new FileKeyProtector(
        join(mkdtempSync(join(tmpdir(), 'madoguchi-other-machine-')), 'machine.key'),
      ),
      ...INSTALLED_KEY,
    });
    try {
      expect(elsewhere.startupError()?.code).toBe('office-key-wrong');
    } finally {
      await elsewhere.close();
    }
    const after = await cores[0]!.db()!.get<{ n: number }>('SELECT count(*) AS n FROM audit_log');
    expect(after).toEqual(before);
  });

  it('while 花子 is at counter 1, counter 2 starts 一郎; counter 1 still may not', async () => {
    const [one, two] = cores as [Core, Core];
    const hanako = await call<ProcedureDto>(one, 'procedure:start', {
      kind: 'issuance',
      applicationId: await applicationOf(one, HANAKO),
    });
    const ichiro = await call<ProcedureDto>(two, 'procedure:start', {
      kind: 'issuance',
      applicationId: await applicationOf(two, ICHIRO),
    });
    expect(ichiro.procedureId).not.toBe(hanako.procedureId);
    const again = await raw(one, 'procedure:start', {
      kind: 'issuance',
      applicationId: await applicationOf(two, ICHIRO),
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('other-resident-open');
    const first = await one
      .db()!
      .get<{ data: string }>(
        `SELECT data FROM procedure_journal WHERE procedure_id = ? ORDER BY id LIMIT 1`,
        [hanako.procedureId],
      );
    expect(JSON.parse(first!.data)).toMatchObject({ counter: 'madoguchi-1' });
  });
});
