// An office counter meets a procedure another counter left open, through the core's router: the
// lists and the search name that counter, a start or a step is refused naming it and the
// procedure, and a 責任者's approved takeover brings it here, after which it goes on at this
// counter and says where it came from.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { ResidentHistoryDto } from '../../../preload/contract/lifecycle';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { recordAtCounter } from '../../fixtures/other-counter';
import { approveBySupervisor, call, raw, startCore } from '../support/router-calls';

const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08' };
const documents = { kinds: ['driving-licence'], guardianship: false, representative: null };

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** Counter 1 of an office (its procedures record the number, as on the office database). */
async function counterOne(): Promise<Core> {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-takeover-'));
  const core = await startCore(dataDir, { counterNumber: 1, countersOnFile: true });
  cores.push(core);
  await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  return core;
}

async function refusal(
  core: Core,
  channel: 'procedure:start' | 'procedure:record-documents',
  payload: unknown,
) {
  const r = await raw(core, channel, payload);
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error;
}

describe('a procedure open at another office counter', () => {
  it('is named by its counter, refused here, and taken over with a 責任者’s approval', async () => {
    const core = await counterOne();
    const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', HANAKO);
    const applicationId = found.applications[0]!.id;
    const started = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId,
    });
    const { procedureId } = started;
    // This counter's own procedure is no other counter's, and it never moved.
    expect(started).toMatchObject({ otherCounter: null, takenOver: null });
    expect(found.applications[0]).toMatchObject({ openOtherCounter: null });
    await recordAtCounter(core, procedureId, 2);

    // The search names counter 2 beside the open 交付, so that no resume is offered for it.
    const again = await call<ResidentMatchDto>(core, 'lookup:by-notice', HANAKO);
    expect(again.applications[0]).toMatchObject({
      openProcedureId: procedureId,
      openOtherCounter: 2,
      openDeliveryId: null,
      deliveryOtherCounter: null,
    });
    expect(again.cards[0]!.openElsewhere).toEqual([{ procedureId, kind: 'issuance', counter: 2 }]);

    const listed = await call<readonly ProcedureDto[]>(core, 'procedure:list-open');
    expect(listed.find((p) => p.procedureId === procedureId)?.otherCounter).toBe(2);
    const history = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: found.resident.id,
    });
    expect(history.openProcedures).toEqual([
      expect.objectContaining({ procedureId, otherCounter: 2 }),
    ]);

    // Resuming it or starting it again is refused, naming counter 2 and the procedure to take over.
    const named = { code: 'other-counter-open', detail: '2' };
    const openProcedure = expect.objectContaining({ procedureId, kind: 'issuance' });
    expect(
      await refusal(core, 'procedure:record-documents', { procedureId, ...documents }),
    ).toMatchObject({ ...named, openProcedure });
    expect(
      await refusal(core, 'procedure:start', { kind: 'issuance', applicationId }),
    ).toMatchObject({ ...named, openProcedure });

    const approvalId = await approveBySupervisor(core, 'counter-takeover', procedureId);
    const taken = await call<ProcedureDto>(core, 'procedure:take-over', {
      procedureId,
      approvalId,
    });
    expect(taken).toMatchObject({ procedureId, otherCounter: null, step: 'documents' });
    // Where it came from, who approved and when, as the takeover's journal row recorded it.
    const takenOver = {
      fromCounter: 2,
      toCounter: 1,
      approvedBy: '責任者（練習）',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
    };
    expect(taken.takenOver).toEqual(takenOver);
    const after = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: found.resident.id,
    });
    expect(after.openProcedures).toEqual([
      expect.objectContaining({ procedureId, otherCounter: null }),
    ]);
    expect(after.takeovers).toEqual([{ procedureId, ...takenOver, at: taken.takenOver?.at }]);
    const searched = await call<ResidentMatchDto>(core, 'lookup:by-notice', HANAKO);
    expect(searched.applications[0]).toMatchObject({ openOtherCounter: null });
    expect(searched.cards[0]!.openElsewhere).toEqual([]);
    const next = await call<ProcedureDto>(core, 'procedure:record-documents', {
      procedureId,
      ...documents,
    });
    expect(next.step).not.toBe('documents');
    expect(next.takenOver).toEqual(taken.takenOver);
  });
});
