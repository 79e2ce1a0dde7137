// Right person, right card, through the core's router: two 山田優子 born the same day and the 双葉
// twins applying together are found with their look-alikes, their 交付 refused by name and started
// by the 交付通知書 number, the face check shows the other application photo; and with the
// two-person photo check configured, 一致 needs a second operator, never the one who checked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { CoreConfig } from '../../../main/config/config';
import type { Core } from '../../../main/core';
import type { Channel } from '../../../preload/contract/channels';
import type { ApprovalDto } from '../../../preload/contract/dto';
import type { FacePhotosDto } from '../../../preload/contract/issuance';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { call, holdOpenProcedures, raw, startCore } from '../support/router-calls';

const READER = SIM_READER_NAME;
const YUKO = { birthDate: '1990-04-12', notices: ['MD-2026-0032', 'MD-2026-0033'] } as const;
const AKIRA = { name: '双葉　明', birthDate: '2003-06-15', notice: 'MD-2026-0034' } as const;
const HIKARU_NOTICE = 'MD-2026-0035';
const documents = { kinds: ['driving-licence'], guardianship: false, representative: null };

async function open(over: Partial<CoreConfig> = {}): Promise<Core> {
  return startCore(mkdtempSync(join(tmpdir(), 'madoguchi-same-person-')), over);
}

async function refusal(core: Core, channel: Channel, payload: unknown): Promise<string> {
  const r = await raw(core, channel, payload);
  return r.ok ? 'accepted' : `${r.error.code}${r.error.detail ? `:${r.error.detail}` : ''}`;
}

const login = (core: Core, loginId: string) =>
  call(core, 'auth:login', { loginId, password: `${loginId}-2026` });

const byName = (core: Core, name: string, birthDate: string) =>
  call<ResidentMatchDto[]>(core, 'lookup:by-name', { name, birthDate });

const byNotice = (core: Core, noticeNumber: string, birthDate: string) =>
  call<ResidentMatchDto>(core, 'lookup:by-notice', { noticeNumber, birthDate });

const startIssuance = (core: Core, applicationId: number) =>
  refusal(core, 'procedure:start', { kind: 'issuance', applicationId });

/** The 交付 found by its notice, up to the face step with the application's card in the reader. */
async function upToFace(core: Core, notice: string, birthDate: string): Promise<ProcedureDto> {
  const app = (await byNotice(core, notice, birthDate)).applications[0]!;
  const dto = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  const procedureId = dto.procedureId;
  await call(core, 'procedure:record-documents', { procedureId, ...documents });
  await call(core, 'sim:insert-application-card', { noticeNumber: notice });
  return call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
}

async function journalData(core: Core, procedureId: string, step: string) {
  const rows = await core
    .db()!
    .all<{ data: string; operator_id: number }>(
      'SELECT data, operator_id FROM procedure_journal WHERE procedure_id = ? AND step = ?',
      [procedureId, step],
    );
  return rows.map((r) => ({ ...JSON.parse(r.data), operator: r.operator_id }));
}

async function operatorIdOf(core: Core, loginId: string): Promise<number> {
  return (await core
    .db()!
    .get<{ id: number }>('SELECT id FROM operators WHERE login_id = ?', [loginId]))!.id;
}

