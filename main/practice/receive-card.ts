// Practice 入庫 of a reissued card: the new card of a pending reissue application arrives in stock,
// linked to the card it replaces, and the application becomes ready for the normal 交付.
import { japanDate } from '../../preload/contract/rules/validity';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../db/clock';
import type { Db, Queryable } from '../db/connection';
import { findApplicationByNotice, setApplicationStatus } from '../db/repositories/applications';
import { findReissueOfApplication } from '../db/repositories/card-events';
import { highestCardSerial, receiveCard } from '../db/repositories/cards';
import { getResident } from '../db/repositories/residents';
import { WorkflowRefusal } from '../workflows/refusal';

/** Practice serials are the seed's 99… range: the next one after the highest in the database. */
export async function nextPracticeSerial(db: Queryable): Promise<string> {
  const highest = await highestCardSerial(db, '99');
  const next = BigInt(highest ?? '990000000000000') + 1n;
  return next.toString().padStart(15, '0');
}

/** 10 years for an adult, 5 before 18, to the birthday (a simplification the practice accepts). */
export function practiceExpiry(birthDate: string, today: string): string {
  const age =
    Number(today.slice(0, 4)) -
    Number(birthDate.slice(0, 4)) -
    (today.slice(5) < birthDate.slice(5) ? 1 : 0);
  const year = Number(today.slice(0, 4)) + (age >= 18 ? 10 : 5);
  const monthDay = birthDate.slice(5) === '02-29' ? '02-28' : birthDate.slice(5);
  return `${year}-${monthDay}`;
}

export async function receiveReissuedCard(
  db: Db,
  noticeNumber: string,
  operatorId: number,
  clock: Clock,
): Promise<{ serial: string; cardId: number }> {
  const app = await findApplicationByNotice(db, noticeNumber);
  if (!app) throw new WorkflowRefusal('application-not-found');
  if (app.kind !== 'reissue' || app.status !== 'pending')
    throw new WorkflowRefusal('application-not-ready');
  const reissue = await findReissueOfApplication(db, app.id);
  if (!reissue) throw new WorkflowRefusal('application-not-ready');
  const resident = await getResident(db, app.residentId);
  const today = japanDate(clock());
  const expiry = practiceExpiry(resident.birthDate, today);
  const serial = await nextPracticeSerial(db);
  const cardId = await db.transaction(async (tx) => {
    const id = await receiveCard(
      tx,
      { serial, applicationId: app.id, expiry, replacesCardId: reissue.oldCardId },
      clock,
    );
    await setApplicationStatus(tx, app.id, 'ready', clock);
    await appendAudit(
      tx,
      {
        operatorId,
        action: 'practice.card-received',
        residentId: app.residentId,
        cardId: id,
        details: { notice: noticeNumber, replaces: reissue.oldCardId },
      },
      clock,
    );
    return id;
  });
  return { serial, cardId };
}
