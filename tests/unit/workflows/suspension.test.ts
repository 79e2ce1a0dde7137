// 一時停止: a reported loss suspends the card without it, its certificates go on hold with the
// authority and in the database, each step with its journal and audit row; what is refused.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApplication } from '../../../main/db/repositories/applications';
import { getCard, receiveCard } from '../../../main/db/repositories/cards';
import { listCertificatesOfCard } from '../../../main/db/repositories/certificates';
import {
  auditCount,
  journalSteps,
  recordsFixture,
  refusalOf,
  type RecordsFixture,
} from './revocation-fixture';

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await f.dispose();
});

const report = (cardId: number, reportedAt = '2026-11-24T22:00:00Z') => ({
  cardId,
  report: {
    reporter: 'police' as const,
    method: 'written' as const,
    reportedAt,
    note: '交番に届出',
  },
});

describe('一時停止', () => {
  it('records the report, suspends the card and holds both certificates, one journal and audit row per step', async () => {
    const { cardId, serials } = await f.issuedCard(1);
    serials.forEach((s) => f.authority.known.add(s));
    const w = f.engine();
    const dto = await w.start('suspension', report(cardId));

    expect(dto).toMatchObject({
      kind: 'suspension',
      step: 'completed',
      card: { state: 'suspended' },
      suspension: { reporter: 'police', method: 'written', note: '交番に届出' },
    });
    expect(dto.completedAt).not.toBeNull();
    expect(f.authority.holds.sort()).toEqual([...serials].sort());
    expect((await listCertificatesOfCard(f.t.db, cardId)).map((c) => c.status)).toEqual([
      'on_hold',
      'on_hold',
    ]);
    expect(await journalSteps(f.t, dto.procedureId)).toEqual(['report', 'certificates-held']);
    expect(await auditCount(f.t, 'suspension.')).toBe(2);
    const row = await f.t.db.get<{ reported_by: string; how: string; procedure_id: string }>(
      'SELECT reported_by, how, procedure_id FROM suspensions WHERE card_id = ?',
      [cardId],
    );
    expect(row).toEqual({ reported_by: 'police', how: 'written', procedure_id: dto.procedureId });
    expect(f.events.at(-1)?.step).toBe('completed');
  });

  it('holds a certificate the authority never issued in the database only, with a warning that names no serial', async () => {
    const { cardId, serials } = await f.issuedCard(2);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await f.engine().start('suspension', report(cardId));
    expect(
      (await listCertificatesOfCard(f.t.db, cardId)).every((c) => c.status === 'on_hold'),
    ).toBe(true);
    expect(warn).toHaveBeenCalled();
    const logged = warn.mock.calls.flat().join(' ');
    for (const s of serials) expect(logged).not.toContain(s);
  });

  it('refuses a suspended card, a terminated one, one not issued yet, and a report from the future', async () => {
    const w = f.engine();
    const { cardId } = await f.issuedCard(3);
    expect(await refusalOf(w.start('suspension', report(cardId, '2026-11-25T01:00:01Z')))).toBe(
      'report-in-future',
    );
    await w.start('suspension', report(cardId));
    expect(await refusalOf(w.start('suspension', report(cardId)))).toBe('card-already-suspended');
    await f.t.db.transaction(async (tx) => {
      await tx.run(`UPDATE cards SET state = 'terminated' WHERE id = ?`, [cardId]);
    });
    expect(await refusalOf(w.start('suspension', report(cardId)))).toBe('card-revoked');
    // A card still in stock (入庫 only) has nothing to suspend.
    const received = await f.t.db.transaction(async (tx) => {
      const app = await createApplication(tx, { noticeNumber: 'MD-2026-9001', residentId: 1 });
      return receiveCard(tx, {
        serial: '990000000000900',
        applicationId: app,
        expiry: '2036-01-01',
      });
    });
    expect(await refusalOf(w.start('suspension', report(received)))).toBe('card-not-issued');
    expect(await refusalOf(w.start('suspension', report(9999)))).toBe('not-found');
  });

  it('resumes after a stop between the report and the hold: a new instance finishes from the journal', async () => {
    const { cardId, serials } = await f.issuedCard(4);
    serials.forEach((s) => f.authority.known.add(s));
    f.authority.failNext = true;
    await expect(f.engine().start('suspension', report(cardId))).rejects.toThrow();
    expect((await getCard(f.t.db, cardId)).state).toBe('suspended');

    const restarted = f.engine();
    const open = await restarted.listOpen();
    expect(open.map((p) => p.step)).toEqual(['report']);
    const done = await restarted.act(open[0]!.procedureId, 'complete', { handover: null });
    expect(done.step).toBe('completed');
    expect(await journalSteps(f.t, done.procedureId)).toEqual(['report', 'certificates-held']);
    expect(
      await f.t.db.get('SELECT count(*) AS n FROM suspensions WHERE card_id = ?', [cardId]),
    ).toEqual({
      n: 1,
    });
    expect(await refusalOf(restarted.act(done.procedureId, 'complete', { handover: null }))).toBe(
      'procedure-closed',
    );
  });
});
