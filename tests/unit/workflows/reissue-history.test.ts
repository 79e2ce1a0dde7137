// The resident's page after a loss: the old card terminated and replaced (record its return), the
// new one waiting for 交付, the whole story on one timeline, newest first; finding the card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiveReissuedCard } from '../../../main/practice/receive-card';
import { createLookups, nextActionsOf } from '../../../main/lookups/history';
import { getCard } from '../../../main/db/repositories/cards';
import { recordsFixture, refusalOf, type RecordsFixture } from './revocation-fixture';

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(async () => {
  await f.dispose();
});

describe('住民の履歴', () => {
  it('shows both cards with their next actions and every record of the story, newest first', async () => {
    const { cardId, residentId } = await f.issuedCard(1);
    const old = await getCard(f.t.db, cardId);
    await f.engine().start('suspension', {
      cardId,
      report: {
        reporter: 'resident',
        method: 'counter',
        reportedAt: '2026-11-24T20:00:00Z',
        note: '',
      },
    });
    f.now = new Date('2026-11-25T02:00:00Z');
    const w = f.engine();
    const id = (await w.start('reissue', { cardId })).procedureId;
    await w.act(id, 'setReissueReason', { reason: 'lost', express: false });
    await w.act(id, 'approve', { approvalId: await f.approval(id, 'reissue') });
    const done = await w.act(id, 'recordFee', { status: 'paid', waiverReason: null });
    f.now = new Date('2026-11-25T03:00:00Z');
    const received = await receiveReissuedCard(
      f.t.db,
      done.reissue!.newNoticeNumber!,
      f.clerk,
      () => f.now,
    );

    const queries = createLookups({
      db: () => f.t.db,
      now: () => f.now,
      operatorId: () => f.clerk,
    });
    const h = await queries.history(residentId);
    expect(h.cards.map((c) => [c.serial, c.state, c.nextActions])).toEqual([
      [old.serial, 'terminated', ['record-return']],
      [received.serial, 'received', ['issue-card']],
    ]);
    expect(h.cards[0]!.replacedBySerial).toBe(received.serial);
    expect(h.cards[1]!.replacesSerial).toBe(old.serial);
    expect(h.cards[0]!.certificates.map((c) => c.status)).toEqual(['revoked', 'revoked']);
    expect(h.openProcedures).toEqual([]);
    const events = h.timeline.map((e) => e.event);
    // The 入庫 came last; the reissue's records all share the instant of its last step.
    expect(events.slice(0, 2)).toEqual(['card-received', 'application-ready']);
    for (const e of [
      'suspension-registered',
      'certificate-revoked',
      'approval-reissue',
      'card-revoked',
      'reissue-recorded',
      'fee-paid',
      'application-reissue',
    ])
      expect(events).toContain(e);
    expect(h.timeline.find((e) => e.event === 'fee-paid')).toMatchObject({
      detail: '1000',
      operator: 'clerk',
      procedureId: id,
    });
    // The records the reissue made on the card, which carry no procedure, belong to it; the
    // 入庫 an hour later does not.
    for (const event of ['card-terminated', 'certificate-revoked', 'application-reissue'] as const)
      expect(h.timeline.find((e) => e.event === event)?.procedureId, event).toBe(id);
    expect(h.timeline.find((e) => e.event === 'card-received')?.procedureId).toBeNull();
    const at = h.timeline.map((e) => e.at);
    expect([...at].sort().reverse()).toEqual(at);

    expect((await queries.bySerial(received.serial)).resident.id).toBe(residentId);
    expect((await queries.byName('やまだ', '1980-02-17')).map((l) => l.resident.id)).toEqual([
      residentId,
    ]);
    expect((await queries.byName('山田', '1980-02-17')).length).toBe(1);
    expect(await queries.byName('やまだ', '1980-02-18')).toEqual([]);
    expect(await refusalOf(queries.bySerial('990000000009999'))).toBe('not-found');
    expect(await refusalOf(queries.history(4242))).toBe('not-found');
  });

  it('an issued card is due for renewal within three months of its certificates’ expiry', () => {
    const card = { state: 'issued' } as Parameters<typeof nextActionsOf>[0];
    const cert = (notAfter: string) =>
      ({ status: 'issued', notAfter }) as Parameters<typeof nextActionsOf>[1][number];
    const now = new Date('2026-11-25T00:00:00Z');
    expect(nextActionsOf(card, [cert('2027-06-01T00:00:00Z')], false, now)).toEqual(['none']);
    expect(nextActionsOf(card, [cert('2027-02-01T00:00:00Z')], false, now)).toEqual([
      'renew-certificates',
    ]);
    expect(nextActionsOf({ ...card, state: 'suspended' }, [], false, now)).toEqual([
      'release-suspension',
    ]);
  });
});
