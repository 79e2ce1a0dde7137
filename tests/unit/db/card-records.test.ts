// Reading back what happened to a resident's cards: the history's rows, the reissue and revocation
// look-ups of the later procedures, replacement cards, notice numbers and practice serials.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/db/clock';
import { isConstraintError } from '../../../main/db/connection';
import {
  countApplicationsWithNoticePrefix,
  createApplication,
} from '../../../main/db/repositories/applications';
import { insertApproval, listApprovalsOfResident } from '../../../main/db/repositories/approvals';
import {
  findReissueOfApplication,
  findReissueOfCard,
  findReissueOfProcedure,
  findRevocationOfCard,
  listFeesOfReissue,
  listReissuesOfResident,
  listRevocationsOfResident,
  listSuspensionsOfResident,
  recordReissue,
  recordRevocation,
  recordRevocationDestroyed,
  recordSuspension,
  releaseSuspension,
} from '../../../main/db/repositories/card-events';
import {
  findCard,
  findReplacementOfCard,
  highestCardSerial,
  receiveCard,
  recordCardDestroyed,
  transitionCard,
} from '../../../main/db/repositories/cards';
import {
  endProcedure,
  listOpenProceduresOfResident,
  listProceduresOfResident,
  startProcedure,
} from '../../../main/db/repositories/journal';
import { addOperator, addResident, openTestDb, type TestDb } from './support/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

const at =
  (iso: string): Clock =>
  () =>
    new Date(iso);

/** A resident with an issued card, received and issued at a fixed time. */
async function residentWithCard(n: number): Promise<{ resident: number; card: number }> {
  const resident = await addResident(t, n);
  const card = await t.db.transaction(async (tx) => {
    const app = await createApplication(tx, { noticeNumber: `N-${n}`, residentId: resident });
    const id = await receiveCard(tx, {
      serial: String(400000000000000 + n),
      applicationId: app,
      expiry: '2035-02-17',
    });
    await transitionCard(tx, id, 'prepared');
    await transitionCard(tx, id, 'issued');
    return id;
  });
  return { resident, card };
}

/**
 * Resident A's card is suspended and released, revoked with a supervisor's approval, reissued
 * with a paid fee, and its replacement received; resident B has a suspension and an approval.
 */
async function story() {
  const clerk = await addOperator(t, 'clerk', 'clerk');
  const boss = await addOperator(t, 'boss', 'supervisor');
  const a = await residentWithCard(1);
  const b = await residentWithCard(2);
  const start = (kind: 'suspension' | 'revocation' | 'reissue', who: typeof a, when: string) =>
    t.db.transaction((tx) =>
      startProcedure(
        tx,
        { kind, operatorId: clerk, residentId: who.resident, cardId: who.card },
        at(when),
      ),
    );
  const suspended = await start('suspension', a, '2026-11-20T01:00:00.000Z');
  const revoked = await start('revocation', a, '2026-11-21T01:00:00.000Z');
  const reissued = await start('reissue', a, '2026-11-22T01:00:00.000Z');
  const ofB = await start('suspension', b, '2026-11-20T02:00:00.000Z');
  const report = (cardId: number, procedureId: string) => ({
    cardId,
    reportedBy: 'callcentre' as const,
    reportedAt: '2026-11-20T00:30:00.000Z',
    how: 'phone',
    operatorId: clerk,
    procedureId,
  });
  const reissue = await t.db.transaction(async (tx) => {
    await recordSuspension(tx, report(a.card, suspended), at('2026-11-20T01:01:00.000Z'));
    await releaseSuspension(tx, a.card, boss, at('2026-11-20T05:00:00.000Z'));
    await endProcedure(tx, suspended, 'completed');
    await recordSuspension(tx, report(b.card, ofB));
    await insertApproval(tx, {
      procedureId: ofB,
      action: 'release',
      requesterId: clerk,
      approverId: boss,
      reason: 'B',
    });
    const approvalId = await insertApproval(
      tx,
      {
        procedureId: revoked,
        action: 'revocation',
        requesterId: clerk,
        approverId: boss,
        reason: '紛失',
      },
      at('2026-11-21T01:05:00.000Z'),
    );
    await transitionCard(tx, a.card, 'terminated');
    await recordRevocation(
      tx,
      { cardId: a.card, reason: 'lost', operatorId: clerk, approvalId, procedureId: revoked },
      at('2026-11-21T01:06:00.000Z'),
    );
    await endProcedure(tx, revoked, 'completed');
    const applicationId = await createApplication(tx, {
      noticeNumber: 'MD-2026-R0001',
      residentId: a.resident,
      kind: 'reissue',
    });
    await recordReissue(
      tx,
      {
        oldCardId: a.card,
        applicationId,
        reason: 'lost',
        express: true,
        operatorId: clerk,
        procedureId: reissued,
        fee: { status: 'paid', amountYen: 1000 },
      },
      at('2026-11-22T01:10:00.000Z'),
    );
    const replacement = await receiveCard(tx, {
      serial: '400000000000009',
      applicationId,
      expiry: '2036-02-17',
      replacesCardId: a.card,
    });
    return { applicationId, replacement };
  });
  return { clerk, boss, a, b, suspended, revoked, reissued, ofB, ...reissue };
}

