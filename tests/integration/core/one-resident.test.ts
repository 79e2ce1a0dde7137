// One resident at a time, through the core's router: while 窓口花子's 交付 is open, anything of
// 窓口一郎 (the same household: his card is the one most easily mixed up with hers) is refused in
// main, whichever the clerk tries first (his card, a search, a start), after an idle lock, after a
// logout and a login, after a restart on the same data folder; an idle procedure is asked about and
// parked (保留); every park and refusal is audited with its operator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPreset } from '../../../main/card/sim/presets';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { Core } from '../../../main/core';
import type { Channel } from '../../../preload/contract/channels';
import type { AppError } from '../../../preload/contract/errors';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { call, insert, raw, startCore } from '../support/router-calls';

const READER = SIM_READER_NAME;
const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08', name: '窓口　花子' };
const ICHIRO = { noticeNumber: 'MD-2026-0012', birthDate: '1989-01-07', name: '窓口　一郎' };
const documents = { kinds: ['driving-licence'], guardianship: false, representative: null };

/** The counter's clock: the practice seed's day, moved by the tests (idle lock, idle ask). */
function testClock() {
  let at = Date.parse('2026-11-25T01:00:00Z');
  return {
    now: () => new Date(at),
    forward(minutes: number) {
      at += minutes * 60_000;
    },
  };
}

