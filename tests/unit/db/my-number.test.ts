// The 個人番号 at rest: encrypted, found by HMAC, shown masked, unmasked only with an audit row.
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMyNumber } from '../../../main/card/domain';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { openIssuanceDatabase } from '../../../main/db';
import { DuplicateRecordError } from '../../../main/db/errors';
import { FileKeyProtector, KeyFileError } from '../../../main/db/key-protector';
import {
  MyNumberCipher,
  MyNumberDecryptError,
  maskMyNumber,
  openMyNumberCipher,
} from '../../../main/db/my-number-crypto';
import { searchAudit } from '../../../main/db/repositories/audit';
import {
  findResidentByMyNumber,
  getResidentWithMaskedNumber,
  revealMyNumber,
} from '../../../main/db/repositories/residents';
import { addOperator, addResident, makeTempDir, myNumberFrom, openTestDb } from './support/temp-db';
import type { TestDb } from './support/temp-db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function testDb(): Promise<TestDb> {
  const t = await openTestDb();
  cleanups.push(() => t.dispose());
  return t;
}

const KUROKIRI = parseMyNumber('537686677188');

describe('個人番号: masking', () => {
  it('shows only the last four digits', () => {
    expect(maskMyNumber('537686677188')).toBe('**** **** 7188');
  });
});

describe('個人番号: encryption', () => {
  it('round-trips, with a fresh IV each time', () => {
    const cipher = new MyNumberCipher(Buffer.alloc(32, 7));
    const a = cipher.encrypt(KUROKIRI);
    const b = cipher.encrypt(KUROKIRI);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('537686677188');
    expect(cipher.decrypt(a)).toBe(KUROKIRI);
    expect(cipher.decrypt(b)).toBe(KUROKIRI);
  });

  it('refuses a changed ciphertext or a different key', () => {
    const cipher = new MyNumberCipher(Buffer.alloc(32, 7));
    const blob = cipher.encrypt(KUROKIRI);
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(flipped)).toThrow(MyNumberDecryptError);
    expect(() => new MyNumberCipher(Buffer.alloc(32, 8)).decrypt(blob)).toThrow(
      MyNumberDecryptError,
    );
  });

  it('gives the same HMAC for the same number and a different one for another number', () => {
    const cipher = new MyNumberCipher(Buffer.alloc(32, 7));
    expect(cipher.lookupHmac(KUROKIRI).equals(cipher.lookupHmac(KUROKIRI))).toBe(true);
    expect(cipher.lookupHmac(KUROKIRI).equals(cipher.lookupHmac(myNumberFrom('12345678901')))).toBe(
      false,
    );
    // The lookup column is keyed: without the key it cannot be recomputed from the number.
    expect(
      new MyNumberCipher(Buffer.alloc(32, 8))
        .lookupHmac(KUROKIRI)
        .equals(cipher.lookupHmac(KUROKIRI)),
    ).toBe(false);
  });

  it('finds a resident by exact number, refuses a second resident with the same number', async () => {
    const t = await testDb();
    const id = await addResident(t, 0, { myNumber: KUROKIRI, kanjiName: '黒桐　幹也' });
    await addResident(t, 1);
    expect((await findResidentByMyNumber(t.db, t.cipher, KUROKIRI))?.id).toBe(id);
    expect(
      await findResidentByMyNumber(t.db, t.cipher, myNumberFrom('99999999999')),
    ).toBeUndefined();
    await expect(addResident(t, 2, { myNumber: KUROKIRI })).rejects.toBeInstanceOf(
      DuplicateRecordError,
    );
    expect((await getResidentWithMaskedNumber(t.db, t.cipher, id)).myNumberMasked).toBe(
      '**** **** 7188',
    );
  });

  it('leaves no clear 12-digit number anywhere in the database files', async () => {
    const t = await testDb();
    const numbers = Array.from({ length: 50 }, (_, i) => myNumberFrom(String(53768667700 + i)));
    for (const [i, n] of numbers.entries()) await addResident(t, i, { myNumber: n });
    const inFlight = readdirSync(t.dir).filter((f) => f.startsWith('issuance.sqlite'));
    expect(inFlight).toContain('issuance.sqlite-wal');
    const scan = () =>
      readdirSync(t.dir)
        .filter((f) => f.startsWith('issuance.sqlite'))
        .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
        .join('\n');
    for (const text of [scan(), await t.db.close().then(scan)]) {
      for (const n of numbers) {
        expect(text.includes(n)).toBe(false);
        expect(text.includes(Buffer.from(n, 'utf16le').toString('latin1'))).toBe(false);
      }
      expect(/\d{12}/.test(text)).toBe(false);
    }
  });

  it('unmasking needs an operator and is audited before the number is handed out', async () => {
    const t = await testDb();
    const clerk = await addOperator(t, 'tanaka', 'clerk');
    const id = await addResident(t, 0, { myNumber: KUROKIRI });
    const shown = await revealMyNumber(t.db, t.cipher, {
      residentId: id,
      operatorId: clerk,
      purpose: 'number-change',
    });
    expect(shown).toBe(KUROKIRI);
    const audit = await searchAudit(t.db, { action: 'resident.my-number-revealed' });
    expect(audit.items.map((r) => [r.operatorId, r.residentId, r.details])).toEqual([
      [clerk, id, '{"purpose":"number-change"}'],
    ]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 1 });
    // An operator id that does not exist cannot be audited, so nothing is revealed.
    await expect(
      revealMyNumber(t.db, t.cipher, { residentId: id, operatorId: 999, purpose: 'x' }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect((await searchAudit(t.db, {})).total).toBe(1);
  });
});

describe('個人番号: the data key', () => {
  it('is stored wrapped and survives a restart with the same key file', async () => {
    const t = await testDb();
    const id = await addResident(t, 0, { myNumber: KUROKIRI });
    await t.db.close();
    const db = await openIssuanceDatabase(t.path, { mode: 'production' });
    cleanups.push(() => db.close());
    const cipher = await openMyNumberCipher(db, new FileKeyProtector(join(t.dir, 'data.key')));
    expect((await getResidentWithMaskedNumber(db, cipher, id)).myNumberMasked).toBe(
      '**** **** 7188',
    );
  });

  it('cannot be unwrapped with another key file', async () => {
    const t = await testDb();
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    await expect(
      openMyNumberCipher(t.db, new FileKeyProtector(join(dir, 'other.key'))),
    ).rejects.toBeInstanceOf(KeyFileError);
  });

  it('key file is created with mode 0600', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'new.key');
    new FileKeyProtector(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path)).toHaveLength(32);
  });

  it('refuses a key file that group or others may read', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'loose.key');
    const original = new FileKeyProtector(path);
    const wrapped = original.protect(Buffer.alloc(32, 1));
    chmodSync(path, 0o644);
    expect(() => new FileKeyProtector(path)).toThrow(KeyFileError);
    chmodSync(path, 0o600);
    expect(new FileKeyProtector(path).unprotect(wrapped).equals(Buffer.alloc(32, 1))).toBe(true);
  });
});
