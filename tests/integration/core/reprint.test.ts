// 再発行 from the resident's history, through the core's router: the 受領書, the 後日交付 slip and
// the reissue's fee receipt printed again from the records, audited with the operator; another
// resident's document refused and audited.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type { ReprintableDocument, ResidentHistoryDto } from '../../../preload/contract/lifecycle';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { pdfText, squash } from '../../unit/documents/pdf-text';
import { advance, openIssuance } from '../support/issuance-script';
import { approveBySupervisor, call, raw, routerCall, startCore } from '../support/router-calls';

/** The core's clock is the practice seed's reference day: 2026-11-25 10:00 in Japan. */
const MARK = squash('再発行 令和8年11月25日 10時00分');

interface AuditRow {
  operator_id: number;
  action: string;
  resident_id: number | null;
  details: string;
}

describe('再発行 from the history', () => {
  let core: Core;
  let hanako: number;
  let haru: number;
  const done: Partial<Record<ReprintableDocument, { procedureId: string; first: string }>> = {};

  async function residentOf(noticeNumber: string, birthDate: string) {
    return call<ResidentMatchDto>(core, 'lookup:by-notice', { noticeNumber, birthDate });
  }

  async function reprint(residentId: number, procedureId: string, document: ReprintableDocument) {
    return raw<FileWrittenDto>(core, 'procedure:reprint', { residentId, procedureId, document });
  }

  async function lastAudit(): Promise<AuditRow> {
    return (await core
      .db()!
      .get<AuditRow>(
        'SELECT operator_id, action, resident_id, details FROM audit_log ORDER BY seq DESC LIMIT 1',
      ))!;
  }

  async function operatorId(loginId: string): Promise<number> {
    return (await core
      .db()!
      .get<{ id: number }>('SELECT id FROM operators WHERE login_id = ?', [loginId]))!.id;
  }

  beforeAll(async () => {
    core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-reprint-')));
    const c = routerCall(core);

    // 窓口花子's 交付, to the end, and its 受領書.
    let dto = await openIssuance(c);
    await call(core, 'sim:insert-application-card', { noticeNumber: 'MD-2026-0001' });
    while (dto.step !== 'completed') dto = await advance(c, SIM_READER_NAME, dto);
    const receipt = await call<FileWrittenDto>(core, 'procedure:print-receipt', {
      procedureId: dto.procedureId,
    });
    done.receipt = { procedureId: dto.procedureId, first: await pdfText(receipt.path) };
    hanako = dto.resident.id;

    // 見本はる's 交付 parks (the authority offline): the 後日交付 slip.
    await call(core, 'sim:insert-application-card', { noticeNumber: 'MD-2026-0018' });
    await call(core, 'sim:set-authority-offline', { offline: true });
    const app = (await residentOf('MD-2026-0018', '1940-03-21')).applications[0]!;
    dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    while (dto.step !== 'parked') dto = await advance(c, SIM_READER_NAME, dto);
    await call(core, 'sim:set-authority-offline', { offline: false });
    const slip = await call<FileWrittenDto>(core, 'procedure:print-deferral-slip', {
      procedureId: dto.procedureId,
    });
    done['deferral-slip'] = { procedureId: dto.procedureId, first: await pdfText(slip.path) };
    haru = dto.resident.id;

    // 窓口花子's new card damaged: its reissue, the fee paid, the 領収書.
    const card = (await residentOf('MD-2026-0001', '1992-07-08')).cards[0]!;
    const reissue = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'reissue',
      cardId: card.id,
    });
    const procedureId = reissue.procedureId;
    await call(core, 'procedure:set-reissue-reason', {
      procedureId,
      reason: 'damaged',
      express: false,
    });
    await call(core, 'procedure:approve', {
      procedureId,
      approvalId: await approveBySupervisor(core, 'reissue', procedureId),
    });
    await call(core, 'procedure:record-fee', { procedureId, status: 'paid' });
    const fee = await call<FileWrittenDto>(core, 'procedure:print-receipt', { procedureId });
    done['fee-receipt'] = { procedureId, first: await pdfText(fee.path) };
  }, 120_000);

  afterAll(async () => {
    await core?.close();
  });

  it('the history offers each document its procedure produced', async () => {
    const mine = await call<ResidentHistoryDto>(core, 'lookup:history', { residentId: hanako });
    expect(mine.reprints).toEqual(
      expect.arrayContaining([
        { procedureId: done.receipt!.procedureId, document: 'receipt' },
        { procedureId: done['fee-receipt']!.procedureId, document: 'fee-receipt' },
      ]),
    );
    expect(mine.reprints).toHaveLength(2);
    const hers = await call<ResidentHistoryDto>(core, 'lookup:history', { residentId: haru });
    expect(hers.reprints).toEqual([
      { procedureId: done['deferral-slip']!.procedureId, document: 'deferral-slip' },
    ]);
  });

  it.each(['receipt', 'deferral-slip', 'fee-receipt'] as const)(
    '%s: printed again with 再発行, the same facts, a new file, audited with the operator',
    async (document) => {
      const { procedureId, first } = done[document]!;
      const residentId = document === 'deferral-slip' ? haru : hanako;
      const r = await reprint(residentId, procedureId, document);
      if (!r.ok) throw new Error(r.error.code);

      expect(basename(r.value.path)).toMatch(/-reprint-\d{8}-\d{6}-\d{3}\.pdf$/);
      const again = await pdfText(r.value.path);
      expect(again).toContain(MARK);
      expect(again.replace(MARK, '')).toBe(first);
      const audit = await lastAudit();
      expect(audit).toMatchObject({
        operator_id: await operatorId('renshu01'),
        action: 'document.reprinted',
        resident_id: residentId,
      });
      expect(JSON.parse(audit.details)).toMatchObject({
        procedure: procedureId,
        document,
        bytes: r.value.bytes,
      });
    },
    60_000,
  );

  it("refuses another resident's document, and audits the attempt", async () => {
    // 見本はる's history open, 窓口花子's receipt asked for.
    const r = await reprint(haru, done.receipt!.procedureId, 'receipt');
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      operator_id: await operatorId('renshu01'),
      action: 'document.reprint-refused',
      resident_id: haru,
    });
    expect(JSON.parse(audit.details)).toMatchObject({
      procedure: done.receipt!.procedureId,
      reason: 'other-resident',
    });
  });

  it('refuses a document the procedure did not produce', async () => {
    const r = await reprint(hanako, done.receipt!.procedureId, 'fee-receipt');
    expect(r).toMatchObject({ ok: false, error: { code: 'step-not-allowed' } });
  });
});
