// The scenarios on a seed resident's issued card, on one core: 一時停止 from the call centre, a
// 再交付's fee, a card found after its 再交付, a locked PIN reset, a renewal whose card is pulled
// while written, a found card's 解除, a move's 券面記載事項の変更. The right-way runs change the seed's
// cards (each scenario has its own resident), so the trainer starts the practice over once before
// the runs with a mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { CardHealthDto } from '../../../preload/contract/dto';
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import { entry } from '../support/card-procedures';
import { approveBySupervisor, call, raw, RESIDENT, watched } from '../support/router-calls';
import { READER, runScenario, scenarioCore, unmet } from '../support/scenario-run';
import { residentEnters, startOnCard, upToChoice } from '../support/scenario-walks';

const SERIAL = {
  taro: '990000000000002',
  jiro: '990000000000003',
  saburo: '990000000000004',
  sachiko: '990000000000005',
  satsuki: '990000000000007',
  ken: '990000000000023',
  kazuko: '990000000000041',
};
/** The values the residents choose anew. */
const NEW = { signing: 'Mori5Kaze', auth: '4720' } as const;
const BOTH_NEW: PinPlanEntry[] = [
  { kind: 'signing', mode: 'new' },
  { kind: 'auth', mode: 'new' },
];
const bothNewValues = { signing: entry(NEW.signing), auth: entry(NEW.auth) };

/** 次郎's PIN reset of the one secret `kind`, set anew. */
async function resetJiro(core: Core, kind: 'signing' | 'auth') {
  const { procedureId } = await startOnCard(core, 'pin-reset', SERIAL.jiro);
  await upToChoice(core, procedureId, [{ kind, mode: 'new' }]);
  const done = await residentEnters(core, procedureId, { [kind]: entry(NEW[kind]) });
  expect(done.step).toBe('completed');
}

/**
 * 五月's renewal of both; the card is pulled at the second certificate write and put back. With
 * `holdAfterPull`, the clerk parks the procedure there (the resident to come again) instead.
 */
async function renewSatsukiPulled(core: Core, holdAfterPull: boolean) {
  const { procedureId } = await startOnCard(core, 'renewal', SERIAL.satsuki);
  await upToChoice(core, procedureId, BOTH_NEW, 'both');
  const card = core.simReader!.current()!;
  let writes = 0;
  core.simReader!.swap(
    watched(card, (ins) => {
      if (ins === 0xd6 && ++writes === 2) core.simReader!.remove();
    }),
  );
  const pulled = await residentEnters(core, procedureId, bothNewValues);
  expect(pulled).toMatchObject({ step: 'pins', needsCard: true });
  core.simReader!.insert(card);
  if (holdAfterPull) {
    await call(core, 'procedure:hold', { procedureId, reason: 'clerk' });
    return;
  }
  await call(core, 'procedure:check-card', { procedureId, reader: READER });
  const done = await residentEnters(core, procedureId, bothNewValues);
  expect(done.step).toBe('completed');
}

/**
 * 幸子's 解除. With `guessSigning`, the signing password she forgot is kept and she guesses it
 * (a wrong value); the clerk then starts over with both set anew.
 */
async function releaseSachiko(core: Core, guessSigning: boolean) {
  let { procedureId } = await startOnCard(core, 'release', SERIAL.sachiko);
  if (guessSigning) {
    await upToChoice(core, procedureId, [
      { kind: 'signing', mode: 'current' },
      { kind: 'auth', mode: 'new' },
    ]);
    await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
    const guessed = await raw(
      core,
      'resident:submit-pins',
      { signing: entry('Sachi1970'), auth: entry(NEW.auth) },
      RESIDENT,
    );
    expect(guessed.ok ? 'accepted' : guessed.error.code).toBe('pin-wrong');
    // Nothing was written: the clerk cancels and takes the 解除 again with both set anew.
    await call(core, 'procedure:cancel', { procedureId, reason: 'パスワードを忘れていたため' });
    ({ procedureId } = await startOnCard(core, 'release', SERIAL.sachiko));
  }
  await upToChoice(core, procedureId, BOTH_NEW);
  const done = await residentEnters(core, procedureId, bothNewValues);
  expect(done.step).toBe('completed');
}

