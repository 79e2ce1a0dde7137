// Practice: 代理人交付 at each of its two visits. Two residents aged 80 whose child comes instead:
// 大森ウメ's representative comes for the first visit today; 小川正男's first visit was six days
// ago, and the 照会書 (its number below) comes back today answered.
import { inquiryValidUntil } from '../../preload/contract/rules/documents';
import { japanDate } from '../../preload/contract/rules/validity';
import { appendAudit } from '../audit/audit-log';
import { myNumberCheckDigit } from '../card/domain';
import type { Details } from '../audit/details-guard';
import type { Clock } from '../db/clock';
import type { Tx } from '../db/connection';
import { findApplicationByNotice } from '../db/repositories/applications';
import { findCardOfApplication } from '../db/repositories/cards';
import { recordStep, startProcedure } from '../db/repositories/journal';
import { newProcedureId } from '../workflows/procedure/journal';
import type { DeliveryRequestRow } from '../workflows/steps/delivery';

const myNumber = (first11: string) => `${first11}${myNumberCheckDigit(first11)}`;

/** The two residents, in the seed's own form (main/practice/seed.ts validates them with it). */
export const REPRESENTATIVE_RESIDENTS = [
  {
    kanaName: 'オオモリ　ウメ',
    kanjiName: '大森　ウメ',
    birthDate: '1946-04-10',
    sex: 'female' as const,
    address: '見本県窓口市桜町６－１－２',
    myNumber: myNumber('40516029374'),
    note: '80歳。足が不自由で来庁できず、長男の大森健一さんが代理人として来庁（1回目）',
    applications: [
      {
        noticeNumber: 'MD-2026-0601',
        kind: 'new' as const,
        appliedOn: '2026-07-14',
        status: 'ready' as const,
        card: {
          serial: '990000000000601',
          state: 'received' as const,
          validFrom: '2026-11-02',
          expiry: '2036-04-10',
          receivedOn: '2026-11-17',
        },
      },
    ],
  },
  {
    kanaName: 'オガワ　マサオ',
    kanjiName: '小川　正男',
    birthDate: '1946-08-30',
    sex: 'male' as const,
    address: '見本県窓口市桜町６－３－４',
    myNumber: myNumber('40516029385'),
    note: '80歳。長女の小川由紀さんが代理人。照会書を持って2回目の来庁',
    applications: [
      {
        noticeNumber: 'MD-2026-0602',
        kind: 'new' as const,
        appliedOn: '2026-07-20',
        status: 'ready' as const,
        card: {
          serial: '990000000000602',
          state: 'received' as const,
          validFrom: '2026-11-02',
          expiry: '2036-08-30',
          receivedOn: '2026-11-17',
        },
      },
    ],
  },
];

/** 小川正男's first visit, as the counter recorded it. */
export const RETURNED_INQUIRY = {
  noticeNumber: 'MD-2026-0602',
  representative: { name: '小川　由紀', relation: 'child', kinds: ['driving-licence', 'passport'] },
  reason: 'age-75',
  /** Days before the seed's clock the first visit was. */
  daysAgo: 6,
  /** The 照会書's number, as printed on it (the practice run types it back). */
  number: (sentOn: string) => `SK-${sentOn.slice(0, 4)}-060201`,
} as const;

/** The audit rows the seeded first visit adds (its start and its request). */
export const SEEDED_VISIT_AUDIT_ROWS = 2;

/**
 * The first visit of 小川正男's 代理人交付, journaled as the counter writes it (started, then the
 * request), by the practice clerk, six days before `clock`: the procedure waits for its reply.
 */
export async function seedRepresentativeVisits(
  tx: Tx,
  operatorId: number,
  clock: Clock,
): Promise<void> {
  const at = new Date(clock().getTime() - RETURNED_INQUIRY.daysAgo * 86_400_000);
  const on = () => at;
  const app = await findApplicationByNotice(tx, RETURNED_INQUIRY.noticeNumber);
  const card = app && (await findCardOfApplication(tx, app.id));
  if (!app || !card) throw new Error(`practice: no card for ${RETURNED_INQUIRY.noticeNumber}`);
  const sentOn = japanDate(at);
  const request: DeliveryRequestRow = {
    reason: RETURNED_INQUIRY.reason,
    representative: {
      name: RETURNED_INQUIRY.representative.name,
      relation: RETURNED_INQUIRY.representative.relation,
      kinds: [...RETURNED_INQUIRY.representative.kinds],
    },
    inquiryNumber: RETURNED_INQUIRY.number(sentOn),
    sentOn,
    validUntil: inquiryValidUntil(sentOn),
  };
  const id = newProcedureId('dai');
  const base = { residentId: app.residentId, cardId: card.id };
  await startProcedure(
    tx,
    { id, kind: 'representative', operatorId, ...base, applicationId: app.id },
    on,
  );
  const rows: readonly { step: string; data: Details; audit: Details }[] = [
    { step: 'started', data: { under15: false }, audit: { notice: app.noticeNumber } },
    {
      step: 'request',
      data: request as unknown as Details,
      audit: {
        reason: request.reason,
        relation: request.representative.relation,
        kinds: [...request.representative.kinds],
        inquiry: request.inquiryNumber,
        validUntil: request.validUntil,
      },
    },
  ];
  for (const row of rows) {
    await recordStep(
      tx,
      { procedureId: id, step: row.step, status: 'completed', operatorId, data: row.data },
      on,
    );
    await appendAudit(
      tx,
      {
        operatorId,
        action: `representative.${row.step}`,
        ...base,
        details: { procedure: id, ...row.audit },
      },
      on,
    );
  }
}
