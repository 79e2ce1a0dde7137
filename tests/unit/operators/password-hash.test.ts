// Operator password hashes: scrypt at N=2^17, r=8, p=1 in the app, salted, and the cost read from each hash.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseMachineConfig } from '../../../main/config/config';
import {
  createPasswordHasher,
  PasswordPolicyError,
  PRODUCTION_SCRYPT_COST,
} from '../../../main/operators/password-hash';
import { TEST_SCRYPT_COST, testHasher } from '../../fixtures/password-cost';

const PASSWORD = 'correct horse 7';

describe('the production cost', () => {
  it('is scrypt N=2^17, r=8, p=1, and a hasher made without a cost uses it', async () => {
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const hasher = createPasswordHasher();
    expect(hasher.cost).toEqual(PRODUCTION_SCRYPT_COST);
    // One real hash at that cost (128 MiB, a few tenths of a second on a quiet machine).
    const stored = await hasher.hash(PASSWORD);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await hasher.check(stored, PASSWORD)).toEqual({ ok: true, outdated: false });
  }, 30_000);

  it('cannot be lowered by the machine configuration', () => {
    const cheap = JSON.stringify({ passwordHashCost: TEST_SCRYPT_COST });
    expect(() => parseMachineConfig(cheap)).toThrow(ConfigError);
    expect(Object.keys(parseMachineConfig('{}'))).not.toContain('passwordHashCost');
  });
});

describe('hashes', () => {
  it('are salted and verify only the right password', async () => {
    const a = await testHasher.hash(PASSWORD);
    const b = await testHasher.hash(PASSWORD);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await testHasher.check(a, PASSWORD)).toEqual({ ok: true, outdated: false });
    expect(await testHasher.check(a, 'correct horse 8')).toEqual({ ok: false, outdated: false });
  });

  it('refuse a password shorter than 8 characters', async () => {
    await expect(testHasher.hash('short')).rejects.toBeInstanceOf(PasswordPolicyError);
  });

  it('made at a lower cost still verify, and say they are outdated', async () => {
    const old = await createPasswordHasher({ N: 2 ** 9, r: 8, p: 1 }).hash(PASSWORD);
    expect(await testHasher.check(old, PASSWORD)).toEqual({ ok: true, outdated: true });
    expect(await testHasher.check(old, 'wrong password')).toEqual({ ok: false, outdated: true });
    // A hash at a higher cost than the hasher's is not "outdated": nothing is ever made cheaper.
    const dearer = await createPasswordHasher({ N: 2 ** 11, r: 8, p: 1 }).hash(PASSWORD);
    expect(await testHasher.check(dearer, PASSWORD)).toEqual({ ok: true, outdated: false });
  });

  it('a damaged or absurd stored hash matches nothing and costs no more than a check', async () => {
    for (const stored of [
      'scrypt$x',
      'bcrypt$1$2$3$AA==$AA==',
      `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AA==`,
      'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AA==',
    ]) {
      expect(await testHasher.check(stored, PASSWORD)).toEqual({ ok: false, outdated: false });
    }
  });
});
