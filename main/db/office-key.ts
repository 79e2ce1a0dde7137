// The office key: seals the data keys an office's counters share in its PostgreSQL database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { DbError } from './errors';
import type { KeyProtector } from './key-protector';
import { openRecoveryPackage, sealRecoveryPackage, type SealOptions } from './recovery-package';

/** The entry of a recovery package that carries the office key (the package IT makes once). */
export const OFFICE_KEY_ENTRY = 'office-key';

const MAGIC = Buffer.from('OFK1', 'latin1');
const AAD = Buffer.from('madoguchi:office-key:v1', 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type OfficeKeyErrorReason =
  /** No office key is installed on this counter. */
  | 'missing'
  /** The installed file cannot be unsealed here: installed on another machine or account. */
  | 'not-this-machine'
  /** The office key does not open the data keys of this office database: another office's. */
  | 'wrong-office'
  /** The package holds no office key (a counter's own recovery package, say). */
  | 'not-an-office-key-package';

/**
 * The counter cannot open the office's data keys. Nothing was written: the office database is left
 * as it was, and the counter shows what IT has to do.
 */
export class OfficeKeyError extends DbError {
  override readonly name = 'OfficeKeyError';
  constructor(
    readonly reason: OfficeKeyErrorReason,
    detail = '',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'missing' ? 'office-key-missing' : 'office-key-wrong',
      reason === 'missing'
        ? `no office key is installed on this counter: ${detail}`
        : reason === 'not-this-machine'
          ? `the installed office key was sealed on another machine or account: ${detail}`
          : reason === 'wrong-office'
            ? 'the office key does not open this office database'
            : 'the recovery package holds no office key',
      options,
    );
  }
}

/** A fresh office key, for the package IT makes once per office. */
export function newOfficeKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The office key as the protector of the office database's data_keys rows: AES-256-GCM, so a
 * wrong key is told apart from a right one, never mistaken for it.
 */
export function officeKeyProtector(officeKey: Uint8Array): KeyProtector {
  if (officeKey.length !== KEY_BYTES) throw new Error('an office key is 32 bytes');
  const key = Buffer.from(officeKey);
  return {
    protect(clear) {
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(AAD);
      const body = Buffer.concat([c.update(clear), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    unprotect(blob) {
      const b = Buffer.from(blob);
      if (b.length < MAGIC.length + IV_BYTES + TAG_BYTES || !b.subarray(0, 4).equals(MAGIC)) {
        throw new OfficeKeyError('wrong-office');
      }
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(4, 4 + IV_BYTES));
      d.setAAD(AAD);
      d.setAuthTag(b.subarray(4 + IV_BYTES, 4 + IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([d.update(b.subarray(4 + IV_BYTES + TAG_BYTES)), d.final()]);
      } catch {
        throw new OfficeKeyError('wrong-office');
      }
    },
  };
}

/** The office key package: a recovery package whose one entry is the office key. */
export function sealOfficeKeyPackage(
  officeKey: Uint8Array,
  passphrase: string,
  options: SealOptions,
): Promise<string> {
  return sealRecoveryPackage(
    { dataKeys: { [OFFICE_KEY_ENTRY]: Buffer.from(officeKey) } },
    passphrase,
    options,
  );
}

/** The office key out of its package (a wrong passphrase is the package's RecoveryPackageError). */
export async function openOfficeKeyPackage(text: string, passphrase: string): Promise<Buffer> {
  const { dataKeys } = await openRecoveryPackage(text, passphrase);
  const key = dataKeys[OFFICE_KEY_ENTRY];
  if (!key || key.length !== KEY_BYTES) throw new OfficeKeyError('not-an-office-key-package');
  return key;
}

/**
 * Installs the office key on this counter: sealed by this machine's protector (the OS key store),
 * written 0600 and never over an existing file, so a key in use is not replaced by mistake.
 */
export function installOfficeKey(path: string, officeKey: Uint8Array, machine: KeyProtector): void {
  const sealed = machine.protect(officeKey);
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, sealed);
  } finally {
    closeSync(fd);
  }
}

/** The installed office key as the protector of the office's data keys, or why it cannot be. */
export function loadOfficeKey(path: string, machine: KeyProtector): KeyProtector {
  let sealed: Buffer;
  try {
    sealed = readFileSync(path);
  } catch (e) {
    throw new OfficeKeyError('missing', path, { cause: e });
  }
  let key: Buffer;
  try {
    key = machine.unprotect(sealed);
  } catch (e) {
    throw new OfficeKeyError('not-this-machine', path, { cause: e });
  }
  if (key.length !== KEY_BYTES) throw new OfficeKeyError('not-this-machine', path);
  return officeKeyProtector(key);
}