describe('同姓同名・同一世帯: matched by the 交付通知書 number, not by name', () => {
  let core: Core;

  beforeAll(async () => {
    core = await open();
    await login(core, 'renshu01');
  }, 60_000);

  // Each test serves another resident: the one before is parked, as a clerk would.
  afterEach(async () => {
    await holdOpenProcedures(core);
  });

  afterAll(async () => {
    await core.close();
  });

  it('finds both 山田優子, each naming the other as a look-alike', async () => {
    const found = await byName(core, 'ヤマダ', YUKO.birthDate);
    expect(found).toHaveLength(2);
    for (const [i, m] of found.entries()) {
      expect(m.lookAlikes).toEqual([
        expect.objectContaining({
          reason: 'same-name',
          residentId: found[1 - i]!.resident.id,
          noticeNumber: YUKO.notices[1 - i],
        }),
      ]);
    }
  });

  it('refuses the 交付 picked by name, and another notice number does not unlock it', async () => {
    const [first] = await byName(core, '山田　優子', YUKO.birthDate);
    const app = first!.applications[0]!;
    expect(app.noticeNumber).toBe(YUKO.notices[0]);
    expect(await startIssuance(core, app.id)).toBe('notice-match-required:same-name');
    // The other 山田優子's number was entered: still not this one's.
    await byNotice(core, YUKO.notices[1], YUKO.birthDate);
    expect(await startIssuance(core, app.id)).toBe('notice-match-required:same-name');
  });

  it('starts it once its own number and birth date were entered, and journals how', async () => {
    const found = await byNotice(core, YUKO.notices[0], YUKO.birthDate);
    expect(found.lookAlikes.map((l) => l.reason)).toEqual(['same-name']);
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: found.applications[0]!.id,
    });
    expect(await journalData(core, dto.procedureId, 'started')).toEqual([
      expect.objectContaining({ matchedBy: 'notice', lookAlikes: ['same-name'] }),
    ]);
    await call(core, 'procedure:cancel', { procedureId: dto.procedureId, reason: '練習' });
  });

  it('forgets the numbers entered at a logout', async () => {
    const found = await byNotice(core, YUKO.notices[0], YUKO.birthDate);
    await call(core, 'auth:logout', {});
    await login(core, 'renshu01');
    expect(await startIssuance(core, found.applications[0]!.id)).toBe(
      'notice-match-required:same-name',
    );
  });

  it('flags the twins applying together as one household, and refuses by name', async () => {
    const [akira] = await byName(core, AKIRA.name, AKIRA.birthDate);
    expect(akira!.lookAlikes).toEqual([
      expect.objectContaining({ reason: 'same-household', noticeNumber: HIKARU_NOTICE }),
    ]);
    expect(await startIssuance(core, akira!.applications[0]!.id)).toBe(
      'notice-match-required:same-household',
    );
    await byNotice(core, AKIRA.notice, AKIRA.birthDate);
    expect(await startIssuance(core, akira!.applications[0]!.id)).toBe('accepted');
  });

  it('a household member whose 交付 was handled today counts, though applied apart', async () => {
    // 川辺さくら and 川辺大地 applied a month apart: not flagged until one of them is at the desk.
    const sakura = () => byName(core, 'カワベ', '2012-12-01');
    expect((await sakura())[0]!.lookAlikes).toEqual([]);
    const daichi = await byNotice(core, 'MD-2026-0022', '2011-11-26');
    await call(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: daichi.applications[0]!.id,
    });
    await holdOpenProcedures(core);
    const [found] = await sakura();
    expect(found!.lookAlikes).toEqual([
      expect.objectContaining({ reason: 'same-household', noticeNumber: 'MD-2026-0022' }),
    ]);
    expect(await startIssuance(core, found!.applications[0]!.id)).toBe(
      'notice-match-required:same-household',
    );
  });

  it('a resident with no look-alike still starts from the name', async () => {
    const [haru] = await byName(core, '架空　ハル', '1940-03-21');
    expect(haru!.lookAlikes).toEqual([]);
    expect(await startIssuance(core, haru!.applications[0]!.id)).toBe('accepted');
  });

  it("shows the other 山田優子's application photo at the face step", async () => {
    const dto = await upToFace(core, YUKO.notices[1], YUKO.birthDate);
    expect(dto.step).toBe('face');
    expect(dto.faceSecondOperator).toBe(false);
    const photos = await call<FacePhotosDto>(core, 'procedure:read-photos', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(photos.application).toMatch(/^data:image\/png;base64,/);
    expect(photos.others).toEqual([
      {
        reason: 'same-name',
        kanjiName: '山田　優子',
        noticeNumber: YUKO.notices[0],
        photo: expect.stringMatching(/^data:image\/png;base64,/),
      },
    ]);
    expect(photos.others[0]!.photo).not.toBe(photos.application);
    // Without the two-person check, 一致 is one clerk's decision, as before.
    const after = await call<ProcedureDto>(core, 'procedure:record-face', {
      procedureId: dto.procedureId,
      decision: 'match',
    });
    expect(after.step).toBe('card-face');
  });
});