/** 健's new address written on the card, the signing certificate issued again; the note printed. */
async function changeKen(core: Core, printNote: boolean) {
  const { procedureId } = await startOnCard(core, 'card-change', SERIAL.ken);
  await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
  await call(core, 'procedure:check-card', { procedureId, reader: READER });
  await call(core, 'procedure:write-card-facts', {
    procedureId,
    reader: READER,
    changed: ['address'],
    reissueSigning: true,
  });
  const done = await residentEnters(core, procedureId, { signing: entry(NEW.signing) });
  expect(done.step).toBe('completed');
  if (printNote) await call(core, 'procedure:print-card-note', { procedureId });
}

/** 和子's loss as the call centre phoned it in, at 9:00 Japan time this morning. */
async function suspendKazuko(core: Core, reporter: 'callcentre' | 'resident') {
  await startOnCard(core, 'suspension', SERIAL.kazuko, {
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

/** 太郎's 再交付 for his lost card; then the card found is read (with `readFirst`) and handed back. */
async function reissueThenFound(core: Core, readFirst: boolean) {
  await reissue(core, SERIAL.taro, 'lost', { status: 'paid' });
  if (readFirst) {
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    // What the trainee is to see: the card is 廃止 in the database, whatever its chip says.
    expect(health.databaseState).toBe('terminated');
  }
  const started = await startOnCard(core, 'revocation', SERIAL.taro);
  expect(started.revocation).toMatchObject({ returnOnly: true });
  await call(core, 'procedure:check-card', { procedureId: started.procedureId, reader: READER });
  await call(core, 'procedure:record-destroyed', { procedureId: started.procedureId });
}

describe('scenarios: the card’s later life', () => {
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
        suspendKazuko(ctx.core, 'callcentre'),
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

    it('locked-pin-reset: the locked signing password alone set anew', async () => {
      const result = await runScenario(core, 'locked-pin-reset', (ctx) =>
        resetJiro(ctx.core, 'signing'),
      );
      expect(unmet(result)).toEqual([]);
    });

    it('card-pulled-renewal: the card put back and the renewal finished', async () => {
      const result = await runScenario(core, 'card-pulled-renewal', (ctx) =>
        renewSatsukiPulled(ctx.core, false),
      );
      expect(unmet(result)).toEqual([]);
    });

    it('found-card-release: both forgotten secrets set anew', async () => {
      const result = await runScenario(core, 'found-card-release', (ctx) =>
        releaseSachiko(ctx.core, false),
      );
      expect(unmet(result)).toEqual([]);
    });

    it('moved-card-change: the address written, the signing certificate again, the note', async () => {
      const result = await runScenario(core, 'moved-card-change', (ctx) =>
        changeKen(ctx.core, true),
      );
      expect(unmet(result)).toEqual([]);
    });
  });

  describe('one mistake each, on the seed as new', () => {
    beforeAll(async () => {
      // The seed as new: a core on a fresh data folder (the trainer's reset moves the practice
      // file; this file's cores also run on the office database).
      await core.close();
      core = await scenarioCore();
    }, 60_000);

    it('lost-card-call: the resident recorded as the reporter', async () => {
      const result = await runScenario(core, 'lost-card-call', (ctx) =>
        suspendKazuko(ctx.core, 'resident'),
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

    it('locked-pin-reset: the authentication PIN reset instead', async () => {
      const result = await runScenario(core, 'locked-pin-reset', (ctx) =>
        resetJiro(ctx.core, 'auth'),
      );
      expect(unmet(result)).toEqual(['signing-reset']);
    });

    it('card-pulled-renewal: parked after the pull, the resident sent away', async () => {
      const result = await runScenario(core, 'card-pulled-renewal', (ctx) =>
        renewSatsukiPulled(ctx.core, true),
      );
      expect(unmet(result)).toEqual(['renewal-completed']);
    });

    it('found-card-release: the forgotten password kept, and guessed', async () => {
      const result = await runScenario(core, 'found-card-release', (ctx) =>
        releaseSachiko(ctx.core, true),
      );
      expect(unmet(result)).toEqual(['no-wrong-pin']);
    });

    it('moved-card-change: the 追記欄 note not printed', async () => {
      const result = await runScenario(core, 'moved-card-change', (ctx) =>
        changeKen(ctx.core, false),
      );
      expect(unmet(result)).toEqual(['card-note-printed']);
    });
  });
});
