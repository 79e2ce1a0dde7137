// 代理人交付 through the core's router with a real sqlite file and the simulated reader: the first
// visit (reason, representative, the 照会書 printed), the counter free while it is in the post, the
// second visit of the practice case whose 照会書 came back (number checked, both people's documents,
// the face, the card face and the PINs typed on the resident window), and main's refusals: a reason
// not on the list, the second visit without a first, another 照会書, an expired one, documents short.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { Core } from '../../../main/core';
import { RETURNED_INQUIRY } from '../../../main/practice/representative-cases';
import type { Channel } from '../../../preload/contract/channels';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { INQUIRY_VALID_DAYS } from '../../../preload/contract/rules/documents';
import { pdfText, squash } from '../../unit/documents/pdf-text';
import { advance, TYPED } from '../support/issuance-script';
import { call, raw, routerCall, startCore } from '../support/router-calls';
import { readAuditRows } from '../../../main/db/repositories/audit';

const READER = SIM_READER_NAME;
/** 大森ウメ, 80: her son comes for the first visit. */
const UME = { noticeNumber: 'MD-2026-0601', birthDate: '1946-04-10' };
/** 小川正男, 80: his daughter brings the 照会書 back (the first visit is in the practice data). */
const MASAO = { noticeNumber: 'MD-2026-0602', birthDate: '1946-08-30' };
const MASAO_SERIAL = '990000000000602';
/** 窓口花子, 34: too young for 75歳以上. */
const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08' };

async function refusal(core: Core, channel: Channel, payload: unknown = {}) {
  const r = await raw(core, channel, payload);
  return r.ok ? 'accepted' : `${r.error.code}${r.error.detail ? `:${r.error.detail}` : ''}`;
}

async function applicationOf(core: Core, who: { noticeNumber: string; birthDate: string }) {
  return (await call<ResidentMatchDto>(core, 'lookup:by-notice', who)).applications[0]!;
}

async function startDelivery(core: Core, who: { noticeNumber: string; birthDate: string }) {
  const app = await applicationOf(core, who);
  return call<ProcedureDto>(core, 'procedure:start', {
    kind: 'representative',
    applicationId: app.id,
  });
}

const SON = {
  name: '大森　健一',
  relation: 'child',
  kinds: ['driving-licence', 'health-insurance'],
} as const;

/** The procedure's audit rows in order, read through the repository (either backend). */
async function auditActions(core: Core, procedureId: string) {
  return (await readAuditRows(core.db()!, 0, 100_000))
    .filter((r) => (JSON.parse(r.details) as { procedure?: string }).procedure === procedureId)
    .map((r) => ({ action: r.action, operator: r.operatorId, details: r.details }));
}