const cores: Core[] = [];
async function open(dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-one-resident-'))) {
  const clock = testClock();
  const core = await startCore(dataDir, {
    now: clock.now,
    idleLockMinutes: 5,
    procedureIdleMinutes: 3,
  });
  cores.push(core);
  await login(core);
  return { core, clock, dataDir };
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function login(core: Core, loginId = 'renshu01') {
  await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
}

/** The refusal of a call (a success fails the test). */
async function refused(core: Core, channel: Channel, payload: unknown = {}): Promise<AppError> {
  const r = await raw(core, channel, payload);
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error;
}

function find(core: Core, who: typeof HANAKO) {
  return raw<ResidentMatchDto>(core, 'lookup:by-notice', {
    noticeNumber: who.noticeNumber,
    birthDate: who.birthDate,
  });
}

async function startFor(core: Core, who: typeof HANAKO): Promise<ProcedureDto> {
  const found = await find(core, who);
  if (!found.ok) throw new Error(`lookup refused: ${found.error.code}`);
  const applicationId = found.value.applications[0]!.id;
  return call<ProcedureDto>(core, 'procedure:start', { kind: 'issuance', applicationId });
}

/** 花子's 交付 up to the face check: her documents and her own card matched. */
async function hanakoAtFace(core: Core): Promise<ProcedureDto> {
  const { procedureId } = await startFor(core, HANAKO);
  await call(core, 'procedure:record-documents', { procedureId, ...documents });
  const { issuerPublicKey } = await core.authority();
  insert(core, await loadPreset('prepared', { timing: false, issuerPublicKey }));
  return call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
}

/** 一郎's prepared card in the reader (what a trainer offers from the practice panel). */
async function offerIchiroCard(core: Core): Promise<void> {
  await call(core, 'sim:insert-application-card', { noticeNumber: ICHIRO.noticeNumber });
}

/** The refusal names 花子's open 交付: its kind, her name and when it started. */
function expectNamesHanako(error: AppError, open: ProcedureDto): void {
  expect(error.code).toBe('other-resident-open');
  expect(error.openProcedure).toEqual({
    procedureId: open.procedureId,
    kind: 'issuance',
    residentName: HANAKO.name,
    startedAt: open.startedAt,
  });
}

async function auditActions(core: Core, procedureId: string) {
  const rows = await core
    .db()!
    .all<{ action: string; operator_id: number | null; details: string }>(
      `SELECT action, operator_id, details FROM audit_log ORDER BY seq`,
    );
  return rows
    .filter((r) => r.details.includes(procedureId))
    .map((r) => ({ action: r.action, operator: r.operator_id }));
}

async function operatorId(core: Core, loginId: string): Promise<number> {
  const row = await core
    .db()!
    .get<{ id: number }>('SELECT id FROM operators WHERE login_id = ?', [loginId]);
  return row!.id;
}

describe('one resident at a time', () => {
  it('card first: his card is refused at her card step and at card health, naming him and her', async () => {
    const { core } = await open();
    const { procedureId } = await startFor(core, HANAKO);
    await call(core, 'procedure:record-documents', { procedureId, ...documents });
    await offerIchiroCard(core);

    const atStep = await refused(core, 'procedure:check-card', { procedureId, reader: READER });
    expect(atStep).toMatchObject({ code: 'wrong-card', cardHolder: ICHIRO.name });
    const hers = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
    expect(hers).toMatchObject({ step: 'card', matchedSerial: null });

    const atHealth = await refused(core, 'card:read-health', { reader: READER });
    expectNamesHanako(atHealth, hers);
    expect(atHealth.cardHolder).toBe(ICHIRO.name);

    const clerk = await operatorId(core, 'renshu01');
    expect(await auditActions(core, procedureId)).toEqual(
      expect.arrayContaining([
        { action: 'issuance.wrong-card-refused', operator: clerk },
        { action: 'issuance.other-resident-refused', operator: clerk },
      ]),
    );
  });

  it('a card this counter does not know is named as such', async () => {
    const { core } = await open();
    const { procedureId } = await startFor(core, HANAKO);
    await call(core, 'procedure:record-documents', { procedureId, ...documents });
    insert(core, await loadPreset('test-card', { timing: false }));
    const error = await refused(core, 'procedure:check-card', { procedureId, reader: READER });
    expect(error).toMatchObject({ code: 'wrong-card', cardHolder: null });
  });

  it('search first: finding or starting him is refused until hers is parked; then hers waits', async () => {
    const { core } = await open();
    const hers = await hanakoAtFace(core);

    const byNotice = await find(core, ICHIRO);
    expect(byNotice.ok).toBe(false);
    if (!byNotice.ok) expectNamesHanako(byNotice.error, hers);
    expectNamesHanako(
      await refused(core, 'lookup:by-name', { name: 'マドグチ', birthDate: ICHIRO.birthDate }),
      hers,
    );
    // Her own page is hers to see.
    expect((await find(core, HANAKO)).ok).toBe(true);

    // 保留: hers stays open, and his can be found and started.
    const parked = await call<ProcedureDto>(core, 'procedure:hold', {
      procedureId: hers.procedureId,
      reason: 'clerk',
    });
    expect(parked).toMatchObject({ held: true, idleAskAt: null, step: 'face' });
    const his = await startFor(core, ICHIRO);
    expect(his.resident.kanjiName).toBe(ICHIRO.name);

    // Now hers is the other one: taking it up is refused, naming his.
    const back = await refused(core, 'procedure:record-face', {
      procedureId: hers.procedureId,
      decision: 'match',
    });
    expect(back.code).toBe('other-resident-open');
    expect(back.openProcedure).toMatchObject({
      procedureId: his.procedureId,
      residentName: ICHIRO.name,
    });
    expect(await auditActions(core, hers.procedureId)).toContainEqual({
      action: 'issuance.held',
      operator: await operatorId(core, 'renshu01'),
    });
  });

  it('after an idle lock: hers is parked, and taken up again she needs her own card', async () => {
    const { core, clock } = await open();
    const hers = await hanakoAtFace(core);
    clock.forward(6);
    expect((await refused(core, 'procedure:get', { procedureId: hers.procedureId })).code).toBe(
      'session-locked',
    );
    await call(core, 'auth:unlock', { password: 'renshu01-2026' });
    const parked = await call<ProcedureDto>(core, 'procedure:get', {
      procedureId: hers.procedureId,
    });
    expect(parked.held).toBe(true);

    // Taken up (resumed from 未完了の手続): whatever is in the reader now must be her card.
    await offerIchiroCard(core);
    const resumed = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: hers.application!.id,
    });
    expect(resumed).toMatchObject({ held: false, step: 'face', needsCard: true });
    expect(
      await refused(core, 'procedure:record-face', {
        procedureId: hers.procedureId,
        decision: 'match',
      }),
    ).toMatchObject({ code: 'step-not-allowed' });
    expect(
      await refused(core, 'procedure:check-card', {
        procedureId: hers.procedureId,
        reader: READER,
      }),
    ).toMatchObject({ code: 'wrong-card', cardHolder: ICHIRO.name });
    // And while hers is taken up, his search is refused again.
    const again = await find(core, ICHIRO);
    expect(again.ok ? null : again.error.code).toBe('other-resident-open');
  });

  it('after a logout and another login: parked, and his start is refused once she is taken up', async () => {
    const { core } = await open();
    const hers = await hanakoAtFace(core);
    await call(core, 'auth:logout');
    await login(core, 'renshu02');
    expect(
      (await call<ProcedureDto>(core, 'procedure:get', { procedureId: hers.procedureId })).held,
    ).toBe(true);
    expect(await auditActions(core, hers.procedureId)).toContainEqual({
      action: 'issuance.held',
      operator: await operatorId(core, 'renshu01'),
    });
    // The next clerk takes hers up; his is refused, naming hers.
    await call(core, 'procedure:start', { kind: 'issuance', applicationId: hers.application!.id });
    const his = await find(core, ICHIRO);
    expect(his.ok).toBe(false);
    if (!his.ok) expectNamesHanako(his.error, hers);
  });

  it('after a restart on the same data folder: hers still holds the counter', async () => {
    const first = await open();
    const hers = await startFor(first.core, HANAKO);
    await call(first.core, 'procedure:record-documents', {
      procedureId: hers.procedureId,
      ...documents,
    });
    await first.core.close();
    cores.splice(cores.indexOf(first.core), 1);

    const { core } = await open(first.dataDir);
    const his = await find(core, ICHIRO);
    expect(his.ok).toBe(false);
    if (!his.ok) expectNamesHanako(his.error, hers);
    await offerIchiroCard(core);
    expect(
      await refused(core, 'procedure:check-card', {
        procedureId: hers.procedureId,
        reader: READER,
      }),
    ).toMatchObject({ code: 'wrong-card', cardHolder: ICHIRO.name });
    expectNamesHanako(await refused(core, 'card:read-health', { reader: READER }), hers);
  });

  it('a parked procedure stays parked across a restart', async () => {
    const first = await open();
    const hers = await startFor(first.core, HANAKO);
    await call(first.core, 'procedure:hold', { procedureId: hers.procedureId, reason: 'clerk' });
    await first.core.close();
    cores.splice(cores.indexOf(first.core), 1);

    const { core } = await open(first.dataDir);
    expect((await find(core, ICHIRO)).ok).toBe(true);
    const open2 = await call<ProcedureDto[]>(core, 'procedure:list-open');
    expect(open2.find((p) => p.procedureId === hers.procedureId)?.held).toBe(true);
  });

  it('idle: the clerk is asked after procedureIdleMinutes, goes on or parks it', async () => {
    const { core, clock } = await open();
    const hers = await startFor(core, HANAKO);
    const startedAt = Date.parse(hers.startedAt);
    expect(Date.parse(hers.idleAskAt!)).toBe(startedAt + 3 * 60_000);

    clock.forward(4);
    const kept = await call<ProcedureDto>(core, 'procedure:keep', {
      procedureId: hers.procedureId,
    });
    expect(Date.parse(kept.idleAskAt!)).toBe(startedAt + 7 * 60_000);

    clock.forward(4);
    const parked = await call<ProcedureDto>(core, 'procedure:hold', {
      procedureId: hers.procedureId,
      reason: 'idle',
    });
    expect(parked).toMatchObject({ held: true, idleAskAt: null });
    const held = await core
      .db()!
      .get<{ data: string }>(
        `SELECT data FROM procedure_journal WHERE procedure_id = ? AND step = 'held'`,
        [hers.procedureId],
      );
    expect(JSON.parse(held!.data)).toEqual({ reason: 'idle' });
    expect((await auditActions(core, hers.procedureId)).map((a) => a.action).slice(-2)).toEqual([
      'issuance.idle-continued',
      'issuance.held',
    ]);
    // Parked, it is not asked about any more.
    expect((await refused(core, 'procedure:keep', { procedureId: hers.procedureId })).code).toBe(
      'step-not-allowed',
    );
  });
});
