// Practice residents for the card's kind and facts, beside the main seed: 笑顔 和子, whose card was
// switched to 顔認証 (no PIN, no signing certificate) and can be switched back; 転居 健 of the main
// seed is the resident who moved since his card was issued (券面記載事項の変更).
import type { Tx } from '../db/connection';
import type { Clock } from '../db/clock';
import { findCardBySerial } from '../db/repositories/cards';
import { endProcedure, recordStep, startProcedure } from '../db/repositories/journal';

const FACE_AUTH_SERIAL = '990000000000041';
/** The day her card was switched to 顔認証 at the counter. */
const SWITCHED_ON = '2024-05-10';

/** In the seed file's form; main/practice/seed.ts validates them as it validates the file. */
export const CARD_KIND_RESIDENTS: readonly unknown[] = [
  {
    kanaName: 'エガオ\u3000カズコ',
    kanjiName: '笑顔\u3000和子',
    birthDate: '1948-03-15',
    sex: 'female',
    address: '見本県窓口市梅町２－２－２',
    myNumber: '777123456011',
    preset: 'face-auth',
    note: '顔認証マイナンバーカード（暗証番号・署名用電子証明書なし）。通常のカードへの切替の練習に',
    applications: [
      {
        noticeNumber: 'MD-2024-0041',
        kind: 'new',
        appliedOn: '2024-03-01',
        status: 'issued',
        card: {
          serial: FACE_AUTH_SERIAL,
          state: 'issued',
          validFrom: SWITCHED_ON,
          expiry: '2034-03-15',
          receivedOn: '2024-04-22',
          preparedOn: '2024-04-22',
          issuedOn: SWITCHED_ON,
        },
      },
    ],
  },
];

/**
 * What the records hold of the switch to 顔認証: a completed switch of kind on her card (the card's
 * kind is read from the last one), done by a practice clerk the day it was issued.
 */
export async function seedCardKinds(
  tx: Tx,
  operatorId: (login: string) => number,
  onDate: (date: string) => Clock,
): Promise<void> {
  const card = await findCardBySerial(tx, FACE_AUTH_SERIAL);
  if (!card) throw new Error(`seed card ${FACE_AUTH_SERIAL} is missing`);
  const clock = onDate(SWITCHED_ON);
  const clerk = operatorId('renshu01');
  const id = await startProcedure(
    tx,
    { kind: 'card-kind', operatorId: clerk, residentId: card.residentId, cardId: card.id },
    clock,
  );
  const row = (step: string, data: Record<string, string | number | boolean>) =>
    recordStep(tx, { procedureId: id, step, status: 'completed', operatorId: clerk, data }, clock);
  await row('started', { under15: false, to: 'face-auth' });
  await row('kind-switched', { to: 'face-auth', revoked: 0 });
  await endProcedure(tx, id, 'completed', clock);
}
