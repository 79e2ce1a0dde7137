// Searching residents at the counter: by reading, name, birth date, 交付通知書 number, card serial, in pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../main/card/domain';
import { createApplication } from '../../../main/db/repositories/applications';
import { receiveCard } from '../../../main/db/repositories/cards';
import { createResident, kanaKey, searchResidents } from '../../../main/db/repositories/residents';
import { openTestDb, residentInput } from './support/temp-db';
import type { TestDb } from './support/temp-db';

let t: TestDb;
const ids: Record<string, number> = {};

// 45 ヤマダ (family), 3 ヤマモト, 1 kuro; one 山田 born on a different day.
beforeAll(async () => {
  t = await openTestDb();
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < 45; i++) {
      const given = `タロウ${String(i).padStart(2, '0')}`;
      ids[`yamada${i}`] = await createResident(
        tx,
        t.cipher,
        residentInput(i, { kanaName: `ヤマダ ${given}`, kanjiName: `山田\u3000太郎${i}` }),
      );
    }
    for (let i = 0; i < 3; i++) {
      ids[`yamamoto${i}`] = await createResident(
        tx,
        t.cipher,
        residentInput(100 + i, { kanaName: `やまもと はなこ${i}`, kanjiName: '山本\u3000花子' }),
      );
    }
    ids.kuro = await createResident(
      tx,
      t.cipher,
      residentInput(200, {
        kanaName: 'クロキリ ミキヤ',
        kanjiName: '黒桐　幹也',
        birthDate: parseIsoDate('1980-02-17'),
      }),
    );
    ids.other = await createResident(
      tx,
      t.cipher,
      residentInput(201, {
        kanaName: 'ヤマダ ジロウ',
        kanjiName: '山田　次郎',
        birthDate: parseIsoDate('1999-12-31'),
      }),
    );
    const app = await createApplication(tx, {
      noticeNumber: '1322100012345',
      residentId: ids.kuro,
    });
    await receiveCard(tx, { serial: '400000012719843', applicationId: app, expiry: '2035-02-17' });
  });
});
afterAll(() => t.dispose());

describe('resident search', () => {
  it('treats hiragana, katakana, half-width kana and spaces alike', () => {
    expect(kanaKey('やまだ たろう')).toBe('ヤマダタロウ');
    expect(kanaKey('ﾔﾏﾀﾞ　ﾀﾛｳ')).toBe('ヤマダタロウ');
  });

  it('by kana prefix, in pages of the requested size with the total', async () => {
    const first = await searchResidents(t.db, { kanaPrefix: 'やまだ' }, 1, 20);
    expect(first.total).toBe(46);
    expect(first.items).toHaveLength(20);
    expect(first.page).toBe(1);
    expect(first.pageSize).toBe(20);
    const third = await searchResidents(t.db, { kanaPrefix: 'ヤマダ' }, 3, 20);
    expect(third.items).toHaveLength(6);
    const all = [
      ...first.items,
      ...(await searchResidents(t.db, { kanaPrefix: 'ヤマダ' }, 2, 20)).items,
      ...third.items,
    ];
    expect(new Set(all.map((r) => r.id)).size).toBe(46);
    // Sorted by reading: ジロウ before タロウ00.
    expect(all[0]?.id).toBe(ids.other);
    expect(all[1]?.id).toBe(ids.yamada0);
    expect((await searchResidents(t.db, { kanaPrefix: 'ヤマダ' }, 4, 20)).items).toEqual([]);
  });

  it('by a longer kana prefix narrows to the one resident', async () => {
    const r = await searchResidents(t.db, { kanaPrefix: 'ﾔﾏﾀﾞ ﾀﾛｳ07' });
    expect(r.items.map((x) => x.id)).toEqual([ids.yamada7]);
  });

  it('a prefix is not a substring search', async () => {
    expect((await searchResidents(t.db, { kanaPrefix: 'マダ' })).total).toBe(0);
    expect((await searchResidents(t.db, { kanaPrefix: 'ヤマモ' })).total).toBe(3);
  });

  it('by kanji name and birth date together', async () => {
    const r = await searchResidents(t.db, {
      kanjiName: '山田',
      birthDate: parseIsoDate('1999-12-31'),
    });
    expect(r.items.map((x) => x.kanjiName)).toEqual(['山田　次郎']);
    expect((await searchResidents(t.db, { kanjiName: '山田 次郎' })).total).toBe(1);
  });

  it('by birth date alone', async () => {
    expect((await searchResidents(t.db, { birthDate: parseIsoDate('1980-02-17') })).total).toBe(49);
  });

  it('by the number on the 交付通知書 and by card serial', async () => {
    expect(
      (await searchResidents(t.db, { noticeNumber: '1322100012345' })).items.map((r) => r.id),
    ).toEqual([ids.kuro]);
    expect(
      (await searchResidents(t.db, { cardSerial: '400000012719843' })).items.map((r) => r.id),
    ).toEqual([ids.kuro]);
    expect((await searchResidents(t.db, { cardSerial: '400000012719844' })).total).toBe(0);
  });

  it('caps the page size and never returns page 0', async () => {
    const r = await searchResidents(t.db, {}, 0, 10_000);
    expect(r.page).toBe(1);
    expect(r.pageSize).toBe(100);
    expect(r.total).toBe(50);
    expect(r.items).toHaveLength(50);
  });
});
