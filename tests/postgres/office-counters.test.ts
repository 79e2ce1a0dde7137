// Two counters on one office database: they share the data keys under the office key each was
// given, a counter without it opens nothing; each serves its own resident; two counters racing to start
// the same application, card or resident cannot both win (the database's constraints decide), the
// loser is told which counter has it; a procedure stays at its counter unless a 責任者 approves
// taking it over.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePaths, type Core } from '../../main/core';
import { isConstraintError } from '../../main/db/connection';
import { FileKeyProtector } from '../../main/db/key-protector';
import { MyNumberCipher } from '../../main/db/my-number-crypto';
import { installOfficeKey, newOfficeKey, officeKeyProtector } from '../../main/db/office-key';
import { startProcedure } from '../../main/db/repositories/journal';
import type { Channel } from '../../preload/contract/channels';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import { approveBySupervisor, call, raw, startCore } from '../integration/support/router-calls';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08' };
const ICHIRO = { noticeNumber: 'MD-2026-0012', birthDate: '1989-01-07' };
const SERIAL = { taro: '990000000000002', satsuki: '990000000000007' };

async function applicationOf(core: Core, who: typeof HANAKO): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', who);
  return found.applications[0]!.id;
}

async function cardIdOf(core: Core, serial: string): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-serial', { serial });
  return found.cards.find((c) => c.serial === serial)!.id;
}

async function count(core: Core, sql: string, params: (string | number)[] = []) {
  return (await core.db()!.get<{ n: number }>(sql, params))!.n;
}

/** The code and detail a refused call answers with ('accepted' when it was not refused). */
async function refusal(core: Core, channel: Channel, payload: unknown) {
  const r = await raw(core, channel, payload);
  return r.ok ? 'accepted' : `${r.error.code} ${r.error.detail ?? ''}`.trim();
}

/**
 * Both counters send the same start at once: exactly one wins. The loser's refusal names the
 * winner's counter.
 */
async function race(cores: readonly [Core, Core], payload: Record<string, unknown>) {
  const answers = await Promise.all(
    cores.map((c) => raw<ProcedureDto>(c, 'procedure:start', payload)),
  );
  const won = answers.findIndex((a) => a.ok);
  expect(won).toBeGreaterThanOrEqual(0);
  const lost = 1 - won;
  const loser = answers[lost]!;
  expect(loser.ok).toBe(false);
  if (!loser.ok)
    expect([loser.error.code, loser.error.detail]).toEqual(['other-counter-open', String(won + 1)]);
  const winner = answers[won]!;
  if (!winner.ok) throw new Error('unreachable');
  return {
    winner: cores[won]!,
    loser: cores[lost]!,
    won: won + 1,
    lost: lost + 1,
    dto: winner.value,
  };
}

/** Parks the procedure (保留) at its counter, so that counter may serve another resident. */
const park = (core: Core, procedureId: string) =>
  call(core, 'procedure:hold', { procedureId, reason: 'clerk' });

/** The key installed in the data folder, not the one the PostgreSQL lane gives every core. */
const INSTALLED_KEY = { officeKey: undefined };

