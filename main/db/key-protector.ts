// Protecting the 個人番号 data key at rest: the KeyProtector interface and its key-file version.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';

/**
 * Wraps and unwraps the data key. The app implements it with Electron safeStorage (in the
 * Electron shell, not here); tests and the CLI use FileKeyProtector.
 */
export interface KeyProtector {
  protect(key: Uint8Array): Buffer;
  unprotect(blob: Uint8Array): Buffer;
}

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
  constructor(
    readonly reason: 'permissions' | 'size' | 'wrong-key',
    readonly path: string,
  ) {
    super(
      reason === 'permissions'
        ? `key file must be readable by its owner only (chmod 600): ${path}`
        : reason === 'size'
          ? `key file has the wrong size: ${path}`
          : `key file does not match this database: ${path}`,
    );
  }
}

const MAGIC = Buffer.from('FKP1', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A 32-byte wrapping key in a file of mode 0600, created on first use. A file that group or others
 * may read is refused: the key is only as safe as the file (docs/architecture.md, Data).
 */
export class FileKeyProtector implements KeyProtector {
  private readonly key: Buffer;

  constructor(readonly path: string) {
    this.key = FileKeyProtector.loadOrCreate(path);
  }

  private static loadOrCreate(path: string): Buffer {
    let fd: number;
    try {
      // 'wx': never replace an existing key file; the mode applies at creation (umask can only narrow it).
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
        throw new KeyFileError('permissions', path);
      }
      const key = readFileSync(path);
      if (key.length !== 32) throw new KeyFileError('size', path);
      return key;
    }
    const key = randomBytes(32);
    try {
      writeSync(fd, key);
    } finally {
      closeSync(fd);
    }
    return key;
  }

  protect(key: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(MAGIC);
    const body = Buffer.concat([c.update(key), c.final()]);
    return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
  }

  unprotect(blob: Uint8Array): Buffer {
    const b = Buffer.from(blob);
    if (b.length < MAGIC.length + IV_BYTES + TAG_BYTES || !b.subarray(0, 4).equals(MAGIC)) {
      throw new KeyFileError('wrong-key', this.path);
    }
    const iv = b.subarray(4, 4 + IV_BYTES);
    const tag = b.subarray(4 + IV_BYTES, 4 + IV_BYTES + TAG_BYTES);
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAAD(MAGIC);
    d.setAuthTag(tag);
    try {
      return Buffer.concat([d.update(b.subarray(4 + IV_BYTES + TAG_BYTES)), d.final()]);
    } catch {
      throw new KeyFileError('wrong-key', this.path);
    }
  }
}
