// 一時停止, 廃止, 再交付 and the records around them through the core's router, with a real sqlite file
// and the simulated reader: refusals, the return-only 廃止, a card pulled before its chip is
// terminated, restarts, the resident's history, the 日報, and the seed's lost-card story end to end.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core';
import { loadPreset } from '../../../main/card/sim/presets';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { Channel } from '../../../preload/contract/channels';
import type { CardHealthDto, FileWrittenDto, SimStateDto } from '../../../preload/contract/dto';
import type { DailyReportDto, ResidentHistoryDto } from '../../../preload/contract/lifecycle';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import type { Result } from '../../../preload/contract/result';
import { pdfRawText, pdfText } from '../../unit/documents/pdf-text';
import { answerCardFace } from '../support/card-face';
import { practiceConfig, tryCall, watched } from '../support/lifecycle-setup';
import { approveBySupervisor } from '../support/router-calls';

const CLERK = 'clerk' as const;
const RESIDENT = 'resident' as const;
const READER = SIM_READER_NAME;
const NOW = new Date('2026-11-25T01:00:00Z');
const TODAY = '2026-11-25';
const SERIAL = {
  taro: '990000000000002',
  jiro: '990000000000003',
  saburo: '990000000000004',
  sachiko: '990000000000005',
  shiro: '990000000000006',
  satsuki: '990000000000007',
  nanami: '990000000000009',
};

async function open(dataDir: string = mkdtempSync(join(tmpdir(), 'madoguchi-life-records-'))) {
  // The seed's reference day, fixed: reports, future reports and ages are counted from it.
  const core = createCore({ ...practiceConfig(dataDir, { kind: 'simulated' }), now: () => NOW });
  await core.start();
  return { core, dataDir };
}

async function raw<T>(
  core: Core,
  channel: Channel,
  payload: unknown = {},
  sender: 'clerk' | 'resident' = CLERK,
) {
  return (await tryCall(core, sender, channel, payload)) as Result<T>;
}

