// The dated rules through the core's router: the certificate service's hours (the practice clock
// in practice), 後日交付 before the PINs, fees by the rule set of the day (a future entry too),
// 特急発行 eligibility, and the cards nobody collected with their approved destruction.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import { UNCOLLECTED_CASE } from '../../../main/practice/seed-dated-rules';
import type { SimStateDto } from '../../../preload/contract/dto';
import type {
  DailyReportDto,
  RulesTodayDto,
  UncollectedCardDto,
} from '../../../preload/contract/lifecycle';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { DEFAULT_SERVICE_HOURS } from '../../../preload/contract/rules/service-hours';
import { FUTURE_RULE_SET, TABLE_WITH_FUTURE } from '../../fixtures/future-rule-set';
import { advance, NOTICE, openIssuance } from '../support/issuance-script';
import { approveBySupervisor, call, raw, routerCall, startCore } from '../support/router-calls';

/** 10:00 Japan time on the seed's reference day. */
const MORNING = new Date('2026-11-25T01:00:00Z');

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function open(now: () => Date = () => MORNING, over = {}): Promise<Core> {
  core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-dated-rules-')), {
    now,
    certificateService: { ...DEFAULT_SERVICE_HOURS, maintenance: [] },
    ...over,
  });
  return core;
}

async function login(c: Core, loginId = 'renshu01') {
  await call(c, 'auth:login', { loginId, password: `${loginId}-2026` });
}

async function refusal(c: Core, channel: Parameters<typeof raw>[1], payload: unknown) {
  const r = await raw(c, channel, payload);
  return r.ok ? 'accepted' : `${r.error.code}${r.error.detail ? `:${r.error.detail}` : ''}`;
}

async function cardIdOf(c: Core, serial: string): Promise<number> {
  const found = await call<ResidentMatchDto>(c, 'lookup:by-serial', { serial });
  return found.cards.find((card) => card.serial === serial)!.id;
}

async function startReissue(c: Core, serial: string): Promise<string> {
  const dto = await call<ProcedureDto>(c, 'procedure:start', {
    kind: 'reissue',
    cardId: await cardIdOf(c, serial),
  });
  return dto.procedureId;
}

describe('certificate service hours', () => {
  it('the practice clock closes the service; 交付 parks before the PINs and resumes later', async () => {
    const c = await open();
    const clerk = routerCall(c);
    let dto = await openIssuance(clerk);
    await call<SimStateDto>(c, 'sim:insert-application-card', { noticeNumber: NOTICE });
    while (dto.step !== 'pins') dto = await advance(clerk, SIM_READER_NAME, dto);
    expect((await call<RulesTodayDto>(c, 'rules:today')).service).toEqual({ open: true });
    // Not while the service is open: 後日交付 is for the evening only.
    expect(await refusal(c, 'procedure:defer-certificates', { procedureId: dto.procedureId })).toBe(
      'step-not-allowed:service-open',
    );

    const evening = await call<SimStateDto>(c, 'sim:set-practice-clock', { time: '20:30' });
    expect(evening.practiceClock).toBe('20:30');
    const today = await call<RulesTodayDto>(c, 'rules:today');
    expect(today.service).toEqual({
      open: false,
      why: 'after-hours',
      reopensAt: '2026-11-25T23:30:00.000Z',
    });
    expect(today.ruleSet.id).toBe('2024-12-02');
    // The notices name the hours the machine is configured with.
    expect(today.hours).toEqual({ opens: '08:30', closes: '20:00' });
    expect(
      await refusal(c, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: SIM_READER_NAME,
      }),
    ).toBe('certificate-service-closed:after-hours:2026-11-25T23:30:00.000Z');
    const parked = await call<ProcedureDto>(c, 'procedure:defer-certificates', {
      procedureId: dto.procedureId,
    });
    expect(parked.step).toBe('parked');
    expect(parked.notice?.code).toBe('certificate-service-closed');
    expect(parked.actions).toContain('print-deferral-slip');

    // The next morning (the practice clock back to the real one): the PINs, then the certificates.
    await call(c, 'sim:set-practice-clock', { time: null });
    dto = parked;
    while (dto.step !== 'handover') dto = await advance(clerk, SIM_READER_NAME, dto);
    expect(dto.certificates?.issued.map((i) => i.kind).sort()).toEqual(['auth', 'signing']);
  });

  it('a reissue that revokes the old card waits for the service; maintenance closes it too', async () => {
    let now = MORNING;
    const c = await open(() => now, {
      certificateService: {
        opens: '08:30',
        closes: '20:00',
        maintenance: [{ from: '2026-11-25T10:30:00+09:00', to: '2026-11-25T11:00:00+09:00' }],
      },
    });
    await login(c);
    const procedureId = await startReissue(c, '990000000000007');
    await call(c, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'damaged',
      express: false,
    });
    await call(c, 'procedure:approve', {
      procedureId,
      approvalId: await approveBySupervisor(c, 'reissue', procedureId),
    });
    now = new Date('2026-11-25T01:40:00Z'); // 10:40 Japan time, in the window
    expect(await refusal(c, 'procedure:record-fee', { procedureId, status: 'paid' })).toBe(
      'certificate-service-closed:maintenance:2026-11-25T11:00:00+09:00',
    );
    expect((await call<ProcedureDto>(c, 'procedure:get', { procedureId })).step).toBe('fee');
    now = new Date('2026-11-25T02:00:00Z'); // 11:00
    const done = await call<ProcedureDto>(c, 'procedure:record-fee', {
      procedureId,
      status: 'paid',
    });
    expect(done).toMatchObject({ step: 'completed', card: { state: 'terminated' } });
  });
});

