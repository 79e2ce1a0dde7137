// Practice: the ready applications whose prepared card a trainer can put in the simulated reader,
// and the facts to build such a card (the 個人番号 read for it is audited).
import type { MyNumber } from '../card/domain';
import type { Db } from '../db/connection';
import type { MyNumberCipher } from '../db/my-number-crypto';
import { findApplicationByNotice, listIssuableApplications } from '../db/repositories/applications';
import { findCardOfApplication } from '../db/repositories/cards';
import { getResident, revealMyNumber, type Resident } from '../db/repositories/residents';
import { WorkflowRefusal } from '../workflows/refusal';

export async function applicationCards(
  db: Db,
): Promise<{ noticeNumber: string; residentName: string }[]> {
  const out: { noticeNumber: string; residentName: string }[] = [];
  for (const app of await listIssuableApplications(db)) {
    const r = await getResident(db, app.residentId);
    out.push({ noticeNumber: app.noticeNumber, residentName: r.kanjiName });
  }
  return out;
}

export async function applicationCardFacts(
  deps: { db: Db; cipher: MyNumberCipher; operatorId: number; now: () => Date },
  noticeNumber: string,
): Promise<{
  name: string;
  address: string;
  birthDate: string;
  sex: Resident['sex'];
  myNumber: MyNumber;
  serial: string;
  cardExpiry: string;
}> {
  const { db } = deps;
  const app = await findApplicationByNotice(db, noticeNumber);
  if (!app) throw new WorkflowRefusal('application-not-found');
  const card = await findCardOfApplication(db, app.id);
  if (app.status !== 'ready' || !card || !['received', 'prepared'].includes(card.state))
    throw new WorkflowRefusal('application-not-ready');
  const r = await getResident(db, app.residentId);
  const myNumber = await revealMyNumber(
    db,
    deps.cipher,
    { residentId: r.id, operatorId: deps.operatorId, purpose: 'practice-card' },
    deps.now,
  );
  return {
    name: r.kanjiName,
    address: r.address,
    birthDate: r.birthDate,
    sex: r.sex,
    myNumber,
    serial: card.serial,
    cardExpiry: card.expiry,
  };
}
