// The card's life (docs/procedures.md): allowed steps only, terminated is final, certificate holds never lift.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidTransitionError, DuplicateRecordError } from '../../../main/db/errors';
import {
  createApplication,
  getApplication,
  setApplicationStatus,
} from '../../../main/db/repositories/applications';
import { insertApproval } from '../../../main/db/repositories/approvals';
import {
  findOpenSuspension,
  recordReissue,
  recordRevocation,
  recordSuspension,
  releaseSuspension,
} from '../../../main/db/repositories/card-events';
import {
  CARD_TRANSITIONS,
  getCard,
  receiveCard,
  recordCardDestroyed,
  transitionCard,
} from '../../../main/db/repositories/cards';
import type { CardState } from '../../../main/db/repositories/cards';
import {
  addCertificate,
  getCertificate,
  setCertificateStatus,
} from '../../../main/db/repositories/certificates';
import { addOperator, addResident, openTestDb } from './support/temp-db';
import type { TestDb } from './support/temp-db';

let t: TestDb;
let serialNo = 0;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

/** A resident, an application and a card brought to `state` through the allowed path. */
async function cardIn(state: CardState): Promise<number> {
  const path: Record<CardState, CardState[]> = {
    received: [],
    prepared: ['prepared'],
    issued: ['prepared', 'issued'],
    suspended: ['prepared', 'issued', 'suspended'],
    terminated: ['prepared', 'issued', 'terminated'],
  };
  const n = ++serialNo;
  const resident = await addResident(t, n);
  return t.db.transaction(async (tx) => {
    const app = await createApplication(tx, { noticeNumber: `N-${n}`, residentId: resident });
    const card = await receiveCard(tx, {
      serial: String(400000000000000 + n),
      applicationId: app,
      expiry: '2035-02-17',
    });
    for (const s of path[state]) await transitionCard(tx, card, s);
    return card;
  });
}

const STATES: CardState[] = ['received', 'prepared', 'issued', 'suspended', 'terminated'];
const ALLOWED = new Set([
  'received>prepared',
  'prepared>issued',
  'issued>suspended',
  'suspended>issued',
  'issued>terminated',
  'suspended>terminated',
]);

describe('card life', () => {
  it('the transition table is exactly the diagram of docs/procedures.md', () => {
    const table = STATES.flatMap((from) => CARD_TRANSITIONS[from].map((to) => `${from}>${to}`));
    expect(new Set(table)).toEqual(ALLOWED);
  });

  for (const from of STATES) {
    for (const to of STATES) {
      if (from === to) continue;
      const allowed = ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const card = await cardIn(from);
        const attempt = t.db.transaction((tx) => transitionCard(tx, card, to));
        if (allowed) {
          expect((await attempt).state).toBe(to);
        } else {
          await expect(attempt).rejects.toBeInstanceOf(InvalidTransitionError);
          expect((await getCard(t.db, card)).state).toBe(from);
        }
      });
    }
  }

  it('records when the card was issued and terminated', async () => {
    const card = await cardIn('terminated');
    const c = await getCard(t.db, card);
    expect(c.issuedAt).not.toBeNull();
    expect(c.terminatedAt).not.toBeNull();
    await t.db.transaction((tx) => recordCardDestroyed(tx, card));
    expect((await getCard(t.db, card)).destroyedAt).not.toBeNull();
  });

  it('only a terminated card can be recorded as destroyed (穴あけ)', async () => {
    const card = await cardIn('issued');
    await expect(t.db.transaction((tx) => recordCardDestroyed(tx, card))).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('a trigger refuses an illegal state change even from SQL outside the repository', async () => {
    const card = await cardIn('terminated');
    await expect(
      t.db.transaction((tx) => tx.run(`UPDATE cards SET state = 'issued' WHERE id = ?`, [card])),
    ).rejects.toThrow(/card state transition not allowed/);
    expect((await getCard(t.db, card)).state).toBe('terminated');
  });

  it('a card serial is unique', async () => {
    await cardIn('received');
    const resident = await addResident(t, 9000);
    await expect(
      t.db.transaction(async (tx) => {
        const app = await createApplication(tx, { noticeNumber: 'N-dup', residentId: resident });
        await receiveCard(tx, {
          serial: String(400000000000000 + serialNo),
          applicationId: app,
          expiry: '2035-02-17',
        });
      }),
    ).rejects.toBeInstanceOf(DuplicateRecordError);
  });
});

