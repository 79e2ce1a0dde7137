// The scenarios on a seed resident's card that need no secret: 一時停止 from the call centre, a
// 再交付's fee, a card found after its 再交付. The right-way runs change the seed's cards, so the
// trainer starts the practice over once before the runs with a mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { CardHealthDto } from '../../../preload/contract/dto';
import { approveBySupervisor, call } from '../support/router-calls';
import { READER, runScenario, scenarioCore, unmet } from '../support/scenario-run';
import { startOnCard, startPracticeOver } from '../support/scenario-walks';

const SERIAL = { taro: '990000000000002', saburo: '990000000000004', sachiko: '990000000000005' };

/** 太郎's loss as the call centre phoned it in, at 9:00 Japan time this morning. */
async function suspendTaro(core: Core, reporter: 'callcentre' | 'resident') {
  await startOnCard(core, 'suspension', SERIAL.taro, {
    report: {
      reporter,
      method: 'telephone',
      reportedAt: '2026-11-25T00:00:00.000Z',
      note: '今朝9時ごろ紛失',
    },
  });
}

/** A 再交付 for `serial`'s card, approved, its fee recorded so. */
async function reissue(
  core: Core,
  serial: string,
  reason: 'damaged' | 'lost',
  fee: { status: 'paid' | 'waived'; waiverReason?: string },
) {
  const { procedureId } = await startOnCard(core, 'reissue', serial);
  await call(core, 'procedure:set-reissue-reason', {
    procedureId,
    reason,
    express: false,
    withCertificates: true,
  });
  const approvalId = await approveBySupervisor(core, 'reissue', procedureId);
  await call(core, 'procedure:approve', { procedureId, approvalId });
  await call(core, 'procedure:record-fee', { procedureId, ...fee });
}

/** 幸子's 再交付 for her lost card; then the card found is read (with `readFirst`) and handed back. */
async function reissueThenFound(core: Core, readFirst: boolean) {
  await reissue(core, SERIAL.sachiko, 'lost', { status: 'paid' });
  if (readFirst) {
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    // What the trainee is to see: the card is 廃止 in the database, whatever its chip says.
    expect(health.databaseState).toBe('terminated');
  }
  const started = await startOnCard(core, 'revocation', SERIAL.sachiko);
  expect(started.revocation).toMatchObject({ returnOnly: true });
  await call(core, 'procedure:check-card', { procedureId: started.procedureId, reader: READER });
  await call(core, 'procedure:record-destroyed', { procedureId: started.procedureId });
}

describe('scenarios: the card’s records', () => {
  let core: Core;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  describe('the right way', () => {
    it('lost-card-call: suspended as the call centre reported it', async () => {
      const result = await runScenario(core, 'lost-card-call', (ctx) =>
        suspendTaro(ctx.core, 'callcentre'),
      );
      expect(unmet(result)).toEqual([]);
    });

    it('reissue-fee-waiver: the fee taken', async () => {
      const result = await runScenario(core, 'reissue-fee-waiver', (ctx) =>
        reissue(ctx.core, SERIAL.saburo, 'damaged', { status: 'paid' }),
      );
      expect(unmet(result)).toEqual([]);
    });

    it('card-found-after-reissue: reissued, the found card read, handed back, destroyed', async () => {
      const result = await runScenario(core, 'card-found-after-reissue', (ctx) =>
        reissueThenFound(ctx.core, true),
      );
      expect(unmet(result)).toEqual([]);
    });
  });

  describe('one mistake each, on the seed as new', () => {
    beforeAll(async () => {
      await startPracticeOver(core);
    }, 60_000);

    it('lost-card-call: the resident recorded as the reporter', async () => {
      const result = await runScenario(core, 'lost-card-call', (ctx) =>
        suspendTaro(ctx.core, 'resident'),
      );
      expect(unmet(result)).toEqual(['reported-by-callcentre']);
    });

    it('reissue-fee-waiver: the fee waived because the resident asked', async () => {
      const result = await runScenario(core, 'reissue-fee-waiver', (ctx) =>
        reissue(ctx.core, SERIAL.saburo, 'damaged', {
          status: 'waived',
          waiverReason: '本人から減額の申し出',
        }),
      );
      expect(unmet(result)).toEqual(['fee-paid']);
    });

    it('card-found-after-reissue: handed back without reading the card first', async () => {
      const result = await runScenario(core, 'card-found-after-reissue', (ctx) =>
        reissueThenFound(ctx.core, false),
      );
      expect(unmet(result)).toEqual(['health-read']);
    });
  });
});
