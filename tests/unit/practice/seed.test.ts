// The practice seed: loaded once into a practice database, matching the simulated card presets.
import { SEEDED_VISIT_AUDIT_ROWS } from '../../../main/practice/representative-cases';
import { DATED_RULES_CASES } from '../../../main/practice/seed-dated-rules';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { nthBirthdayAfter } from '../../../main/authority/jpki-profile';
import { ageOn } from '../../../preload/contract/rules/age';
import {
  isValidMyNumber,
  parseIsoDate,
  parseMyNumber,
  parseSexCode,
} from '../../../main/card/domain';
import { parseCertificate } from '../../../main/card/apps/jpki';
import { PRESET_IDS, loadPreset, presetData } from '../../../main/card/sim/presets';
import type { PresetId } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import type { Db } from '../../../main/db/connection';
import { DbModeMismatchError } from '../../../main/db/errors';
import type { MyNumberCipher } from '../../../main/db/my-number-crypto';
import {
  findApplicationByNotice,
  listApplicationsOfResident,
} from '../../../main/db/repositories/applications';
import { readAuditRows } from '../../../main/db/repositories/audit';
import { findOpenSuspension } from '../../../main/db/repositories/card-events';
import { findCardBySerial, listCardsOfResident } from '../../../main/db/repositories/cards';
import { listCertificatesOfCard } from '../../../main/db/repositories/certificates';
import { countOperators, listOperators } from '../../../main/db/repositories/operators';
import {
  findResidentByMyNumber,
  getResidentWithMaskedNumber,
  searchResidents,
} from '../../../main/db/repositories/residents';
import {
  PracticeSeedRefusedError,
  practiceSeed,
  seedPracticeDatabase,
} from '../../../main/practice/seed';
import { CRL_REASON_OF } from '../../../preload/contract/rules/reasons';
import { readTlvFile, selectApp, selectEf, verify } from '../sim/sim-helpers';
import { bytesOnDisk, checkLogin, makeTempDir, openWithCipher } from './practice-db';
import type { TempDir } from './practice-db';
import { testHasher } from '../../fixtures/password-cost';

const seed = practiceSeed();
const NOW = new Date('2026-11-25T00:30:00.000Z');
const clock = () => NOW;
const REFERENCE = '2026-11-25';

let t: TempDir;
let path: string;
let db: Db;
let cipher: MyNumberCipher;

beforeEach(async () => {
  t = makeTempDir();
  path = join(t.dir, 'practice.sqlite');
  ({ db, cipher } = await openWithCipher(path, 'practice', t));
});
afterEach(async () => {
  await db.close().catch(() => undefined);
  t.cleanup();
});

const cardPresets = PRESET_IDS.map((id) => presetData(id)).flatMap((p) =>
  p.profile === 'my-number' && p.holder.municipalityCode === '99999' ? [p] : [],
);

/** The one preset whose holder moved after the card was issued (signing-only renewal practice). */
const MOVED_TO = '見本県窓口市桜町８－８－８';
const addressOnRecord = (id: string, onCard: string): string =>
  id === 'moved' ? MOVED_TO : onCard;

