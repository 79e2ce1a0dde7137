// 再交付: the fee by the rules (¥1,000, express ¥2,000 only when lost, free by rule), paid or waived
// with a reason, the old card revoked with the same approval when it is not yet, the new
// application and the fee receipt's data; one reissue per card; a restart at the fee step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeeReceiptData } from '../../../main/documents/fee-receipt';
import { getCard } from '../../../main/db/repositories/cards';
import { journalSteps, recordsFixture, refusalOf, type RecordsFixture } from './revocation-fixture';

let f: RecordsFixture;
let printed: { path: string; data: FeeReceiptData }[];
beforeEach(async () => {
  f = await recordsFixture();
  printed = f.receipts;
});
afterEach(async () => {
  await f.dispose();
});

function workflow() {
  return f.engine();
}

async function upToFee(cardId: number, reason: 'lost' | 'damaged' | 'theft', express = false) {
  const w = workflow();
  const id = (await w.start('reissue', { cardId })).procedureId;
  await w.act(id, 'setReissueReason', { reason, express });
  const approvalId = await f.approval(id, 'reissue');
  return { w, id, approvalId, dto: await w.act(id, 'approve', { approvalId }) };
}

describe('再交付', () => {
  it('a lost card: ¥1,000 paid, the card revoked (lost) with the reissue’s approval, a pending reissue application', async () => {
    const { cardId } = await f.issuedCard(1);
    const { w, id, approvalId, dto } = await upToFee(cardId, 'lost');
    expect(dto).toMatchObject({
      step: 'fee',
      reissue: { fee: { amountYen: 1000, freeByRule: false }, feeStatus: null },
    });
    const done = await w.act(id, 'recordFee', { status: 'paid', waiverReason: null });
    expect(done).toMatchObject({
      step: 'completed',
      card: { state: 'terminated' },
      reissue: { feeStatus: 'paid', waiverReason: null, newNoticeNumber: 'MD-2026-R0001' },
    });
    expect(
      await f.t.db.get('SELECT reason, approval_id FROM revocations WHERE card_id = ?', [cardId]),
    ).toEqual({ reason: 'lost', approval_id: approvalId });
    expect(
      await f.t.db.get(
        `SELECT a.kind, a.status, f.amount_yen, f.status AS fee FROM reissues r
           JOIN card_applications a ON a.id = r.application_id JOIN fees f ON f.reissue_id = r.id
          WHERE r.old_card_id = ?`,
        [cardId],
      ),
    ).toEqual({ kind: 'reissue', status: 'pending', amount_yen: 1000, fee: 'paid' });
    expect(await journalSteps(f.t, id)).toEqual(['start', 'reason', 'approval', 'fee']);

    const receipt = await w.act(id, 'printReceipt', {});
    expect(receipt).toEqual({ path: printed[0]!.path, bytes: 1234 });
    expect(printed[0]!.data).toMatchObject({
      noticeNumber: 'MD-2026-R0001',
      status: 'paid',
      fee: { amountYen: 1000 },
      practice: true,
    });
    expect(JSON.stringify(printed[0]!.data)).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  it('express only for a lost card (¥2,000); a waiver needs a reason', async () => {
    const { cardId } = await f.issuedCard(2);
    const w = workflow();
    const id = (await w.start('reissue', { cardId })).procedureId;
    expect(
      await refusalOf(w.act(id, 'setReissueReason', { reason: 'damaged', express: true })),
    ).toBe('express-not-eligible');
    // The loss a week before the fixture's day (2026-11-25): within the 30 days of the rule.
    const lostRecently = { category: 'lost-card', eventDate: '2026-11-18' } as const;
    expect(
      await refusalOf(
        w.act(id, 'setReissueReason', {
          reason: 'damaged',
          express: true,
          expressRequest: lostRecently,
        }),
      ),
    ).toBe('express-not-allowed');
    expect(
      (
        await w.act(id, 'setReissueReason', {
          reason: 'lost',
          express: true,
          expressRequest: lostRecently,
        })
      ).reissue?.fee.amountYen,
    ).toBe(2000);
    await w.act(id, 'approve', { approvalId: await f.approval(id, 'reissue') });
    expect(await refusalOf(w.act(id, 'recordFee', { status: 'waived', waiverReason: null }))).toBe(
      'waiver-reason-required',
    );
    expect(await refusalOf(w.act(id, 'recordFee', { status: 'waived', waiverReason: '   ' }))).toBe(
      'waiver-reason-required',
    );
    const done = await w.act(id, 'recordFee', {
      status: 'waived',
      waiverReason: '災害救助法の適用',
    });
    expect(done.reissue).toMatchObject({ feeStatus: 'waived', waiverReason: '災害救助法の適用' });
    expect(await f.t.db.get('SELECT amount_yen, waiver_reason FROM fees', [])).toEqual({
      amount_yen: 0,
      waiver_reason: '災害救助法の適用',
    });
  });

  it('a reason free by rule skips the fee step: waived with the rule as its reason', async () => {
    const { cardId } = await f.issuedCard(3);
    const { w, id, dto } = await upToFee(cardId, 'theft');
    expect(dto).toMatchObject({
      step: 'completed',
      reissue: { feeStatus: 'waived', waiverReason: 'free-by-rule', fee: { freeByRule: true } },
    });
    expect(await refusalOf(w.act(id, 'recordFee', { status: 'paid', waiverReason: null }))).toBe(
      'procedure-closed',
    );
    // Theft revokes the old card as stolen.
    expect(await f.t.db.get('SELECT reason FROM revocations WHERE card_id = ?', [cardId])).toEqual({
      reason: 'stolen',
    });
  });

  it('one reissue per card: a second is refused (reissue-exists); an approval must be for reissue', async () => {
    const { cardId } = await f.issuedCard(4);
    const { w, id } = await upToFee(cardId, 'damaged');
    await w.act(id, 'recordFee', { status: 'paid', waiverReason: null });
    expect(await refusalOf(w.start('reissue', { cardId }))).toBe('reissue-exists');

    const { cardId: other } = await f.issuedCard(5);
    const second = (await w.start('reissue', { cardId: other })).procedureId;
    await w.act(second, 'setReissueReason', { reason: 'damaged', express: false });
    const wrong = await f.approval(second, 'revocation');
    expect(await refusalOf(w.act(second, 'approve', { approvalId: wrong }))).toBe(
      'approval-invalid',
    );
  });

  it('resumes at the fee step after a restart, then closes', async () => {
    const { cardId } = await f.issuedCard(6);
    const { id } = await upToFee(cardId, 'lost');
    const restarted = workflow();
    expect((await restarted.listOpen()).map((p) => [p.procedureId, p.step])).toEqual([[id, 'fee']]);
    const done = await restarted.act(id, 'recordFee', { status: 'paid', waiverReason: null });
    expect(done.step).toBe('completed');
    expect((await getCard(f.t.db, cardId)).state).toBe('terminated');
    expect(await refusalOf(restarted.cancel(id, 'x'))).toBe('procedure-closed');
  });
});