describe('代理人交付: two visits', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-representative-'));
  let core: Core;
  let ume: ProcedureDto;

  beforeAll(async () => {
    core = await startCore(dataDir);
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('the first visit starts at the request; nothing of the second visit comes before it', async () => {
    ume = await startDelivery(core, UME);
    expect(ume.kind).toBe('representative');
    expect(ume.step).toBe('request');
    expect(ume.header.steps.slice(0, 3)).toEqual(['request', 'reply', 'documents']);
    expect(ume.delivery).toEqual({ request: null, inquiry: null, repliedAt: null });
    const procedureId = ume.procedureId;
    const reply = {
      procedureId,
      inquiryNumber: 'SK-2026-000001',
      answered: true,
      pinSheetSealed: true,
    };
    expect(await refusal(core, 'procedure:record-reply', reply)).toBe('inquiry-not-sent');
    expect(await refusal(core, 'procedure:check-card', { procedureId, reader: READER })).toBe(
      'step-not-allowed:request',
    );
    expect(
      await refusal(core, 'procedure:record-documents', {
        procedureId,
        kinds: ['driving-licence', 'passport'],
        representative: { relation: 'child', kinds: ['driving-licence', 'passport'] },
        authority: 'power-of-attorney',
      }),
    ).toBe('step-not-allowed:request');
    expect(await refusal(core, 'procedure:print-inquiry', { procedureId })).toBe(
      'step-not-allowed:request',
    );
  });

  it('refuses a reason not on the list, 75歳以上 for a younger resident, and short documents', async () => {
    const procedureId = ume.procedureId;
    const request = (reason: string, kinds: readonly string[] = SON.kinds) => ({
      procedureId,
      reason,
      representative: { ...SON, kinds },
    });
    expect(await refusal(core, 'procedure:record-request', request('busy'))).toBe(
      'delivery-reason-invalid:not-listed',
    );
    expect(
      await refusal(
        core,
        'procedure:record-request',
        request('age-75', ['health-insurance', 'pension-book']),
      ),
    ).toBe('documents-invalid:representative');
    expect(
      await refusal(core, 'procedure:record-request', request('age-75', ['driving-licence'])),
    ).toBe('documents-invalid:representative');
    // Each refusal is audited on the procedure, with the clerk who met it.
    const refused = (await auditActions(core, procedureId)).filter(
      (r) => r.action === 'representative.request-refused',
    );
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.operator !== null)).toBe(true);
  });

  it('records the request, sends the 照会書 valid for a month, and frees the counter', async () => {
    const procedureId = ume.procedureId;
    ume = await call<ProcedureDto>(core, 'procedure:record-request', {
      procedureId,
      reason: 'age-75',
      representative: SON,
    });
    expect(ume.step).toBe('awaiting-reply');
    expect(ume.actions).toEqual(['print-inquiry', 'cancel']);
    // Waiting for the post is no stop: the header shows it as waiting, not in the stop's red.
    expect(ume.header).toMatchObject({ index: 1, stopped: false, waiting: true });
    const inquiry = ume.delivery!.inquiry!;
    expect(inquiry.number).toMatch(/^SK-2026-\d{6}$/);
    expect(inquiry.sentOn).toBe('2026-11-25');
    expect(inquiry.validUntil).toBe('2026-12-25');
    expect(INQUIRY_VALID_DAYS).toBe(30);
    expect(inquiry.expired).toBe(false);
    expect(ume.delivery!.request).toEqual({ reason: 'age-75', representative: SON });

    const pdf = await call<FileWrittenDto>(core, 'procedure:print-inquiry', { procedureId });
    expect(pdf.path).toContain(inquiry.number);
    expect(existsSync(pdf.path)).toBe(true);
    expect(readFileSync(pdf.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The name is the 照会書's, not the audit log's: that says what was decided.
    const rows = await auditActions(core, procedureId);
    const request = rows.find((r) => r.action === 'representative.request')!;
    expect(request.operator).not.toBeNull();
    expect(JSON.parse(request.details)).toMatchObject({ reason: 'age-75', relation: 'child' });
    expect(request.details.includes('健一')).toBe(false);
    expect(rows.some((r) => r.action === 'representative.inquiry-printed')).toBe(true);

    // In the post, it does not hold the counter: another resident is served meanwhile. 窓口花子
    // is 34: age is no reason for her (her request is cancelled again).
    const hanako = await startDelivery(core, HANAKO);
    expect(
      await refusal(core, 'procedure:record-request', {
        procedureId: hanako.procedureId,
        reason: 'age-75',
        representative: SON,
      }),
    ).toBe('delivery-reason-invalid:under-75');
    await call(core, 'procedure:cancel', { procedureId: hanako.procedureId, reason: '練習' });
    // …and the same application cannot be issued in person alongside it.
    const app = await applicationOf(core, UME);
    expect(app.openDeliveryId).toBe(procedureId);
    expect(
      await refusal(core, 'procedure:start', { kind: 'issuance', applicationId: app.id }),
    ).toBe('application-in-procedure:representative');
  });

  it('the second visit takes up the same procedure, and only its own 照会書, answered', async () => {
    const again = await startDelivery(core, UME);
    expect(again.procedureId).toBe(ume.procedureId);
    const procedureId = ume.procedureId;
    const number = ume.delivery!.inquiry!.number;
    const reply = (over: Record<string, unknown>) => ({
      procedureId,
      inquiryNumber: number,
      answered: true,
      pinSheetSealed: true,
      ...over,
    });
    const other = number.endsWith('0') ? `${number.slice(0, -1)}1` : `${number.slice(0, -1)}0`;
    expect(await refusal(core, 'procedure:record-reply', reply({ inquiryNumber: other }))).toBe(
      'inquiry-mismatch',
    );
    expect(await refusal(core, 'procedure:record-reply', reply({ answered: false }))).toBe(
      'inquiry-unanswered:answers',
    );
    expect(await refusal(core, 'procedure:record-reply', reply({ pinSheetSealed: false }))).toBe(
      'inquiry-unanswered:sealed-sheet',
    );
    const refused = (await auditActions(core, procedureId)).filter(
      (r) => r.action === 'representative.reply-refused',
    );
    // The first visit's early try too.
    expect(refused.map((r) => JSON.parse(r.details).code)).toEqual([
      'inquiry-not-sent',
      'inquiry-mismatch',
      'inquiry-unanswered',
      'inquiry-unanswered',
    ]);
    // Still in the post (the expiry test below comes back to it).
    expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe(
      'awaiting-reply',
    );
  });

  it('小川正男 (practice data): the 照会書 comes back, both people are checked, the card is issued', async () => {
    await call(core, 'sim:insert-application-card', { noticeNumber: MASAO.noticeNumber });
    const open = await call<readonly ProcedureDto[]>(core, 'procedure:list-open');
    const waiting = open.find((p) => p.application?.noticeNumber === MASAO.noticeNumber)!;
    expect(waiting.step).toBe('awaiting-reply');
    let dto = await startDelivery(core, MASAO);
    expect(dto.procedureId).toBe(waiting.procedureId);
    const procedureId = dto.procedureId;
    const sentOn = dto.delivery!.inquiry!.sentOn;
    expect(dto.delivery!.request!.representative.name).toBe('小川　由紀');
    dto = await call<ProcedureDto>(core, 'procedure:record-reply', {
      procedureId,
      // As the clerk types it from the paper, in lower case and with a space.
      inquiryNumber: ` ${RETURNED_INQUIRY.number(sentOn).toLowerCase()}`,
      answered: true,
      pinSheetSealed: true,
    });
    expect(dto.step).toBe('documents');
    expect(dto.delivery!.repliedAt).not.toBeNull();

    const documents = (over: Record<string, unknown>) => ({
      procedureId,
      kinds: ['health-insurance', 'pension-book', 'employee-id'],
      representative: { relation: 'child', kinds: ['driving-licence', 'passport'] },
      authority: 'power-of-attorney',
      ...over,
    });
    const refused = async (over: Record<string, unknown>) =>
      refusal(core, 'procedure:record-documents', documents(over));
    // The resident's: three of list B need a photo among them; one of list A is not enough.
    expect(await refused({ kinds: ['health-insurance', 'pension-book', 'long-term-care'] })).toBe(
      'documents-invalid:resident',
    );
    expect(await refused({ kinds: ['driving-licence'] })).toBe('documents-invalid:resident');
    // The representative's: A×2 or A+B, never B alone.
    expect(
      await refused({
        representative: { relation: 'child', kinds: ['health-insurance', 'pension-book'] },
      }),
    ).toBe('documents-invalid:representative');
    expect(await refused({ representative: null })).toBe('representative-required');
    expect(
      await refused({
        representative: { relation: 'spouse', kinds: ['driving-licence', 'passport'] },
      }),
    ).toBe('documents-invalid:relation');
    expect(await refused({ authority: null })).toBe('documents-invalid:authority');
    expect(await refused({ authority: 'legal-proof' })).toBe('documents-invalid:authority');

    dto = await call<ProcedureDto>(core, 'procedure:record-documents', documents({}));
    expect(dto.step).toBe('card');
    expect(dto.documents).toMatchObject({
      kinds: ['health-insurance', 'pension-book', 'employee-id'],
      authority: 'power-of-attorney',
    });

    // From here as 交付: the card, the face, the card face, the PINs the daughter types from
    // her father's sealed sheet on the resident window, the handover.
    const seen: string[] = [];
    for (let i = 0; i < 12 && dto.step !== 'completed'; i++) {
      seen.push(dto.step);
      dto = await advance(routerCall(core), READER, dto);
    }
    expect(dto.step).toBe('completed');
    expect(seen).toEqual(expect.arrayContaining(['card', 'face', 'card-face', 'pins', 'handover']));
    expect(dto.card).toMatchObject({ serial: MASAO_SERIAL, state: 'issued' });
    const receipt = await call<FileWrittenDto>(core, 'procedure:print-receipt', { procedureId });
    expect(existsSync(receipt.path)).toBe(true);
    // She signs it: the receipt names her, her relation and the 照会書 she brought back.
    const printed = await pdfText(receipt.path);
    expect(printed).toContain(squash('小川　由紀（子）'));
    expect(printed).toContain(squash(RETURNED_INQUIRY.number(sentOn)));
    expect(printed).toContain(squash('代理人署名（自署）'));

    const actions = (await auditActions(core, procedureId)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'representative.started',
        'representative.request',
        'representative.reply',
        'representative.documents',
        'representative.face',
        'representative.handover',
        'representative.receipt-printed',
      ]),
    );
    const app = await applicationOf(core, MASAO);
    expect(app.status).toBe('issued');
    expect(app.openDeliveryId).toBeNull();
  });

  it('nothing the representative typed is in the journal or the audit rows', async () => {
    const rows = await core
      .db()!
      .all<{ data: string }>(
        `SELECT data FROM procedure_journal UNION ALL SELECT details AS data FROM audit_log`,
      );
    const all = rows.map((r) => r.data).join('\n');
    for (const secret of Object.values(TYPED)) expect(all.includes(`"${secret}"`)).toBe(false);
  });

  it('a 照会書 past its month is refused; the request is made again', async () => {
    await core.close();
    // The same counter 40 days later.
    const later = new Date(Date.parse('2026-11-25T01:00:00Z') + 40 * 86_400_000);
    core = await startCore(dataDir, { now: () => later });
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    const dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId: ume.procedureId });
    expect(dto.delivery!.inquiry!.expired).toBe(true);
    expect(
      await refusal(core, 'procedure:record-reply', {
        procedureId: ume.procedureId,
        inquiryNumber: ume.delivery!.inquiry!.number,
        answered: true,
        pinSheetSealed: true,
      }),
    ).toBe('inquiry-expired:2026-12-25');
    const cancelled = await call<ProcedureDto>(core, 'procedure:cancel', {
      procedureId: ume.procedureId,
      reason: '照会書の有効期限切れ',
    });
    expect(cancelled.step).toBe('cancelled');
    const fresh = await startDelivery(core, UME);
    expect(fresh.procedureId).not.toBe(ume.procedureId);
    expect(fresh.step).toBe('request');
  });
});