describe('the seed file', () => {
  it('says it is fictional and describes the fictional town of the presets', () => {
    expect(seed.$comment).toMatch(/fictional/);
    expect(seed.$comment).toMatch(/架空/);
    expect(seed.municipality.code).toBe('99999');
    for (const r of seed.residents) expect(r.address.startsWith('見本県窓口市')).toBe(true);
  });

  it('holds about 30 residents with names, full-width addresses and valid 個人番号', () => {
    expect(seed.residents.length).toBeGreaterThanOrEqual(28);
    expect(seed.residents.length).toBeLessThanOrEqual(40);
    const numbers = new Set(seed.residents.map((r) => r.myNumber));
    expect(numbers.size).toBe(seed.residents.length);
    for (const r of seed.residents) {
      expect(isValidMyNumber(r.myNumber), r.kanjiName).toBe(true);
      expect(r.address, r.kanjiName).not.toMatch(/[0-9]/);
      expect(r.address, r.kanjiName).toMatch(/[０-９]/);
      if (!r.foreign) expect(r.kanjiName, r.kanaName).toMatch(/^\S+\u3000\S+$/);
      expect(r.kanaName).toMatch(/^[ァ-ヶー]+(\u3000[ァ-ヶー]+)+$/);
    }
  });

  it('spans the ages: several under 15 and a few over 80 on 2026-11-25, born in 昭和 and 平成', () => {
    const ages = seed.residents.map((r) => ageOn(r.birthDate, REFERENCE));
    expect(ages.filter((a) => a < 15).length).toBeGreaterThanOrEqual(4);
    expect(ages.filter((a) => a > 80).length).toBeGreaterThanOrEqual(3);
    const births = seed.residents.map((r) => r.birthDate);
    // 昭和: 1926-12-25 to 1989-01-07; 平成: 1989-01-08 to 2019-04-30.
    expect(births.filter((b) => b >= '1926-12-25' && b <= '1989-01-07').length).toBeGreaterThan(5);
    expect(births.filter((b) => b >= '1989-01-08' && b <= '2019-04-30').length).toBeGreaterThan(5);
    expect(births).toContain('1989-01-07');
    expect(births).toContain('1989-01-08');
  });

  it('includes foreign residents named as on the 在留カード, with kana readings', () => {
    const foreign = seed.residents.filter((r) => r.foreign);
    expect(foreign.length).toBeGreaterThanOrEqual(3);
    const alphabetic = foreign.filter((r) => /^[A-Z]+( [A-Z]+)+$/.test(r.kanjiName));
    expect(alphabetic.map((r) => r.kanjiName)).toContain('SMITH JOHN');
    expect(seed.residents.find((r) => r.kanjiName === 'SMITH JOHN')?.kanaName).toBe(
      'スミス\u3000ジョン',
    );
    expect(foreign.some((r) => ageOn(r.birthDate, REFERENCE) < 15)).toBe(true);
  });

  it('dates every card expiry by docs/card.md: 10th birthday after issue at 18 or older, else the 5th', () => {
    const cards = seed.residents.flatMap((r) =>
      r.applications.flatMap((a) => (a.card ? [{ r, card: a.card }] : [])),
    );
    expect(cards.length).toBeGreaterThan(15);
    for (const { r, card } of cards) {
      const n = ageOn(r.birthDate, card.validFrom) >= 18 ? 10 : 5;
      expect(card.expiry, card.serial).toBe(nthBirthdayAfter(r.birthDate, card.validFrom, n));
    }
    // Both rules are used.
    expect(cards.some(({ r, card }) => ageOn(r.birthDate, card.validFrom) < 18)).toBe(true);
  });

  it('moved: the resident record has the new address, the card still the old one', () => {
    const moved = cardPresets.find((p) => p.id === 'moved')!;
    const r = seed.residents.find((x) => x.preset === 'moved')!;
    expect(r.address).toBe(MOVED_TO);
    expect(moved.holder.address).not.toBe(MOVED_TO);
  });

  it('holds the holder of every simulated card of the town with the same facts', () => {
    expect(cardPresets.length).toBeGreaterThanOrEqual(8);
    for (const p of cardPresets) {
      const r = seed.residents.find((x) => x.preset === p.id);
      expect(r, p.id).toBeDefined();
      const card = r?.applications.find((a) => a.card?.serial === p.holder.serial)?.card;
      expect({
        name: r?.kanjiName,
        address: r?.address,
        birthDate: r?.birthDate,
        sex: r?.sex,
        myNumber: r?.myNumber,
        serial: card?.serial,
        expiry: card?.expiry,
        validFrom: card?.validFrom,
      }).toEqual({
        name: p.holder.name,
        address: addressOnRecord(p.id, p.holder.address),
        birthDate: p.holder.birthDate,
        sex: parseSexCode(p.holder.sex),
        myNumber: p.holder.myNumber,
        serial: p.holder.serial,
        expiry: p.holder.cardExpiry,
        validFrom: p.issuedOn,
      });
    }
  });

  it('publishes five practice accounts, one per role and two clerks, with passwords of 8+ characters', () => {
    expect(seed.operators.map((o) => [o.loginId, o.role]).sort()).toEqual(
      [
        ['kanri', 'admin'],
        ['kenshu', 'trainer'],
        ['renshu01', 'clerk'],
        ['renshu02', 'clerk'],
        ['sekinin', 'supervisor'],
      ].sort(),
    );
    for (const o of seed.operators) expect(o.password.length).toBeGreaterThanOrEqual(8);
  });
});

