// Two counters on one office database: each serves its own resident. A procedure open at one
// counter does not hold the other (one resident at a time is per counter), and stays with its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { FileKeyProtector } from '../../main/db/key-protector';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import { call, raw, startCore } from '../integration/support/router-calls';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08' };
const ICHIRO = { noticeNumber: 'MD-2026-0012', birthDate: '1989-01-07' };

async function applicationOf(core: Core, who: typeof HANAKO): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', who);
  return found.applications[0]!.id;
}

describe('two counters on one office database', () => {
  const cores: Core[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('office counters, cores');
    const connection = () => Promise.resolve(connectionTo(testServer(), database));
    // The office key IT gives every counter: the data keys in the database are wrapped under it.
    const officeKey = new FileKeyProtector(
      join(mkdtempSync(join(tmpdir(), 'madoguchi-office-key-')), 'office.key'),
    );
    // One after the other: the first seeds the practice town, the second finds it there.
    for (const [counterNumber, loginId] of [
      [1, 'renshu01'],
      [2, 'renshu02'],
    ] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), `madoguchi-counter-${counterNumber}-`));
      const core = await startCore(dataDir, {
        officeConnection: connection,
        counterNumber,
        keyProtector: officeKey,
      });
      cores.push(core);
      await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
    }
  });

  afterAll(async () => {
    for (const core of cores) await core.close();
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
    expect(JSON.parse(first!.data)).toMatchObject({ counter: 1 });
  });
});