describe('二人確認: the face check confirmed by a second operator (faceCheck.secondOperator)', () => {
  let core: Core;
  let procedureId: string;
  let othersId: string;
  const approve = (approverLoginId: string, action = 'face-check-second', id = procedureId) =>
    raw<ApprovalDto>(core, 'approval:approve', {
      action,
      procedureId: id,
      reason: '顔写真の二人確認',
      approverLoginId,
      approverPassword: `${approverLoginId}-2026`,
    });

  beforeAll(async () => {
    core = await open({ faceCheck: { secondOperator: true } });
    await login(core, 'renshu01');
    // 双葉光's 交付, started and parked before her twin's: its confirmation is not his.
    const hikaru = (await byNotice(core, HIKARU_NOTICE, AKIRA.birthDate)).applications[0]!;
    othersId = (
      await call<ProcedureDto>(core, 'procedure:start', {
        kind: 'issuance',
        applicationId: hikaru.id,
      })
    ).procedureId;
    await holdOpenProcedures(core);
    procedureId = (await upToFace(core, AKIRA.notice, AKIRA.birthDate)).procedureId;
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('the procedure says so, and 一致 alone is refused', async () => {
    const dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
    expect(dto).toMatchObject({ step: 'face', faceSecondOperator: true, faceCheckedBy: null });
    expect(await refusal(core, 'procedure:record-face', { procedureId, decision: 'match' })).toBe(
      'second-check-required',
    );
  });

  it('nobody confirms their own check', async () => {
    const own = await approve('renshu01');
    expect(own.ok ? 'accepted' : own.error.code).toBe('self-approval');
  });

  it("another kind of approval, or another procedure's, does not confirm it", async () => {
    const override = await approve('sekinin', 'face-check-override');
    expect(override.ok).toBe(true);
    if (!override.ok) return;
    expect(
      await refusal(core, 'procedure:record-face', {
        procedureId,
        decision: 'match',
        approvalId: override.value.approvalId,
      }),
    ).toBe('approval-invalid');
    const elsewhere = await approve('renshu02', 'face-check-second', othersId);
    expect(elsewhere.ok).toBe(true);
    if (!elsewhere.ok) return;
    expect(
      await refusal(core, 'procedure:record-face', {
        procedureId,
        decision: 'match',
        approvalId: elsewhere.value.approvalId,
      }),
    ).toBe('approval-invalid');
    expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe('face');
  });

  it('a second clerk confirms with their own login; both are in the journal and audit', async () => {
    const confirmed = await approve('renshu02');
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    const dto = await call<ProcedureDto>(core, 'procedure:record-face', {
      procedureId,
      decision: 'match',
      approvalId: confirmed.value.approvalId,
    });
    expect(dto.step).toBe('card-face');
    expect(dto.faceCheckedBy).toEqual({
      checkedBy: '窓口職員\u3000練習01',
      confirmedBy: '窓口職員\u3000練習02',
    });
    const checker = await operatorIdOf(core, 'renshu01');
    const second = await operatorIdOf(core, 'renshu02');
    expect(await journalData(core, procedureId, 'face')).toEqual([
      {
        decision: 'match',
        checkedBy: checker,
        confirmedBy: second,
        approval: confirmed.value.approvalId,
        operator: checker,
      },
    ]);
    const audit = await core
      .db()!
      .all<{ operator_id: number; details: string }>(
        "SELECT operator_id, details FROM audit_log WHERE action = 'issuance.face'",
      );
    expect(audit.map((a) => ({ by: a.operator_id, ...JSON.parse(a.details) }))).toEqual([
      expect.objectContaining({ by: checker, checkedBy: checker, confirmedBy: second }),
    ]);
  });
});