/** A counter of the office: its own machine protector, the office key installed as IT does it. */
function counterDataDir(counterNumber: number, officeKey: Buffer | null) {
  const dataDir = mkdtempSync(join(tmpdir(), `madoguchi-counter-${counterNumber}-`));
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
  const pair = () => cores as unknown as readonly [Core, Core];

  // The office key IT made once (npm run office-key:make) and installed on every counter.
  const officeKey = newOfficeKey();
  const database = createTestDatabase('office counters, cores');
  const connection = async () => connectionTo(testServer(), await database);

  beforeAll(async () => {
    // One after the other: the first seeds the practice town, the second finds it there.
    for (const [counterNumber, loginId] of [
      [1, 'renshu01'],
      [2, 'renshu02'],
    ] as const) {
      const { dataDir, machine } = counterDataDir(counterNumber, officeKey);
      const core = await startCore(dataDir, {
        officeConnection: connection,
        counterNumber,
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
      [3, null, 'office-key-missing'],
      [4, newOfficeKey(), 'office-key-wrong'],
    ] as const;
    for (const [counterNumber, key, code] of cases) {
      const { dataDir, machine } = counterDataDir(counterNumber, key);
      const core = await startCore(dataDir, {
        officeConnection: connection,
        counterNumber,
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
    const { dataDir } = counterDataDir(5, officeKey);
    const elsewhere = await startCore(dataDir, {
      officeConnection: connection,
      counterNumber: 5,
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

  it('two counters start 花子’s 交付 at once: one wins, the other is told 窓口N; it stays there', async () => {
    const applicationId = await applicationOf(cores[0]!, HANAKO);
    const { winner, loser, won, dto } = await race(pair(), { kind: 'issuance', applicationId });
    expect(
      await count(winner, `SELECT count(*) AS n FROM procedures WHERE application_id = ?`, [
        applicationId,
      ]),
    ).toBe(1);
    expect(
      await count(winner, `SELECT count(*) AS n FROM audit_log WHERE action = 'issuance.started'`),
    ).toBe(1);
    // The database's own rule, not the start's check: a second open procedure is refused.
    const second = winner
      .db()!
      .transaction((tx) =>
        startProcedure(tx, { kind: 'representative', operatorId: 1, applicationId }),
      );
    await expect(second).rejects.toSatisfy((e) => isConstraintError(e, 'UNIQUE'));
    // The loser can neither go on with it nor park it; the winner's counter is named each time.
    const { procedureId } = dto;
    expect(await refusal(loser, 'procedure:start', { kind: 'issuance', applicationId })).toBe(
      `other-counter-open ${won}`,
    );
    const documents = { kinds: ['driving-licence'], guardianship: false, representative: null };
    expect(await refusal(loser, 'procedure:record-documents', { procedureId, ...documents })).toBe(
      `other-counter-open ${won}`,
    );
    expect(await refusal(loser, 'procedure:hold', { procedureId, reason: 'clerk' })).toBe(
      `other-counter-open ${won}`,
    );
    // The loser serves another resident meanwhile.
    const ichiro = await call<ProcedureDto>(loser, 'procedure:start', {
      kind: 'issuance',
      applicationId: await applicationOf(loser, ICHIRO),
    });
    const first = await winner
      .db()!
      .get<{ data: string }>(
        `SELECT data FROM procedure_journal WHERE procedure_id = ? ORDER BY id LIMIT 1`,
        [procedureId],
      );
    expect(JSON.parse(first!.data)).toMatchObject({ counter: won });
    await park(winner, procedureId);
    await park(loser, ichiro.procedureId);
  });

  it('a resident at one counter is refused at the other, whatever the procedure', async () => {
    const [one, two] = pair();
    const taro = await cardIdOf(one, SERIAL.taro);
    const reset = await call<ProcedureDto>(one, 'procedure:start', {
      kind: 'pin-reset',
      cardId: taro,
    });
    const report = {
      reporter: 'callcentre',
      method: 'telephone',
      reportedAt: '2026-11-24T23:30:00Z',
      note: '',
    };
    // Refused naming counter 1 and the procedure there, for the screen's takeover of it.
    const refused = await raw(two, 'procedure:start', { kind: 'suspension', cardId: taro, report });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'other-counter-open',
        detail: '1',
        openProcedure: { procedureId: reset.procedureId, kind: 'pin-reset' },
      },
    });
    // Parked at counter 1, the resident is not there any more: counter 2 may serve him.
    await park(one, reset.procedureId);
    const suspension = await call<ProcedureDto>(two, 'procedure:start', {
      kind: 'suspension',
      cardId: taro,
      report,
    });
    expect(
      await count(two, `SELECT counter_number AS n FROM procedures WHERE id = ?`, [
        suspension.procedureId,
      ]),
    ).toBe(2);
    expect(suspension.step).toBe('completed');
  });

  it('a 再交付 raced on one card: one procedure, no fee; a 責任者 hands it to the other counter', async () => {
    const cardId = await cardIdOf(cores[0]!, SERIAL.satsuki);
    const { winner, loser, won, lost, dto } = await race(pair(), { kind: 'reissue', cardId });
    const { procedureId } = dto;
    const reason = { procedureId, reason: 'damaged', express: false };
    expect(await refusal(loser, 'procedure:set-reissue-reason', reason)).toBe(
      `other-counter-open ${won}`,
    );
    const recorded = () =>
      Promise.all([
        count(
          winner,
          `SELECT count(*) AS n FROM procedures WHERE card_id = ? AND kind = 'reissue'`,
          [cardId],
        ),
        count(winner, `SELECT count(*) AS n FROM reissues WHERE old_card_id = ?`, [cardId]),
        count(winner, `SELECT count(*) AS n FROM fees`),
      ]);
    const fees = (await recorded())[2];
    expect((await recorded()).slice(0, 2)).toEqual([1, 0]);

    // Taking over needs a 責任者's approval of this very takeover; another approval will not do.
    const wrong = await approveBySupervisor(loser, 'reissue', procedureId);
    expect(await refusal(loser, 'procedure:take-over', { procedureId, approvalId: wrong })).toBe(
      'approval-invalid',
    );
    const approvalId = await approveBySupervisor(loser, 'counter-takeover', procedureId);
    const taken = await call<ProcedureDto>(loser, 'procedure:take-over', {
      procedureId,
      approvalId,
    });
    expect(taken.procedureId).toBe(procedureId);
    const row = await loser
      .db()!
      .get<{ counter_number: number }>(`SELECT counter_number FROM procedures WHERE id = ?`, [
        procedureId,
      ]);
    expect(row).toEqual({ counter_number: lost });
    const journal = await loser
      .db()!
      .get<{ data: string }>(
        `SELECT data FROM procedure_journal WHERE procedure_id = ? AND step = 'taken-over'`,
        [procedureId],
      );
    expect(JSON.parse(journal!.data)).toEqual({ from: won, to: lost, approval: approvalId });
    // The screen's line of where it came from is read back from that row on PostgreSQL too.
    expect(taken.takenOver).toMatchObject({ fromCounter: won, toCounter: lost });
    expect(
      await count(loser, `SELECT count(*) AS n FROM audit_log WHERE action = 'reissue.taken-over'`),
    ).toBe(1);

    // From now on the first counter is refused, naming the new one; the new one goes on.
    expect(await refusal(winner, 'procedure:set-reissue-reason', reason)).toBe(
      `other-counter-open ${lost}`,
    );
    await call(loser, 'procedure:set-reissue-reason', reason);
    expect(await recorded()).toEqual([1, 0, fees]);
    await call(loser, 'procedure:cancel', { procedureId, reason: '練習' });
  });
});
