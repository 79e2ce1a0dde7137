// The 個人番号 at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 for exact lookup, and masking.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { parseMyNumber } from '../card/domain';
import type { MyNumber } from '../card/domain';
import { isoNow } from './clock';
import type { Db } from './connection';
import type { KeyProtector } from './key-protector';
import { findWrappedDataKey, insertWrappedDataKey } from './repositories/data-keys';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('madoguchi:my-number:v1', 'utf8');

export class MyNumberDecryptError extends Error {
  override readonly name = 'MyNumberDecryptError';
  constructor() {
    super('stored 個人番号 could not be decrypted (wrong key or damaged data)');
  }
}

/** Encrypts, decrypts and fingerprints 個人番号. Holds the clear data key in memory only. */
export class MyNumberCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(dataKey: Uint8Array) {
    if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
    this.encKey = Buffer.from(dataKey);
    // A separate key for the HMAC, so the lookup column says nothing about the cipher key.
    this.macKey = Buffer.from(
      hkdfSync('sha256', this.encKey, Buffer.alloc(0), 'madoguchi my-number hmac v1', 32),
    );
  }

  /** version(1) | iv(12) | tag(16) | ciphertext(12); a fresh IV each time. */
  encrypt(n: MyNumber): Buffer {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    c.setAAD(AAD);
    const body = Buffer.concat([c.update(n, 'ascii'), c.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, c.getAuthTag(), body]);
  }

  decrypt(blob: Uint8Array): MyNumber {
    const b = Buffer.from(blob);
    if (b.length < 1 + IV_BYTES + TAG_BYTES || b[0] !== VERSION) throw new MyNumberDecryptError();
    const d = createDecipheriv('aes-256-gcm', this.encKey, b.subarray(1, 1 + IV_BYTES));
    d.setAAD(AAD);
    d.setAuthTag(b.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    let clear: string;
    try {
      clear = Buffer.concat([d.update(b.subarray(1 + IV_BYTES + TAG_BYTES)), d.final()]).toString(
        'ascii',
      );
    } catch {
      throw new MyNumberDecryptError();
    }
    return parseMyNumber(clear);
  }

  /** Deterministic fingerprint for the unique index and exact lookup. */
  lookupHmac(n: MyNumber): Buffer {
    return createHmac('sha256', this.macKey).update(n, 'ascii').digest();
  }
}

/**
 * Loads the database's data key through the protector, creating (and storing wrapped) a new
 * random one on first use.
 */
export async function openMyNumberCipher(db: Db, protector: KeyProtector): Promise<MyNumberCipher> {
  const dataKey = await db.transaction(async (tx) => {
    const wrapped = await findWrappedDataKey(tx, 'my-number');
    if (wrapped) return protector.unprotect(wrapped);
    const fresh = randomBytes(32);
    await insertWrappedDataKey(tx, 'my-number', protector.protect(fresh), isoNow());
    return fresh;
  });
  return new MyNumberCipher(dataKey);
}

/** `**** **** 7188`: only the last four digits, as the counter screens show it. */
export function maskMyNumber(n: string): string {
  if (!/^\d{12}$/.test(n)) throw new Error('not a 12-digit number');
  return `**** **** ${n.slice(8)}`;
}