describe("a resident's history", () => {
  it('lists the procedures, approvals, suspensions, revocations and reissues of their cards only', async () => {
    const s = await story();
    expect((await listProceduresOfResident(t.db, s.a.resident)).map((p) => p.id)).toEqual([
      s.suspended,
      s.revoked,
      s.reissued,
    ]);
    expect(await listOpenProceduresOfResident(t.db, s.a.resident)).toEqual([
      expect.objectContaining({ id: s.reissued, kind: 'reissue', status: 'open' }),
    ]);
    expect(await listApprovalsOfResident(t.db, s.a.resident)).toEqual([
      expect.objectContaining({
        procedureId: s.revoked,
        action: 'revocation',
        approverId: s.boss,
        approvedAt: '2026-11-21T01:05:00.000Z',
      }),
    ]);
    expect(await listSuspensionsOfResident(t.db, s.a.resident)).toEqual([
      expect.objectContaining({
        cardId: s.a.card,
        reportedBy: 'callcentre',
        how: 'phone',
        procedureId: s.suspended,
        recordedAt: '2026-11-20T01:01:00.000Z',
        releasedAt: '2026-11-20T05:00:00.000Z',
        releasedBy: s.boss,
      }),
    ]);
    expect(await listRevocationsOfResident(t.db, s.a.resident)).toEqual([
      expect.objectContaining({
        cardId: s.a.card,
        reason: 'lost',
        approvedBy: s.boss,
        revokedAt: '2026-11-21T01:06:00.000Z',
        destroyedAt: null,
      }),
    ]);
    const reissue = {
      oldCardId: s.a.card,
      applicationId: s.applicationId,
      reason: 'lost',
      express: true,
      operatorId: s.clerk,
      procedureId: s.reissued,
      createdAt: '2026-11-22T01:10:00.000Z',
    };
    expect(await listReissuesOfResident(t.db, s.a.resident)).toEqual([
      expect.objectContaining(reissue),
    ]);
    // Resident B: their own suspension and approval, nothing of A's.
    expect(await listSuspensionsOfResident(t.db, s.b.resident)).toEqual([
      expect.objectContaining({ cardId: s.b.card, releasedAt: null }),
    ]);
    expect((await listApprovalsOfResident(t.db, s.b.resident)).map((x) => x.action)).toEqual([
      'release',
    ]);
    expect(await listRevocationsOfResident(t.db, s.b.resident)).toEqual([]);
    expect(await listReissuesOfResident(t.db, s.b.resident)).toEqual([]);
  });
});

