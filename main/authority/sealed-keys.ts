// Private keys at rest: AES-256-GCM under a data key that a KeyProtector (OS key store, key file) wraps.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Wraps and unwraps the authority's data key. The app's protector uses Electron safeStorage; the
 * database helper's key-file protector (main/db) has this shape too, and any object of it is
 * accepted here.
 */
export interface KeyProtector {
  protect(plain: Buffer): Buffer;
  unprotect(wrapped: Buffer): Buffer;
}

/** An AES-256-GCM box as it is stored in JSON. */
export interface SealedBox {
  readonly alg: 'A256GCM';
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/**
 * Encrypts `plain` under the data key. `purpose` is bound as associated data, so a box cannot
 * be moved into another file (the issuer key's box passed off as a CA key's) without failing.
 */
export function seal(dataKey: Buffer, purpose: string, plain: Uint8Array): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts a box; throws when the key, the purpose or a single byte of the box is wrong. */
export function unseal(dataKey: Buffer, purpose: string, box: SealedBox): Buffer {
  if (box.alg !== 'A256GCM') throw new Error(`unknown sealing algorithm ${String(box.alg)}`);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(box.iv, 'base64'));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
}
