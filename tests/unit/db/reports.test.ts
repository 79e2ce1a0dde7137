// The 日報's figures read from the tables: each count takes its window as [start, end).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../main/db/clock';
import { createApplication } from '../../../main/db/repositories/applications';
import { receiveCard, transitionCard } from '../../../main/db/repositories/cards';
import { endProcedure, startProcedure } from '../../../main/db/repositories/journal';
import {
  countCardEvents,
  countCardsInStock,
  countProceduresEnded,
  countProceduresOpenAtEnd,
  feeTotals,
  waiverReasonCounts,
} from '../../../main/db/repositories/reports';
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
const DAY = { start: '2026-11-24T15:00:00.000Z', end: '2026-11-25T15:00:00.000Z' };

describe('日報 figures', () => {
  it('count what falls on the window’s first instant and not what falls on its end', async () => {
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const resident = await addResident(t, 1);
    await t.db.transaction(async (tx) => {
      for (const [n, received] of [
        [1, DAY.start],
        [2, DAY.end],
        [3, '2026-11-24T14:59:59.999Z'],
      ] as const) {
        const app = await createApplication(tx, { noticeNumber: `N-${n}`, residentId: resident });
        const card = await receiveCard(
          tx,
          { serial: String(400000000000000 + n), applicationId: app, expiry: '2035-02-17' },
          at(received),
        );
        if (n === 3) {
          await transitionCard(tx, card, 'prepared');
          await transitionCard(tx, card, 'issued', at('2026-11-25T03:00:00.000Z'));
        }
      }
      const done = await startProcedure(
        tx,
        { kind: 'suspension', operatorId: clerk },
        at(DAY.start),
      );
      await endProcedure(tx, done, 'completed', at('2026-11-25T14:59:59.999Z'));
      const late = await startProcedure(
        tx,
        { kind: 'suspension', operatorId: clerk },
        at(DAY.start),
      );
      await endProcedure(tx, late, 'cancelled', at(DAY.end));
      await startProcedure(tx, { kind: 'suspension', operatorId: clerk }, at(DAY.end));
    });
    expect(await countCardEvents(t.db, 'received', DAY)).toBe(1);
    expect(await countCardEvents(t.db, 'issued', DAY)).toBe(1);
    expect(await countCardEvents(t.db, 'destroyed', DAY)).toBe(0);
    // Card 1 is in stock at the day's end; card 2 arrives at that instant; card 3 was handed over.
    expect(await countCardsInStock(t.db, DAY.end)).toBe(1);
    expect(await countCardsInStock(t.db, '2026-11-25T02:00:00.000Z')).toBe(2);
    expect(await countProceduresEnded(t.db, 'suspension', 'completed', DAY)).toBe(1);
    expect(await countProceduresEnded(t.db, 'suspension', 'cancelled', DAY)).toBe(0);
    // Cancelled at the day's end: still open when the day ended.
    expect(await countProceduresOpenAtEnd(t.db, 'suspension', DAY)).toBe(1);
    expect(await countProceduresOpenAtEnd(t.db, 'issuance', DAY)).toBe(0);
  });

  it('with no fees: zero paid, zero yen, zero waived, no reasons', async () => {
    expect(await feeTotals(t.db, DAY)).toEqual({ paidCount: 0, paidYen: 0, waivedCount: 0 });
    expect(await waiverReasonCounts(t.db, DAY)).toEqual([]);
  });
});