describe('seedPracticeDatabase', () => {
  it('loads everything once and counts match the file', async () => {
    const summary = await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const applications = seed.residents.flatMap((r) => r.applications);
    expect(summary.residents).toBe(seed.residents.length + DATED_RULES_CASES.residents);
    expect(summary.applications).toBe(applications.length + DATED_RULES_CASES.applications);
    expect(summary.cards).toBe(applications.filter((a) => a.card).length + DATED_RULES_CASES.cards);
    expect((await searchResidents(db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents,
    );
    expect(await countOperators(db)).toBe(seed.operators.length);
    expect(await db.get<{ n: number }>('SELECT count(*) AS n FROM card_applications')).toEqual({
      n: applications.length + DATED_RULES_CASES.applications,
    });
    expect(await db.get<{ n: number }>('SELECT count(*) AS n FROM cards')).toEqual({
      n: summary.cards,
    });
    // Applications waiting: some for their card, some with the card in stock.
    const statuses = await db.all<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM card_applications GROUP BY status ORDER BY status',
    );
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(byStatus['pending']).toBeGreaterThanOrEqual(5);
    expect(byStatus['ready']).toBeGreaterThanOrEqual(8);
    const states = await db.all<{ state: string }>(
      'SELECT DISTINCT state FROM cards ORDER BY state',
    );
    expect(states.map((s) => s.state)).toEqual([
      'issued',
      'prepared',
      'received',
      'suspended',
      'terminated',
    ]);
    // The operators, the seed itself, and the practice 代理人交付's first visit.
    expect(await verifyAuditChain(db)).toEqual({
      ok: true,
      rows: seed.operators.length + 1 + SEEDED_VISIT_AUDIT_ROWS,
    });
  });

  it('stores every 個人番号 encrypted: each found by its number, none in clear in the file', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    for (const r of seed.residents) {
      const found = await findResidentByMyNumber(db, cipher, parseMyNumber(r.myNumber));
      expect(found?.kanjiName, r.kanjiName).toBe(r.kanjiName);
      const masked = await getResidentWithMaskedNumber(db, cipher, found?.id ?? 0);
      expect(masked.myNumberMasked).toBe(`**** **** ${r.myNumber.slice(8)}`);
    }
    await db.close();
    const bytes = bytesOnDisk(path);
    expect(bytes.length).toBeGreaterThan(10_000);
    // The names are there in clear (proof the bytes were read); the numbers are not, in any encoding.
    expect(bytes.includes(Buffer.from('窓口　花子', 'utf8'))).toBe(true);
    for (const r of seed.residents) {
      expect(bytes.includes(Buffer.from(r.myNumber, 'ascii')), r.kanjiName).toBe(false);
      expect(bytes.includes(Buffer.from(r.myNumber, 'utf16le')), r.kanjiName).toBe(false);
    }
    expect(/(?<![0-9])[0-9]{12}(?![0-9])/.test(bytes.toString('latin1'))).toBe(false);
  });

  it('lets a trainee find the holder of each preset card by serial and by kana, with the card in its state', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const expectedState: Record<string, string> = {
      prepared: 'prepared',
      suspended: 'suspended',
      terminated: 'terminated',
    };
    for (const p of cardPresets) {
      const bySerial = await searchResidents(db, { cardSerial: p.holder.serial });
      expect(
        bySerial.items.map((r) => r.kanjiName),
        p.id,
      ).toEqual([p.holder.name]);
      const resident = bySerial.items[0];
      const seeded = seed.residents.find((r) => r.preset === p.id);
      const kanaPrefix = (seeded?.kanaName ?? '').split('\u3000')[0] ?? '';
      expect(kanaPrefix.length).toBeGreaterThan(1);
      // Hiragana typed at the counter finds the katakana record.
      const hiragana = kanaPrefix.replace(/[ァ-ヶ]/g, (c) =>
        String.fromCharCode(c.charCodeAt(0) - 0x60),
      );
      const byKana = await searchResidents(db, {
        kanaPrefix: hiragana,
        birthDate: parseIsoDate(p.holder.birthDate),
      });
      expect(byKana.items.map((r) => r.id)).toEqual([resident?.id]);
      expect(resident?.address).toBe(addressOnRecord(p.id, p.holder.address));
      const card = await findCardBySerial(db, p.holder.serial);
      expect(card?.state, p.id).toBe(expectedState[p.id] ?? 'issued');
      expect(card?.expiry).toBe(p.holder.cardExpiry);
      expect(card?.residentId).toBe(resident?.id);
    }
  });

  it("finds the application of the 'prepared' card ready for issuance", async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const p = presetData('prepared');
    if (p.profile !== 'my-number') throw new Error('prepared preset is a My Number Card');
    const card = await findCardBySerial(db, p.holder.serial);
    const apps = await listApplicationsOfResident(db, card?.residentId ?? 0);
    expect(apps).toHaveLength(1);
    expect(apps[0]?.status).toBe('ready');
    expect(apps[0]?.id).toBe(card?.applicationId);
    const notice = seed.residents.find((r) => r.preset === 'prepared')?.applications[0]
      ?.noticeNumber;
    // The 交付通知書 number, typed in full-width digits, finds it too.
    const typed = (notice ?? '').replace(/[0-9]/g, (d) =>
      String.fromCharCode(d.charCodeAt(0) + 0xfee0),
    );
    expect((await findApplicationByNotice(db, typed))?.id).toBe(apps[0]?.id);
    expect((await searchResidents(db, { noticeNumber: notice ?? '' })).items[0]?.id).toBe(
      card?.residentId,
    );
  });

  it('records the suspension and the approved revocation of the preset cards', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    for (const id of ['suspended', 'terminated'] as const) {
      const p = presetData(id);
      if (p.profile !== 'my-number') throw new Error('a My Number Card preset');
      const card = await findCardBySerial(db, p.holder.serial);
      if (id === 'suspended') {
        expect((await findOpenSuspension(db, card?.id ?? 0))?.reportedBy).toBe('callcentre');
      } else {
        expect(card?.terminatedAt).toMatch(/^2026-09-30T/);
        const rev = await db.get<{ reason: string; requester: number; approver: number }>(
          `SELECT r.reason, a.requester_id AS requester, a.approver_id AS approver
             FROM revocations r JOIN approvals a ON a.id = r.approval_id WHERE r.card_id = ?`,
          [card?.id ?? 0],
        );
        expect(rev?.reason).toBe('lost');
        expect(rev?.requester).not.toBe(rev?.approver);
      }
    }
  });

  it('records the certificates each preset card holds, in the state of its card', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const withCertificates = seed.residents.filter(
      (r) => r.preset !== undefined && r.preset !== 'tampered' && r.preset !== 'prepared',
    );
    expect(withCertificates.length).toBeGreaterThanOrEqual(7);
    for (const r of withCertificates) {
      const id = r.preset as PresetId;
      const p = presetData(id);
      if (p.profile !== 'my-number') throw new Error('a My Number Card preset');
      const onCard = await certificatesOnPresetCard(id);
      const card = await findCardBySerial(db, p.holder.serial);
      const rows = await listCertificatesOfCard(db, card?.id ?? 0);
      const expected = onCard.map((c) => {
        const status =
          card?.state === 'suspended'
            ? 'on_hold'
            : card?.state === 'terminated'
              ? 'revoked'
              : c.notAfter.getTime() < Date.parse(`${REFERENCE}T00:00:00+09:00`)
                ? 'expired'
                : 'issued';
        return {
          kind: c.kind,
          serial: c.serialHex.toLowerCase(),
          notBefore: c.notBefore.toISOString(),
          notAfter: c.notAfter.toISOString(),
          status,
        };
      });
      expect(
        rows.map(({ kind, serial, notBefore, notAfter, status }) => ({
          kind,
          serial,
          notBefore,
          notAfter,
          status,
        })),
        id,
      ).toEqual(expected);
    }
    const statusOf = async (id: PresetId) => {
      const p = presetData(id);
      if (p.profile !== 'my-number') throw new Error('a My Number Card preset');
      const card = await findCardBySerial(db, p.holder.serial);
      return listCertificatesOfCard(db, card?.id ?? 0);
    };
    // The states the practice procedures start from: held, revoked as lost, expired, live.
    expect((await statusOf('suspended')).map((c) => c.status)).toEqual(['on_hold', 'on_hold']);
    expect((await statusOf('terminated')).map((c) => c.revocationReason)).toEqual([
      CRL_REASON_OF.lost,
      CRL_REASON_OF.lost,
    ]);
    expect((await statusOf('cert-expired')).map((c) => c.status)).toEqual(['expired', 'expired']);
    expect((await statusOf('issued')).map((c) => c.status)).toEqual(['issued', 'issued']);
    expect((await statusOf('minor')).map((c) => c.kind)).toEqual(['auth']);
    expect(await statusOf('prepared')).toEqual([]);
    // A tampered chip answers nothing, so its certificates cannot be read back: only counted.
    expect((await statusOf('tampered')).map((c) => c.kind)).toEqual(['signing', 'auth']);
  }, 60_000);

  it('has under-15 residents with cards for 5 years and foreign residents findable by kana', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const all = (await searchResidents(db, {}, 1, 100)).items;
    const under15 = all.filter((r) => ageOn(r.birthDate, REFERENCE) < 15);
    expect(under15.length).toBeGreaterThanOrEqual(4);
    const minorCards = (
      await Promise.all(under15.map((r) => listCardsOfResident(db, r.id)))
    ).flat();
    expect(minorCards.length).toBeGreaterThanOrEqual(3);
    for (const c of minorCards) {
      const r = under15.find((x) => x.id === c.residentId);
      expect(Number(c.expiry.slice(0, 4)) - Number(r?.birthDate.slice(0, 4))).toBeLessThan(20);
    }
    const smith = await searchResidents(db, { kanaPrefix: 'すみす' });
    expect(smith.items.map((r) => r.kanjiName)).toEqual(['SMITH JOHN']);
    const nguyen = await searchResidents(db, { kanjiName: 'NGUYEN' });
    expect(nguyen.items[0]?.kanaName).toBe('グエン\u3000ティ\u3000ラン');
  });

  it('creates the practice accounts, which log in with their published passwords', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    const listed = await listOperators(db);
    expect(listed.map((o) => o.loginId).sort()).toEqual(
      ['kanri', 'kenshu', 'renshu01', 'renshu02', 'sekinin'].sort(),
    );
    for (const o of seed.operators) {
      const ok = await checkLogin(db, o.loginId, o.password, clock);
      expect(ok.ok, o.loginId).toBe(true);
      if (ok.ok) expect(ok.operator.role).toBe(o.role);
    }
    const wrong = await checkLogin(db, 'kenshu', 'renshu01-2026', clock);
    expect(wrong).toMatchObject({ ok: false, reason: 'invalid' });
    // No password appears in the audit trail of the seeding.
    const rows = await readAuditRows(db, 0, 100);
    for (const o of seed.operators) {
      expect(rows.some((r) => r.details.includes(o.password))).toBe(false);
    }
  });

  it('refuses a second load and leaves the first intact', async () => {
    await seedPracticeDatabase(db, cipher, clock, { hasher: testHasher });
    await expect(
      seedPracticeDatabase(db, cipher, clock, { hasher: testHasher }),
    ).rejects.toBeInstanceOf(PracticeSeedRefusedError);
    expect((await searchResidents(db, {}, 1, 1)).total).toBe(
      seed.residents.length + DATED_RULES_CASES.residents,
    );
    expect(await countOperators(db)).toBe(seed.operators.length);
  });

  it('never puts practice accounts into a production database', async () => {
    const prodPath = join(t.dir, 'production.sqlite');
    const prod = await openWithCipher(prodPath, 'production', t);
    try {
      await expect(seedPracticeDatabase(prod.db, prod.cipher, clock)).rejects.toBeInstanceOf(
        DbModeMismatchError,
      );
      expect(await countOperators(prod.db)).toBe(0);
      expect((await searchResidents(prod.db, {}, 1, 1)).total).toBe(0);
    } finally {
      await prod.db.close();
    }
  });
});

/**
 * The certificates written on a fresh preset card, read as a client reads them. Before the card
 * leaves the factory its signing password is given all its tries and its chip made active, so
 * the locked and terminated presets can be read too; the files themselves are untouched.
 */
async function certificatesOnPresetCard(id: PresetId) {
  const p = presetData(id);
  if (p.profile !== 'my-number') throw new Error('a My Number Card preset');
  const card: SimCard = await loadPreset(id, { timing: false });
  const password = p.secrets.signingPassword?.value;
  if (password !== undefined) card.manufactureSecret('jpki-sign', password);
  card.manufactureChipState('active');
  card.powerOn();
  expect(await selectApp(card, 'jpki')).toBe('9000');
  const out = [];
  if (p.certificates.sign && password !== undefined) {
    await selectEf(card, 0x001b);
    expect(await verify(card, password)).toBe('9000');
    await selectEf(card, 0x0001);
    out.push(await parseCertificate(await readTlvFile(card), 'signing'));
  }
  if (p.certificates.auth) {
    await selectEf(card, 0x000a);
    out.push(await parseCertificate(await readTlvFile(card), 'auth'));
  }
  return out;
}
