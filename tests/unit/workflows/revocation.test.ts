// 廃止 without the card: reason, a supervisor's approval (never the requester's own), the
// certificates revoked with the reason's CRL reason, one revocations row even after a failure and
// a retry; the return-only procedure of a terminated card; what is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCard } from '../../../main/db/repositories/cards';
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
  await f.dispose();
});

async function revocations(cardId: number): Promise<number> {
  return (
    (
      await f.t.db.get<{ n: number }>('SELECT count(*) AS n FROM revocations WHERE card_id = ?', [
        cardId,
      ])
    )?.n ?? 0
  );
}

describe('廃止 with the card absent', () => {
  it('reason, approval, then the certificates revoked (keyCompromise for a loss) and the card terminated', async () => {
    const { cardId, serials } = await f.issuedCard(1);
    serials.forEach((s) => f.authority.known.add(s));
    const w = f.engine();
    const started = await w.start('revocation', { cardId });
    expect(started).toMatchObject({ step: 'reason', revocation: null });
    const id = started.procedureId;
    expect(await refusalOf(w.act(id, 'approve', { approvalId: 1 }))).toBe('step-not-allowed');
    const reasoned = await w.act(id, 'setRevocationReason', { reason: 'lost', cardPresent: false });
    expect(reasoned).toMatchObject({
      step: 'approval',
      revocation: {
        reason: 'lost',
        crlReason: 'keyCompromise',
        cardPresent: false,
        returnOnly: false,
      },
    });
    const approvalId = await f.approval(id, 'revocation');
    const done = await w.act(id, 'approve', { approvalId });
    expect(done).toMatchObject({
      step: 'completed',
      approvedBy: 'boss',
      card: { state: 'terminated' },
    });
    expect(f.authority.revokes.map((r) => r.reason)).toEqual(['keyCompromise', 'keyCompromise']);
    expect((await listCertificatesOfCard(f.t.db, cardId)).map((c) => c.revocationReason)).toEqual([
      'keyCompromise',
      'keyCompromise',
    ]);
    expect(await revocations(cardId)).toBe(1);
    expect(await journalSteps(f.t, id)).toEqual(['start', 'reason', 'approval']);
    expect(await auditCount(f.t, 'revocation.')).toBe(3);
  });

  it('refuses an approval by the procedure’s own operator, for another procedure, or for another action', async () => {
    const { cardId } = await f.issuedCard(2);
    const { cardId: other } = await f.issuedCard(3);
    // The supervisor starts the procedure; another clerk asks the same supervisor to approve it.
    f.operator = f.supervisor;
    const w = f.engine();
    const mine = (await w.start('revocation', { cardId })).procedureId;
    await w.act(mine, 'setRevocationReason', { reason: 'returned', cardPresent: false });
    // One resident at a time: the first is parked for the second, the second for the first again.
    await w.hold(mine, 'clerk');
    const theirs = (await w.start('revocation', { cardId: other })).procedureId;
    await w.hold(theirs, 'clerk');
    f.operator = f.clerk2;
    const self = await f.approval(mine, 'revocation', f.clerk2, f.supervisor);
    expect(await refusalOf(w.act(mine, 'approve', { approvalId: self }))).toBe('approval-invalid');
    f.operator = f.supervisor;
    const elsewhere = await f.approval(theirs, 'revocation', f.clerk2, f.supervisor);
    expect(await refusalOf(w.act(mine, 'approve', { approvalId: elsewhere }))).toBe(
      'approval-invalid',
    );
    expect(await refusalOf(w.act(mine, 'approve', { approvalId: 4242 }))).toBe('approval-invalid');
    expect(await revocations(cardId)).toBe(0);
    expect((await w.get(mine)).step).toBe('approval');
  });

  it('an authority failure revokes nothing in the database; the retry records one revocation', async () => {
    const { cardId, serials } = await f.issuedCard(4);
    serials.forEach((s) => f.authority.known.add(s));
    const w = f.engine();
    const id = (await w.start('revocation', { cardId })).procedureId;
    await w.act(id, 'setRevocationReason', { reason: 'death', cardPresent: false });
    const approvalId = await f.approval(id, 'revocation');
    f.authority.failNext = true;
    await expect(w.act(id, 'approve', { approvalId })).rejects.toThrow('authority unreachable');
    expect(await revocations(cardId)).toBe(0);
    expect((await getCard(f.t.db, cardId)).state).toBe('issued');
    // After a restart: a new instance reads the journal and resumes at the approval.
    const again = f.engine();
    expect((await again.listOpen()).map((p) => p.step)).toEqual(['approval']);
    expect((await again.act(id, 'approve', { approvalId })).step).toBe('completed');
    expect(await revocations(cardId)).toBe(1);
    expect(
      (await listCertificatesOfCard(f.t.db, cardId)).every(
        (c) => c.revocationReason === 'cessationOfOperation',
      ),
    ).toBe(true);
  });

  it('a revoked card gets the return-only procedure until destroyed; then 廃止 is refused (card-revoked)', async () => {
    const { cardId } = await f.issuedCard(5);
    const w = f.engine();
    const first = (await w.start('revocation', { cardId })).procedureId;
    await w.act(first, 'setRevocationReason', { reason: 'lost', cardPresent: false });
    await w.act(first, 'approve', { approvalId: await f.approval(first, 'revocation') });

    const ret = await w.start('revocation', { cardId });
    expect(ret).toMatchObject({
      step: 'card',
      needsCard: true,
      revocation: { returnOnly: true, reason: 'lost', cardPresent: true },
    });
    expect(
      await refusalOf(
        w.act(ret.procedureId, 'setRevocationReason', { reason: 'returned', cardPresent: true }),
      ),
    ).toBe('step-not-allowed');
    expect(await refusalOf(w.start('revocation', { cardId }))).toBe('procedure-busy');
    expect(await refusalOf(w.act(ret.procedureId, 'recordDestroyed', { reader: null }))).toBe(
      'step-not-allowed',
    );
    // The card step needs the card in a reader.
    expect(await refusalOf(w.act(ret.procedureId, 'checkCard', { reader: 'reader' }))).not.toBe(
      'accepted',
    );
    // Recorded as destroyed by another path (the seed's practice data, say): now final.
    await f.t.db.transaction((tx) =>
      tx.run('UPDATE cards SET destroyed_at = ? WHERE id = ?', ['2026-11-25T00:00:00Z', cardId]),
    );
    await w.cancel(ret.procedureId, '別の手続で記録済み');
    expect(await refusalOf(w.start('revocation', { cardId }))).toBe('card-revoked');
    expect(await revocations(cardId)).toBe(1);
  });
});