describe('applications', () => {
  it('go pending → ready → issued, and an issued one cannot be cancelled', async () => {
    const resident = await addResident(t, 1);
    const app = await t.db.transaction((tx) =>
      createApplication(tx, { noticeNumber: '１３２２１ 0001', residentId: resident }),
    );
    expect((await getApplication(t.db, app)).noticeNumber).toBe('13221 0001');
    await t.db.transaction((tx) => setApplicationStatus(tx, app, 'ready'));
    await t.db.transaction((tx) => setApplicationStatus(tx, app, 'issued'));
    await expect(
      t.db.transaction((tx) => setApplicationStatus(tx, app, 'cancelled')),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});

describe('certificates', () => {
  it('a hold is never lifted: on hold → issued is refused, on hold → revoked needs a reason', async () => {
    const card = await cardIn('issued');
    const cert = await t.db.transaction((tx) =>
      addCertificate(tx, {
        cardId: card,
        kind: 'signing',
        serial: '0A1B',
        notBefore: '2026-01-01',
        notAfter: '2031-01-01',
      }),
    );
    await t.db.transaction((tx) => setCertificateStatus(tx, cert, 'on_hold'));
    await expect(
      t.db.transaction((tx) => setCertificateStatus(tx, cert, 'revoked')),
    ).rejects.toThrow(/reason/);
    await t.db.transaction((tx) => setCertificateStatus(tx, cert, 'revoked', 'keyCompromise'));
    expect(await getCertificate(t.db, cert)).toMatchObject({
      status: 'revoked',
      revocationReason: 'keyCompromise',
      serial: '0a1b',
    });
    await expect(
      t.db.transaction((tx) => setCertificateStatus(tx, cert, 'expired')),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});

describe('suspension, revocation, reissue', () => {
  it('one open suspension per card; release closes it', async () => {
    const card = await cardIn('issued');
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const report = {
      cardId: card,
      reportedBy: 'callcentre' as const,
      reportedAt: '2026-11-25T03:00:00.000Z',
      how: 'phone',
      operatorId: clerk,
    };
    await t.db.transaction((tx) => recordSuspension(tx, report));
    await expect(t.db.transaction((tx) => recordSuspension(tx, report))).rejects.toBeInstanceOf(
      DuplicateRecordError,
    );
    expect((await findOpenSuspension(t.db, card))?.reportedBy).toBe('callcentre');
    await t.db.transaction((tx) => releaseSuspension(tx, card, clerk));
    expect(await findOpenSuspension(t.db, card)).toBeUndefined();
  });

  it('a revocation carries its approver; a reissue records its fee, paid or waived with a reason', async () => {
    const oldCard = await cardIn('terminated');
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const boss = await addOperator(t, 'boss', 'supervisor');
    const resident = (await getCard(t.db, oldCard)).residentId;
    await t.db.transaction(async (tx) => {
      const approval = await insertApproval(tx, {
        action: 'revocation',
        requesterId: clerk,
        approverId: boss,
        reason: '紛失届',
      });
      await recordRevocation(tx, {
        cardId: oldCard,
        reason: 'lost',
        operatorId: clerk,
        approvalId: approval,
      });
      const app = await createApplication(tx, {
        noticeNumber: 'R-1',
        residentId: resident,
        kind: 'reissue',
      });
      await recordReissue(tx, {
        oldCardId: oldCard,
        applicationId: app,
        reason: 'lost',
        express: false,
        operatorId: clerk,
        fee: { status: 'paid', amountYen: 1000 },
      });
    });
    expect(await t.db.get('SELECT approved_by FROM revocations')).toEqual({ approved_by: boss });
    expect(await t.db.get('SELECT amount_yen, status FROM fees')).toEqual({
      amount_yen: 1000,
      status: 'paid',
    });
    // A paid fee of ¥0 or a waiver without a reason is refused by the table itself.
    await expect(
      t.db.transaction((tx) =>
        tx.run(
          `INSERT INTO fees (reissue_id, amount_yen, status, waiver_reason, operator_id, recorded_at)
           VALUES (1, 0, 'waived', NULL, ?, 'now')`,
          [clerk],
        ),
      ),
    ).rejects.toThrow(/CHECK/);
  });
});
