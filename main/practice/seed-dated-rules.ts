// Practice cases of the dated rules, loaded with the seed: a card nobody collected, past its
// destruction day, and the evening visit the trainer plays with the practice clock.
import { parseIsoDate, parseMyNumber } from '../card/domain';
import type { Clock } from '../db/clock';
import type { Tx } from '../db/connection';
import type { MyNumberCipher } from '../db/my-number-crypto';
import { createApplication, setApplicationStatus } from '../db/repositories/applications';
import { receiveCard } from '../db/repositories/cards';
import { createResident } from '../db/repositories/residents';
import { setNoticeSent, setReminderSent } from '../db/repositories/uncollected';

/**
 * The evening visit: the practice clock at 20:30, then 窓口 花子's 交付 (MD-2026-0001). The
 * certificate service is closed, so the clerk parks it as 後日交付 before the PINs.
 */
export const EVENING_VISIT = { time: '20:30', noticeNumber: 'MD-2026-0001' } as const;

/** 受取 忘子: her card came in October 2025, reminded in July 2026, never collected. */
export const UNCOLLECTED_CASE = {
  kanaName: 'ウケトリ\u3000ワスレコ',
  kanjiName: '受取 忘子',
  birthDate: '1979-05-20',
  sex: 'female' as const,
  address: '見本県窓口市本町3丁目5番地',
  myNumber: '555123456787',
  noticeNumber: 'MD-2025-0901',
  serial: '990000000000091',
  appliedOn: '2025-08-20',
  receivedOn: '2025-10-01',
  reminderOn: '2026-07-01',
  expiry: '2035-05-20',
} as const;

/** What the cases add to the seed's counts. */
export const DATED_RULES_CASES = { residents: 1, applications: 1, cards: 1 } as const;

const at =
  (day: string): Clock =>
  () =>
    new Date(`${day}T01:00:00Z`);

/** Adds the cases in the seed's transaction; returns how many applications and cards it made. */
export async function seedDatedRulesCases(
  tx: Tx,
  cipher: MyNumberCipher,
): Promise<{ readonly residents: number; readonly applications: number; readonly cards: number }> {
  const c = UNCOLLECTED_CASE;
  const residentId = await createResident(
    tx,
    cipher,
    {
      kanaName: c.kanaName,
      kanjiName: c.kanjiName,
      birthDate: parseIsoDate(c.birthDate),
      address: c.address,
      sex: c.sex,
      myNumber: parseMyNumber(c.myNumber),
    },
    at(c.appliedOn),
  );
  const applicationId = await createApplication(
    tx,
    { noticeNumber: c.noticeNumber, residentId, kind: 'new' },
    at(c.appliedOn),
  );
  const cardId = await receiveCard(
    tx,
    { serial: c.serial, applicationId, expiry: c.expiry },
    at(c.receivedOn),
  );
  await setApplicationStatus(tx, applicationId, 'ready', at(c.receivedOn));
  await setNoticeSent(tx, cardId, at(c.receivedOn)().toISOString());
  await setReminderSent(tx, cardId, at(c.reminderOn));
  return DATED_RULES_CASES;
}
