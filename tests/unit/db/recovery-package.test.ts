// The recovery package: the data keys under a passphrase, opened only with it, and only unchanged.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  openRecoveryPackage,
  RECOVERY_KDF_COST,
  recoveryPackageContents,
  RecoveryPackageError,
  sealRecoveryPackage,
  type RecoveryKeys,
} from '../../../main/db/recovery-package';
import { TEST_PACKAGE_KDF_COST } from '../../fixtures/password-cost';

const PASSPHRASE = 'correct horse battery staple 窓口';
/** The smallest cost a package may name: these tests are about the format, not the KDF's price. */
const CHEAP = { createdAt: '2026-11-25T01:00:00.000Z', kdfCost: TEST_PACKAGE_KDF_COST };
const keys: RecoveryKeys = { dataKeys: { 'my-number': randomBytes(32), other: randomBytes(32) } };

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RecoveryPackageError) return e.reason;
    throw e;
  }
  throw new Error('expected a RecoveryPackageError');
}

describe('recovery package', () => {
  it('gives back every key with the passphrase, and says what it holds without it', async () => {
    const text = await sealRecoveryPackage(keys, PASSPHRASE, CHEAP);
    const opened = await openRecoveryPackage(text, PASSPHRASE);
    expect(Object.keys(opened.dataKeys).sort()).toEqual(['my-number', 'other']);
    expect(opened.dataKeys['my-number']?.equals(keys.dataKeys['my-number']!)).toBe(true);
    expect(opened.dataKeys.other?.equals(keys.dataKeys.other!)).toBe(true);
    expect(recoveryPackageContents(text)).toEqual({
      createdAt: CHEAP.createdAt,
      dataKeys: ['my-number', 'other'],
    });
    // No key in clear, in any encoding the file could show it in.
    for (const key of Object.values(keys.dataKeys)) {
      expect(text).not.toContain(key.toString('base64'));
      expect(text).not.toContain(key.toString('hex'));
    }
  });

  it('is sealed with scrypt at the full cost unless a test asks for less', async () => {
    const text = await sealRecoveryPackage(keys, PASSPHRASE, { createdAt: CHEAP.createdAt });
    expect(JSON.parse(text).kdf).toMatchObject({ name: 'scrypt', ...RECOVERY_KDF_COST });
    expect(RECOVERY_KDF_COST.N).toBeGreaterThanOrEqual(2 ** 17);
  });

  it('does not open with another passphrase', async () => {
    const text = await sealRecoveryPackage(keys, PASSPHRASE, CHEAP);
    expect(await reason(openRecoveryPackage(text, 'correct horse battery staple 窓ロ'))).toBe(
      'wrong-passphrase',
    );
  });

  it('reads full-width and half-width typing of the same passphrase alike', async () => {
    const text = await sealRecoveryPackage(keys, 'ｍａｄｏｇｕｃｈｉ－ｒｅｃｏｖｅｒｙ１', CHEAP);
    const opened = await openRecoveryPackage(text, 'madoguchi-recovery1');
    expect(opened.dataKeys['my-number']?.equals(keys.dataKeys['my-number']!)).toBe(true);
  });

  it('refuses a short passphrase before sealing anything', async () => {
    expect(await reason(sealRecoveryPackage(keys, 'short-pass', CHEAP))).toBe('weak-passphrase');
  });

  it('refuses a package whose clear part was changed (a key list, a cheaper cost)', async () => {
    const file = JSON.parse(await sealRecoveryPackage(keys, PASSPHRASE, CHEAP));
    const listed = { ...file, dataKeys: ['my-number'] };
    expect(await reason(openRecoveryPackage(JSON.stringify(listed), PASSPHRASE))).toBe(
      'wrong-passphrase',
    );
    const cheaper = { ...file, kdf: { ...file.kdf, r: 4 } };
    expect(await reason(openRecoveryPackage(JSON.stringify(cheaper), PASSPHRASE))).toBe(
      'wrong-passphrase',
    );
  });

  it('refuses other files, and a cost that would stall the tool, before any work', async () => {
    expect(await reason(openRecoveryPackage('{"format":"something-else"}', PASSPHRASE))).toBe(
      'not-a-package',
    );
    expect(await reason(openRecoveryPackage('not json', PASSPHRASE))).toBe('not-a-package');
    const file = JSON.parse(await sealRecoveryPackage(keys, PASSPHRASE, CHEAP));
    const huge = { ...file, kdf: { ...file.kdf, N: 2 ** 30 } };
    expect(await reason(openRecoveryPackage(JSON.stringify(huge), PASSPHRASE))).toBe('unsupported');
    const weak = { ...file, kdf: { ...file.kdf, N: 2 } };
    expect(await reason(openRecoveryPackage(JSON.stringify(weak), PASSPHRASE))).toBe('unsupported');
  });
});