describe('fees and 特急発行 by the dated rules', () => {
  it('charges ¥800 without certificates and ¥1,800 express without; the 日報 names the rules', async () => {
    const c = await open();
    await login(c);
    const procedureId = await startReissue(c, '990000000000007');
    const reasoned = await call<ProcedureDto>(c, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'lost',
      express: true,
      expressRequest: { category: 'lost-card', eventDate: '2026-11-20' },
      withCertificates: false,
    });
    expect(reasoned.reissue).toMatchObject({
      express: true,
      expressCategory: 'lost-card',
      withCertificates: false,
      ruleSet: '2024-12-02',
      fee: { amountYen: 1800, lines: [{ item: 'express', yen: 1800 }] },
    });
    await call(c, 'procedure:cancel', { procedureId, reason: '練習' });
    const plain = await startReissue(c, '990000000000007');
    const noCerts = await call<ProcedureDto>(c, 'procedure:set-reissue-reason', {
      procedureId: plain,
      reason: 'damaged',
      express: false,
      withCertificates: false,
    });
    expect(noCerts.reissue?.fee).toEqual({
      amountYen: 800,
      lines: [{ item: 'card', yen: 800 }],
      freeByRule: false,
    });
    await login(c, 'sekinin');
    const report = await call<DailyReportDto>(c, 'reports:daily', { date: '2026-11-25' });
    expect(report.ruleSet).toEqual({
      id: '2024-12-02',
      label: { ja: '2024年12月2日からの規則', en: 'Rules from 2 December 2024' },
    });
  });

  it('refuses 特急発行 outside the listed categories and their days; main decides', async () => {
    const c = await open();
    await login(c);
    const procedureId = await startReissue(c, '990000000000007');
    const ask = (over: Record<string, unknown>) =>
      refusal(c, 'procedure:set-reissue-reason', {
        procedureId,
        reason: 'lost',
        express: true,
        ...over,
      });
    expect(await ask({})).toBe('express-not-eligible:category');
    expect(await ask({ expressRequest: { category: 'lost-card', eventDate: '2026-10-25' } })).toBe(
      'express-not-eligible:window-passed',
    );
    expect(await ask({ expressRequest: { category: 'lost-card', eventDate: '2026-11-26' } })).toBe(
      'express-not-eligible:event-in-future',
    );
    expect(await ask({ expressRequest: { category: 'under-one', eventDate: null } })).toBe(
      'express-not-eligible:first-birthday-passed',
    );
    expect(
      await ask({
        reason: 'damaged',
        expressRequest: { category: 'lost-card', eventDate: '2026-11-20' },
      }),
    ).toBe('express-not-allowed:reason');
    expect(
      await ask({ expressRequest: { category: 'arrival-from-abroad', eventDate: '2026-10-27' } }),
    ).toBe('accepted');
  });

  it('a future rule set takes over on its day: its fees, without new code', async () => {
    const c = await open(() => new Date('2028-04-01T01:00:00Z'), { ruleSets: TABLE_WITH_FUTURE });
    await login(c);
    const procedureId = await startReissue(c, '990000000000007');
    const dto = await call<ProcedureDto>(c, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'damaged',
      express: false,
    });
    expect(dto.reissue).toMatchObject({ ruleSet: '2028-04-01', fee: { amountYen: 1200 } });
    // The screens get the whole set main charges by, and main's day, for their previews.
    expect(await call<RulesTodayDto>(c, 'rules:today')).toMatchObject({
      today: '2028-04-01',
      ruleSet: FUTURE_RULE_SET,
    });
  });
});