async function call<T>(
  core: Core,
  channel: Channel,
  payload: unknown = {},
  sender: 'clerk' | 'resident' = CLERK,
) {
  const r = await raw<T>(core, channel, payload, sender);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.detail ?? ''}`);
  return r.value;
}

async function refusal(core: Core, channel: Channel, payload: unknown = {}) {
  const r = await raw(core, channel, payload);
  return r.ok ? 'accepted' : r.error.code;
}

async function login(core: Core, loginId = 'renshu01') {
  await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
}

async function cardId(core: Core, serial: string): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-serial', { serial });
  return found.cards.find((c) => c.serial === serial)!.id;
}

async function count(core: Core, sql: string, params: (string | number)[] = []) {
  return (await core.db()!.get<{ n: number }>(sql, params))!.n;
}

function report(cardIdOf: number, reportedAt = '2026-11-24T23:30:00Z', note = '') {
  return {
    kind: 'suspension',
    cardId: cardIdOf,
    report: { reporter: 'callcentre', method: 'telephone', reportedAt, note },
  };
}

async function revoke(core: Core, serial: string, reason: string, cardPresent: boolean) {
  const started = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'revocation',
    cardId: await cardId(core, serial),
  });
  const procedureId = started.procedureId;
  await call(core, 'procedure:set-revocation-reason', { procedureId, reason, cardPresent });
  const approvalId = await approveBySupervisor(core, 'revocation', procedureId);
  return call<ProcedureDto>(core, 'procedure:approve', { procedureId, approvalId });
}

/** The preset card in the reader, calling `onCommand` with each command before the card answers. */
async function insertWatched(
  core: Core,
  preset: string,
  onCommand: (ins: number) => void,
): Promise<void> {
  const { issuerPublicKey } = await core.authority();
  const card = await loadPreset(preset, { timing: false, issuerPublicKey });
  core.simReader!.remove();
  core.simReader!.insert(watched(card, onCommand));
}

describe('一時停止 · 廃止 · 再交付: refusals and records', () => {
  let core: Core;

  beforeAll(async () => {
    ({ core } = await open());
    await login(core);
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('suspends an issued card without the card: suspension row, card suspended, certificates on hold', async () => {
    const id = await cardId(core, SERIAL.saburo);
    // A certificate row seeded before the practice authority existed: the authority does not know it.
    await core.db()!.transaction((tx) =>
      tx.run(
        `INSERT INTO certificates (card_id, kind, serial, not_before, not_after, status, status_changed_at)
         VALUES (?, 'auth', 'abcdef01', '2025-08-20T00:00:00Z', '2030-12-01T00:00:00Z', 'issued', ?)`,
        [id, NOW.toISOString()],
      ),
    );
    const dto = await call<ProcedureDto>(
      core,
      'procedure:start',
      report(id, '2026-11-24T23:30:00Z', '駅で紛失'),
    );
    expect(dto).toMatchObject({
      kind: 'suspension',
      step: 'completed',
      card: { serial: SERIAL.saburo, state: 'suspended' },
      suspension: { reporter: 'callcentre', method: 'telephone', note: '駅で紛失' },
    });
    expect(await count(core, 'SELECT count(*) AS n FROM suspensions WHERE card_id = ?', [id])).toBe(
      1,
    );
    const cert = await core
      .db()!
      .get<{ status: string }>(`SELECT status FROM certificates WHERE card_id = ?`, [id]);
    expect(cert?.status).toBe('on_hold');
    const steps = await core
      .db()!
      .all<{ step: string }>(
        'SELECT step FROM procedure_journal WHERE procedure_id = ? ORDER BY id',
        [dto.procedureId],
      );
    expect(steps.map((s) => s.step)).toEqual(['report', 'certificates-held']);
    expect(
      await count(core, `SELECT count(*) AS n FROM audit_log WHERE action LIKE 'suspension.%'`),
    ).toBe(2);
  });

  it('refuses to suspend a suspended card, a terminated card, or on a report from the future', async () => {
    expect(await refusal(core, 'procedure:start', report(await cardId(core, SERIAL.saburo)))).toBe(
      'card-already-suspended',
    );
    expect(await refusal(core, 'procedure:start', report(await cardId(core, SERIAL.sachiko)))).toBe(
      'card-already-suspended',
    );
    expect(await refusal(core, 'procedure:start', report(await cardId(core, SERIAL.shiro)))).toBe(
      'card-revoked',
    );
    expect(
      await refusal(
        core,
        'procedure:start',
        report(await cardId(core, SERIAL.nanami), '2026-11-25T02:00:00Z'),
      ),
    ).toBe('report-in-future');
  });

  it('refuses an approval of another procedure, of another action, or by the procedure’s own operator', async () => {
    await call(core, 'auth:logout');
    await login(core, 'sekinin');
    const mine = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'revocation',
      cardId: await cardId(core, SERIAL.nanami),
    });
    await call(core, 'procedure:set-revocation-reason', {
      procedureId: mine.procedureId,
      reason: 'returned',
      cardPresent: false,
    });
    // The supervisor cannot approve their own request at approval:approve either.
    expect(
      (
        await raw(core, 'approval:approve', {
          action: 'revocation',
          procedureId: mine.procedureId,
          reason: '確認済み',
          approverLoginId: 'sekinin',
          approverPassword: 'sekinin-2026',
        })
      ).ok,
    ).toBe(false);
    await call(core, 'auth:logout');
    await login(core, 'renshu02');
    const approvalId = await approveBySupervisor(core, 'revocation', mine.procedureId);
    // The approver is the operator who started the procedure: self-approval.
    expect(
      await refusal(core, 'procedure:approve', { procedureId: mine.procedureId, approvalId }),
    ).toBe('approval-invalid');
    const wrongAction = await approveBySupervisor(core, 'reissue', mine.procedureId);
    expect(
      await refusal(core, 'procedure:approve', {
        procedureId: mine.procedureId,
        approvalId: wrongAction,
      }),
    ).toBe('approval-invalid');
    expect(
      (
        await call<ProcedureDto>(core, 'procedure:cancel', {
          procedureId: mine.procedureId,
          reason: '練習',
        })
      ).step,
    ).toBe('cancelled');
    await call(core, 'auth:logout');
    await login(core);
  });

  it('a terminated card not destroyed gets the return-only 廃止; once destroyed, 廃止 is refused', async () => {
    const id = await cardId(core, SERIAL.shiro);
    const before = await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [
      id,
    ]);
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'revocation',
      cardId: id,
    });
    expect(dto).toMatchObject({ step: 'card', needsCard: true, revocation: { returnOnly: true } });
    expect(
      await refusal(core, 'procedure:set-revocation-reason', {
        procedureId: dto.procedureId,
        reason: 'lost',
        cardPresent: true,
      }),
    ).toBe('step-not-allowed');
    // The preset's chip is terminated already: it answers only SELECT.
    await call<SimStateDto>(core, 'sim:insert-card', { preset: 'terminated' });
    const checked = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(checked.step).toBe('destroy');
    const done = await call<ProcedureDto>(core, 'procedure:record-destroyed', {
      procedureId: dto.procedureId,
    });
    expect(done.step).toBe('completed');
    expect(done.card.destroyedAt).not.toBeNull();
    expect(await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [id])).toBe(
      before,
    );
    expect(await refusal(core, 'procedure:start', { kind: 'revocation', cardId: id })).toBe(
      'card-revoked',
    );
  });

  it('revocation with the card present: pulled before the chip is terminated, then resumed once', async () => {
    const id = await cardId(core, SERIAL.jiro);
    const started = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'revocation',
      cardId: id,
    });
    const procedureId = started.procedureId;
    await call(core, 'procedure:set-revocation-reason', {
      procedureId,
      reason: 'returned',
      cardPresent: true,
    });
    const approvalId = await approveBySupervisor(core, 'revocation', procedureId);
    const approved = await call<ProcedureDto>(core, 'procedure:approve', {
      procedureId,
      approvalId,
    });
    expect(approved).toMatchObject({ step: 'card', needsCard: true, approvedBy: '責任者（練習）' });

    let writes = 0;
    await insertWatched(core, 'signing-locked', (ins) => {
      if (ins === 0xd6 && ++writes === 1) core.simReader!.remove();
    });
    expect(await refusal(core, 'procedure:check-card', { procedureId, reader: READER })).not.toBe(
      'accepted',
    );
    expect(await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [id])).toBe(
      0,
    );
    expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe('card');

    await call(core, 'sim:insert-card', { preset: 'signing-locked' });
    const checked = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId,
      reader: READER,
    });
    expect(checked).toMatchObject({
      step: 'destroy',
      card: { state: 'terminated' },
      revocation: { reason: 'returned', crlReason: 'cessationOfOperation', cardPresent: true },
    });
    // The chip says terminated now: it answers nothing but SELECT.
    expect((await raw(core, 'card:read-health', { reader: READER })).ok).toBe(false);
    const done = await call<ProcedureDto>(core, 'procedure:record-destroyed', { procedureId });
    expect(done.step).toBe('completed');
    expect(await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [id])).toBe(
      1,
    );
    expect(
      await count(
        core,
        'SELECT count(*) AS n FROM revocations WHERE card_id = ? AND destroyed_at IS NOT NULL',
        [id],
      ),
    ).toBe(1);
  });

  it('reissue: express only when lost, a waiver needs a reason, free-by-rule needs no fee step, one per card', async () => {
    const id = await cardId(core, SERIAL.satsuki);
    const dto = await call<ProcedureDto>(core, 'procedure:start', { kind: 'reissue', cardId: id });
    const procedureId = dto.procedureId;
    expect(
      await refusal(core, 'procedure:set-reissue-reason', {
        procedureId,
        reason: 'damaged',
        express: true,
        expressRequest: { category: 'lost-card', eventDate: TODAY },
      }),
    ).toBe('express-not-allowed');
    const reasoned = await call<ProcedureDto>(core, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'damaged',
      express: false,
    });
    expect(reasoned.reissue).toMatchObject({ fee: { amountYen: 1000 }, feeStatus: null });
    expect(await refusal(core, 'procedure:record-fee', { procedureId, status: 'paid' })).toBe(
      'step-not-allowed',
    );
    const approvalId = await approveBySupervisor(core, 'reissue', procedureId);
    expect(
      (await call<ProcedureDto>(core, 'procedure:approve', { procedureId, approvalId })).step,
    ).toBe('fee');
    expect(await refusal(core, 'procedure:record-fee', { procedureId, status: 'waived' })).toBe(
      'waiver-reason-required',
    );
    const done = await call<ProcedureDto>(core, 'procedure:record-fee', {
      procedureId,
      status: 'waived',
      waiverReason: '生活保護受給のため',
    });
    expect(done).toMatchObject({
      step: 'completed',
      card: { state: 'terminated' },
      reissue: { feeStatus: 'waived', waiverReason: '生活保護受給のため' },
    });
    expect(done.reissue!.newNoticeNumber).toMatch(/^MD-2026-R\d{4}$/);
    expect(await core.db()!.get('SELECT reason FROM revocations WHERE card_id = ?', [id])).toEqual({
      reason: 'damaged',
    });
    expect(await refusal(core, 'procedure:start', { kind: 'reissue', cardId: id })).toBe(
      'reissue-exists',
    );
    // The new card has not arrived, yet the old one offers no second 再交付: it says why instead,
    // in the search as on the resident's page (no next action of reissue either).
    const satsuki = await call<ResidentMatchDto>(core, 'lookup:by-serial', {
      serial: SERIAL.satsuki,
    });
    const old = satsuki.cards.find((c) => c.serial === SERIAL.satsuki)!;
    expect(old.replacedBySerial).toBeNull();
    expect(old.actions).toEqual([
      { action: 'return', refusal: null },
      { action: 'reissue', refusal: { code: 'reissue-exists', detail: null } },
    ]);
    const page = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: satsuki.resident.id,
    });
    const onPage = page.cards.find((c) => c.serial === SERIAL.satsuki)!;
    expect(onPage.actions).toEqual(old.actions);
    expect(onPage.nextActions).not.toContain('reissue');

    // 例示四郎's card, terminated (lost) long ago: its reissue for expiry is free by rule.
    const shiro = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'reissue',
      cardId: await cardId(core, SERIAL.shiro),
    });
    await call(core, 'procedure:set-reissue-reason', {
      procedureId: shiro.procedureId,
      reason: 'expiry',
      express: false,
    });
    const free = await call<ProcedureDto>(core, 'procedure:approve', {
      procedureId: shiro.procedureId,
      approvalId: await approveBySupervisor(core, 'reissue', shiro.procedureId),
    });
    expect(free).toMatchObject({
      step: 'completed',
      reissue: { feeStatus: 'waived', waiverReason: 'free-by-rule', fee: { freeByRule: true } },
    });
  });
});

describe('一時停止 · 廃止 · 再交付: a restart at each step resumes from the journal', () => {
  it('reissue and revocation procedures reopen at the step they had reached', async () => {
    const first = await open();
    await login(first.core);
    const rev = await call<ProcedureDto>(first.core, 'procedure:start', {
      kind: 'revocation',
      cardId: await cardId(first.core, SERIAL.nanami),
    });
    // One resident at a time: each is parked (保留) before the other resident's is worked on.
    const park = (core: Core, procedureId: string) =>
      call(core, 'procedure:hold', { procedureId, reason: 'clerk' });
    await park(first.core, rev.procedureId);
    const rei = await call<ProcedureDto>(first.core, 'procedure:start', {
      kind: 'reissue',
      cardId: await cardId(first.core, SERIAL.taro),
    });
    const steps: string[] = [];
    const restart = async (h: { core: Core; dataDir: string }) => {
      await h.core.close();
      const next = await open(h.dataDir);
      await login(next.core);
      return next;
    };
    let h = await restart(first);
    steps.push(
      (await call<ProcedureDto>(h.core, 'procedure:get', { procedureId: rev.procedureId })).step,
    );
    await park(h.core, rei.procedureId);
    await call(h.core, 'procedure:set-revocation-reason', {
      procedureId: rev.procedureId,
      reason: 'death',
      cardPresent: false,
    });
    await park(h.core, rev.procedureId);
    await call(h.core, 'procedure:set-reissue-reason', {
      procedureId: rei.procedureId,
      reason: 'lost',
      express: true,
      expressRequest: { category: 'lost-card', eventDate: TODAY },
    });
    h = await restart(h);
    const open1 = (await call<ProcedureDto[]>(h.core, 'procedure:list-open')).filter(
      (p) => p.kind !== 'representative', // the practice data's, waiting for its 照会書
    );
    expect(open1.map((p) => [p.kind, p.step]).sort()).toEqual([
      ['reissue', 'approval'],
      ['revocation', 'approval'],
    ]);
    await call(h.core, 'procedure:approve', {
      procedureId: rei.procedureId,
      approvalId: await approveBySupervisor(h.core, 'reissue', rei.procedureId),
    });
    h = await restart(h);
    const resumed = await call<ProcedureDto>(h.core, 'procedure:get', {
      procedureId: rei.procedureId,
    });
    expect(resumed).toMatchObject({
      step: 'fee',
      reissue: { express: true, fee: { amountYen: 2000 } },
    });
    await call(h.core, 'procedure:record-fee', { procedureId: rei.procedureId, status: 'paid' });
    // The reissue ended with its fee: the parked revocation is taken up by its approval.
    const revoked = await call<ProcedureDto>(h.core, 'procedure:approve', {
      procedureId: rev.procedureId,
      approvalId: await approveBySupervisor(h.core, 'revocation', rev.procedureId),
    });
    expect(revoked).toMatchObject({
      step: 'completed',
      revocation: { crlReason: 'cessationOfOperation' },
    });
    expect(steps).toEqual(['reason']);

    // With the card present: a restart at the card step and at the 穴あけ step.
    const present = await call<ProcedureDto>(h.core, 'procedure:start', {
      kind: 'revocation',
      cardId: await cardId(h.core, SERIAL.jiro),
    });
    await call(h.core, 'procedure:set-revocation-reason', {
      procedureId: present.procedureId,
      reason: 'moved-abroad',
      cardPresent: true,
    });
    await call(h.core, 'procedure:approve', {
      procedureId: present.procedureId,
      approvalId: await approveBySupervisor(h.core, 'revocation', present.procedureId),
    });
    h = await restart(h);
    expect(
      await call<ProcedureDto>(h.core, 'procedure:get', { procedureId: present.procedureId }),
    ).toMatchObject({ step: 'card', needsCard: true });
    await call(h.core, 'sim:insert-card', { preset: 'signing-locked' });
    await call(h.core, 'procedure:check-card', {
      procedureId: present.procedureId,
      reader: READER,
    });
    h = await restart(h);
    expect(
      await call<ProcedureDto>(h.core, 'procedure:get', { procedureId: present.procedureId }),
    ).toMatchObject({ step: 'destroy', card: { state: 'terminated' } });
    await call(h.core, 'procedure:record-destroyed', { procedureId: present.procedureId });
    expect((await call<ProcedureDto[]>(h.core, 'procedure:list-open')).map((p) => p.kind)).toEqual([
      'representative',
    ]);
    await h.core.close();
  }, 120_000);
});

describe('紛失: suspension → revocation → reissue → 入庫 → 交付 → the old card found and returned', () => {
  let core: Core;
  let dataDir: string;
  let newNotice = '';

  beforeAll(async () => {
    ({ core, dataDir } = await open());
    await login(core);
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('the loss is reported and the card suspended, then revoked without the card', async () => {
    const id = await cardId(core, SERIAL.taro);
    await call(core, 'procedure:start', report(id));
    const dto = await revoke(core, SERIAL.taro, 'lost', false);
    expect(dto).toMatchObject({
      step: 'completed',
      card: { state: 'terminated', destroyedAt: null },
      revocation: { reason: 'lost', crlReason: 'keyCompromise', cardPresent: false },
    });
  });

  it('the reissue for loss takes ¥1,000 and prints its fee receipt', async () => {
    const started = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'reissue',
      cardId: await cardId(core, SERIAL.taro),
    });
    const procedureId = started.procedureId;
    await call(core, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'lost',
      express: false,
    });
    await call(core, 'procedure:approve', {
      procedureId,
      approvalId: await approveBySupervisor(core, 'reissue', procedureId),
    });
    const done = await call<ProcedureDto>(core, 'procedure:record-fee', {
      procedureId,
      status: 'paid',
    });
    expect(done.reissue).toMatchObject({ feeStatus: 'paid', fee: { amountYen: 1000 } });
    newNotice = done.reissue!.newNoticeNumber!;
    // Revoked once: the reissue found the card terminated and added no second revocation.
    expect(
      await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [
        await cardId(core, SERIAL.taro),
      ]),
    ).toBe(1);
    const receipt = await call<FileWrittenDto>(core, 'procedure:print-receipt', { procedureId });
    const pdf = readFileSync(receipt.path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(receipt.path).mode & 0o777).toBe(0o600);
  });

  it('the new card arrives (入庫), linked to the old one, and the application is ready', async () => {
    expect(await refusal(core, 'sim:receive-card', { noticeNumber: 'MD-2026-0001' })).toBe(
      'application-not-ready',
    );
    const state = await call<SimStateDto>(core, 'sim:receive-card', { noticeNumber: newNotice });
    expect(state.applicationCards.map((a) => a.noticeNumber)).toContain(newNotice);
    const lookup = await call<ResidentMatchDto>(core, 'lookup:by-serial', { serial: SERIAL.taro });
    const old = lookup.cards.find((c) => c.serial === SERIAL.taro)!;
    const fresh = lookup.cards.find((c) => c.replacesSerial === SERIAL.taro)!;
    expect(old.replacedBySerial).toBe(fresh.serial);
    expect(fresh.state).toBe('received');
    expect(await refusal(core, 'sim:receive-card', { noticeNumber: newNotice })).toBe(
      'application-not-ready',
    );
  });

  it('the new card goes through the normal 交付', async () => {
    await call(core, 'sim:insert-application-card', { noticeNumber: newNotice });
    const app = (
      await call<ResidentMatchDto>(core, 'lookup:by-notice', {
        noticeNumber: newNotice,
        birthDate: '1985-09-20',
      })
    ).applications[0]!;
    expect(app.kind).toBe('reissue');
    let dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    const procedureId = dto.procedureId;
    await call(core, 'procedure:record-documents', {
      procedureId,
      kinds: ['driving-licence'],
      guardianship: false,
      representative: null,
    });
    await call(core, 'procedure:check-card', { procedureId, reader: READER });
    await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
    await answerCardFace((w, c, p) => call(core, c, p, w), procedureId, READER);
    await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
    const entry = (v: string) => ({ value: v, confirmation: v });
    await call(
      core,
      'resident:submit-pins',
      {
        signing: entry('Mihon2026key'),
        auth: entry('7395'),
        juki: entry('2846'),
        text: entry('5017'),
      },
      RESIDENT,
    );
    dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
    expect(dto.step).toBe('handover');
    dto = await call<ProcedureDto>(core, 'procedure:complete', {
      procedureId,
      handover: { collectedJukiCard: false, collectedNotificationCard: false },
    });
    expect(dto.step).toBe('completed');
    const history = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: app.resident.id,
    });
    const fresh = history.cards.find((c) => c.replacesSerial === SERIAL.taro)!;
    expect(fresh).toMatchObject({ state: 'issued', nextActions: ['none'] });
    expect(fresh.certificates.map((c) => c.kind).sort()).toEqual(['auth', 'signing']);
  }, 60_000);

  it('the old card is found: card health says record-return, the return-only 廃止 destroys it', async () => {
    await call(core, 'sim:insert-card', { preset: 'issued' });
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.serial).toBe(SERIAL.taro);
    expect(health.nextActions).toEqual(['record-return']);
    const id = await cardId(core, SERIAL.taro);
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'revocation',
      cardId: id,
    });
    expect(dto.revocation).toMatchObject({ returnOnly: true, reason: 'lost' });
    await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
    const done = await call<ProcedureDto>(core, 'procedure:record-destroyed', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(done).toMatchObject({ step: 'completed', card: { state: 'terminated' } });
    expect(done.card.destroyedAt).not.toBeNull();
    expect(await count(core, 'SELECT count(*) AS n FROM revocations WHERE card_id = ?', [id])).toBe(
      1,
    );
    // Its chip is terminated now too.
    expect(await refusal(core, 'card:read-health', { reader: READER })).toBe('card-terminated');
  });

  it('the resident’s page shows both cards and the whole story, newest first', async () => {
    const lookup = await call<ResidentMatchDto[]>(core, 'lookup:by-name', {
      name: 'みほん',
      birthDate: '1985-09-20',
    });
    expect(lookup).toHaveLength(1);
    const history = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: lookup[0]!.resident.id,
    });
    const old = history.cards.find((c) => c.serial === SERIAL.taro)!;
    expect(old.nextActions).toEqual(['none']);
    const events = history.timeline.map((e) => e.event);
    for (const e of [
      'suspension-registered',
      'card-revoked',
      'reissue-recorded',
      'fee-paid',
      'approval-revocation',
      'approval-reissue',
      'card-received',
      'card-issued',
      'card-destroyed',
      'procedure-issuance',
    ])
      expect(events).toContain(e);
    const times = history.timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    // No 個人番号: not the resident's, and no 12-digit run anywhere but inside a certificate
    // serial (random hex from the authority, which can hold twelve decimal digits by chance).
    const page = JSON.stringify(history);
    expect(page).not.toContain('987654321093');
    const withoutSerials = JSON.stringify(history, (key, value: unknown) =>
      key === 'serial' && typeof value === 'string' && /^[0-9a-fA-F]{20,}$/.test(value)
        ? 'certificate-serial'
        : value,
    );
    expect(withoutSerials).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  it('the 日報 counts the day: procedures, the fee, the stock; PDF and CSV without a 12-digit run', async () => {
    // The 日報 is a supervisor's.
    await call(core, 'auth:logout');
    await login(core, 'sekinin');
    const r = await call<DailyReportDto>(core, 'reports:daily', { date: TODAY });
    const of = (kind: string) => r.procedures.find((p) => p.kind === kind)!;
    expect(of('suspension')).toMatchObject({ completed: 1, cancelled: 0, open: 0 });
    expect(of('revocation')).toMatchObject({ completed: 2, open: 0 });
    expect(of('reissue')).toMatchObject({ completed: 1 });
    expect(of('issuance')).toMatchObject({ completed: 1 });
    expect(r.fees).toMatchObject({ paidCount: 1, paidYen: 1000, waivedCount: 0 });
    expect(r.cards).toMatchObject({ received: 1, issued: 1, returned: 1, destroyed: 1 });
    const stock = await count(
      core,
      `SELECT count(*) AS n FROM cards WHERE state IN ('received', 'prepared')`,
    );
    expect(r.cards.inStockAtEnd).toBe(stock);
    expect(await refusal(core, 'reports:daily', { date: '2026-11-26' })).toBe('report-in-future');

    const csv = await call<FileWrittenDto>(core, 'reports:daily-csv', { date: TODAY });
    const text = readFileSync(csv.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('"fees","paid","yen","1000"');
    expect(text).not.toMatch(/\d{12}/);
    expect(statSync(csv.path).mode & 0o777).toBe(0o600);
    const pdf = await call<FileWrittenDto>(core, 'reports:daily-pdf', { date: TODAY });
    const bytes = readFileSync(pdf.path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(pdf.path).mode & 0o777).toBe(0o600);
    // The printed 日報 says what the CSV says, and no more than it: no run of twelve digits.
    const printed = await pdfText(pdf.path);
    expect(printed).toContain('日報');
    expect(printed).toContain('受領1件1,000円');
    expect(await pdfRawText(pdf.path)).not.toMatch(/\d{12}/);
    // Both are written in this counter's own data folder, nowhere else on the machine.
    for (const written of [csv, pdf]) expect(written.path.startsWith(`${dataDir}/`)).toBe(true);
  });
});
