// Test helpers for the authority: a key protector double, temporary directories, holder keys and facts.
import { createCipheriv, createDecipheriv, generateKeyPair, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KeyProtector } from '../../../main/authority/sealed-keys';
import { parseIsoDate } from '../../../main/card/domain';
import type { BasicFourFacts, IsoDate } from '../../../main/card/domain';

const generateRsa = promisify(generateKeyPair);

/**
 * Stands in for safeStorage / the database's key file: AES-256-GCM under a key of its own, and
 * counts its calls so tests can see the authority went through it.
 */
export class TestKeyProtector implements KeyProtector {
  readonly key = randomBytes(32);
  protects = 0;
  unprotects = 0;

  protect(plain: Buffer): Buffer {
    this.protects += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  unprotect(wrapped: Buffer): Buffer {
    this.unprotects += 1;
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}

export async function tempDirectory(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'madoguchi-authority-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A holder key pair as a card would make it; the test keeps the private key to check signatures. */
export async function holderKey() {
  const { publicKey, privateKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
  });
  return {
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    publicKey,
    privateKey,
  };
}

export function facts(birthDate: string, overrides: Partial<BasicFourFacts> = {}): BasicFourFacts {
  return {
    name: '窓口　花子',
    address: '見本県窓口市本町１－２－３',
    birthDate: parseIsoDate(birthDate),
    sex: 'female',
    ...overrides,
  };
}

export const isoDate = (value: string): IsoDate => parseIsoDate(value);