describe('cards nobody collected', () => {
  it('lists them with their days; one past its day is destroyed with approval and counted', async () => {
    const c = await open();
    await login(c);
    const list = await call<UncollectedCardDto[]>(c, 'stock:uncollected');
    const due = list.find((u) => u.serial === UNCOLLECTED_CASE.serial)!;
    expect(due).toMatchObject({
      noticeNumber: UNCOLLECTED_CASE.noticeNumber,
      noticeSentOn: '2025-10-01',
      reminderSentOn: '2026-07-01',
      reminderDue: '2026-01-01',
      destroyFrom: '2026-10-01',
      stage: 'destruction-due',
    });
    const waiting = list.find((u) => u.serial !== UNCOLLECTED_CASE.serial)!;
    expect(waiting.stage).not.toBe('destruction-due');
    expect(
      await refusal(c, 'stock:destroy-uncollected', { cardId: waiting.cardId, approvalId: 1 }),
    ).toBe(`uncollected-not-due:${waiting.destroyFrom}`);

    // An approval of another action, or none, is refused; a supervisor's own one is used once.
    const reissueApproval = await call<{ approvalId: number }>(c, 'approval:approve', {
      action: 'reissue',
      reason: '確認',
      approverLoginId: 'sekinin',
      approverPassword: 'sekinin-2026',
    });
    expect(
      await refusal(c, 'stock:destroy-uncollected', {
        cardId: due.cardId,
        approvalId: reissueApproval.approvalId,
      }),
    ).toBe('approval-invalid');
    const { approvalId } = await call<{ approvalId: number }>(c, 'approval:approve', {
      action: 'uncollected-destruction',
      reason: '保管期限を過ぎたため廃棄',
      approverLoginId: 'sekinin',
      approverPassword: 'sekinin-2026',
    });
    const after = await call<UncollectedCardDto[]>(c, 'stock:destroy-uncollected', {
      cardId: due.cardId,
      approvalId,
    });
    expect(after.some((u) => u.cardId === due.cardId)).toBe(false);
    expect(await refusal(c, 'stock:destroy-uncollected', { cardId: due.cardId, approvalId })).toBe(
      'card-not-uncollected',
    );

    const audit = await c
      .db()!
      .all<{ action: string; card_id: number }>(
        "SELECT action, card_id FROM audit_log WHERE action = 'stock.uncollected-destroyed'",
      );
    expect(audit).toEqual([{ action: 'stock.uncollected-destroyed', card_id: due.cardId }]);
    await login(c, 'sekinin');
    const report = await call<DailyReportDto>(c, 'reports:daily', { date: '2026-11-25' });
    expect(report.cards).toMatchObject({ destroyed: 1, uncollectedDestroyed: 1 });
  });

  it('records the reminder once, and its day moves the destruction', async () => {
    const c = await open();
    await login(c);
    const waiting = (await call<UncollectedCardDto[]>(c, 'stock:uncollected')).find(
      (u) => u.reminderSentOn === null,
    )!;
    const reminded = await call<UncollectedCardDto>(c, 'stock:record-reminder', {
      cardId: waiting.cardId,
    });
    expect(reminded).toMatchObject({ reminderSentOn: '2026-11-25', stage: 'reminded' });
    expect(reminded.destroyFrom <= '2027-02-25').toBe(true);
  });
});