describe('reissues and revocations of a card', () => {
  it('are found by old card, new application and procedure; the fee with the reissue', async () => {
    const s = await story();
    const byCard = await findReissueOfCard(t.db, s.a.card);
    expect(byCard).toMatchObject({ applicationId: s.applicationId, express: true });
    expect(await findReissueOfApplication(t.db, s.applicationId)).toEqual(byCard);
    expect(await findReissueOfProcedure(t.db, s.reissued)).toEqual(byCard);
    expect(await findReissueOfCard(t.db, s.b.card)).toBeUndefined();
    expect(await findReissueOfProcedure(t.db, s.revoked)).toBeUndefined();
    expect(await listFeesOfReissue(t.db, byCard!.id)).toEqual([
      expect.objectContaining({ status: 'paid', amountYen: 1000, waiverReason: null }),
    ]);
  });

  it('the 穴あけ of a revoked card is recorded once, at its first time', async () => {
    const s = await story();
    expect(await findRevocationOfCard(t.db, s.b.card)).toBeUndefined();
    await t.db.transaction(async (tx) => {
      await recordCardDestroyed(tx, s.a.card);
      await recordRevocationDestroyed(tx, s.a.card, at('2026-11-23T00:00:00.000Z'));
      await recordRevocationDestroyed(tx, s.a.card, at('2026-11-24T00:00:00.000Z'));
    });
    expect(await findRevocationOfCard(t.db, s.a.card)).toMatchObject({
      reason: 'lost',
      destroyedAt: '2026-11-23T00:00:00.000Z',
    });
  });

  it('the replacement of a card is the newest card that replaces it', async () => {
    const s = await story();
    expect(await findReplacementOfCard(t.db, s.a.card)).toMatchObject({
      id: s.replacement,
      serial: '400000000000009',
      replacesCardId: s.a.card,
    });
    expect(await findReplacementOfCard(t.db, s.replacement)).toBeUndefined();
    expect((await findCard(t.db, s.a.card))?.state).toBe('terminated');
    expect(await findCard(t.db, s.replacement + 100)).toBeUndefined();
  });
});

describe('open procedures', () => {
  it('one open procedure per card and kind, and per application, by the database itself', async () => {
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const a = await residentWithCard(1);
    const app = await t.db.get<{ id: number }>(
      'SELECT application_id AS id FROM cards WHERE id = ?',
      [a.card],
    );
    const start = (kind: 'suspension' | 'reissue' | 'issuance', applicationId?: number) =>
      t.db.transaction((tx) =>
        startProcedure(tx, {
          kind,
          operatorId: clerk,
          residentId: a.resident,
          cardId: a.card,
          applicationId: applicationId ?? null,
          counterNumber: 1,
        }),
      );
    const unique = (e: unknown) => isConstraintError(e, 'UNIQUE');
    const suspension = await start('suspension');
    await expect(start('suspension')).rejects.toSatisfy(unique);
    // Another kind on the same card is another procedure.
    await start('reissue');
    await start('issuance', app!.id);
    await expect(start('suspension', app!.id)).rejects.toSatisfy(unique);
    // Once it ends, the card may have a new one of the kind.
    await t.db.transaction((tx) => endProcedure(tx, suspension, 'completed'));
    await start('suspension');
    expect(await listOpenProceduresOfResident(t.db, a.resident)).toHaveLength(3);
  });
});

describe('numbers', () => {
  it('notice numbers are counted by prefix, with % and _ taken literally', async () => {
    await story();
    expect(await countApplicationsWithNoticePrefix(t.db, 'MD-2026-R')).toBe(1);
    expect(await countApplicationsWithNoticePrefix(t.db, 'md-2026-r')).toBe(1);
    expect(await countApplicationsWithNoticePrefix(t.db, 'MD_2026')).toBe(0);
    expect(await countApplicationsWithNoticePrefix(t.db, '%')).toBe(0);
    expect(await countApplicationsWithNoticePrefix(t.db, 'N-')).toBe(2);
  });

  it('the highest serial of a prefix, null when there is none; the prefix is digits', async () => {
    await story();
    expect(await highestCardSerial(t.db, '40')).toBe('400000000000009');
    expect(await highestCardSerial(t.db, '99')).toBeNull();
    await expect(highestCardSerial(t.db, '9*')).rejects.toThrow(/digits/);
  });
});
