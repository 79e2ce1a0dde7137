// The recovery package: the data keys in one file, sealed under a passphrase IT keeps apart from it.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

export const RECOVERY_PACKAGE_FORMAT = 'madoguchi-recovery-package';
const VERSION = 1;

/**
 * scrypt at N = 2^17, r = 8: 128 MiB of memory and about half a second (three on a slow machine)
 * per guess, so a stolen package does not give way to a passphrase search.
 */
export const RECOVERY_KDF_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
/** A package asking for more than this is refused before any work: a forged file cannot stall the tool. */
const MAX_KDF_MEMORY = 1024 * 1024 * 1024;
const MIN_N = 2 ** 14;

/** Passphrases are counted in characters after NFKC, so full-width and half-width typing agree. */
export const MIN_PASSPHRASE_CHARS = 16;

/** The keys a restore needs, in clear: the data_keys rows by purpose. */
export interface RecoveryKeys {
  readonly dataKeys: Readonly<Record<string, Buffer>>;
}

export type RecoveryPackageErrorReason =
  'weak-passphrase' | 'not-a-package' | 'unsupported' | 'wrong-passphrase';

export class RecoveryPackageError extends Error {
  override readonly name = 'RecoveryPackageError';
  constructor(readonly reason: RecoveryPackageErrorReason) {
    super(
      reason === 'weak-passphrase'
        ? `the recovery passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters`
        : reason === 'not-a-package'
          ? 'not a recovery package'
          : reason === 'unsupported'
            ? 'recovery package of an unknown version or cost'
            : 'wrong passphrase, or the package was changed',
    );
  }
}

interface KdfParams {
  readonly name: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
}

/** The file as written: everything but `data` is in clear and bound to it as associated data. */
interface PackageFile {
  readonly format: typeof RECOVERY_PACKAGE_FORMAT;
  readonly version: number;
  readonly createdAt: string;
  /** Which keys are inside, so IT can see what a package covers without the passphrase. */
  readonly dataKeys: readonly string[];
  readonly kdf: KdfParams;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFKC');
}

function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      normalisePassphrase(passphrase),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_KDF_MEMORY },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function associatedData(file: Omit<PackageFile, 'iv' | 'tag' | 'data'>): Buffer {
  const { kdf } = file;
  return Buffer.from(
    JSON.stringify([
      file.format,
      file.version,
      file.createdAt,
      file.dataKeys,
      [kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt],
    ]),
    'utf8',
  );
}

export interface SealOptions {
  readonly createdAt: string;
  /** Tests only: a cheaper scrypt. The tools always use RECOVERY_KDF_COST. */
  readonly kdfCost?: { readonly N: number; readonly r: number; readonly p: number };
}

/** Seals the keys under the passphrase; returns the package's JSON text. */
export async function sealRecoveryPackage(
  keys: RecoveryKeys,
  passphrase: string,
  options: SealOptions,
): Promise<string> {
  if ([...normalisePassphrase(passphrase)].length < MIN_PASSPHRASE_CHARS) {
    throw new RecoveryPackageError('weak-passphrase');
  }
  const cost = options.kdfCost ?? RECOVERY_KDF_COST;
  const header = {
    format: RECOVERY_PACKAGE_FORMAT,
    version: VERSION,
    createdAt: options.createdAt,
    dataKeys: Object.keys(keys.dataKeys).sort(),
    kdf: { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') },
  } as const;
  const key = await deriveKey(passphrase, header.kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(header));
  const clear = Buffer.from(
    JSON.stringify({
      dataKeys: Object.fromEntries(
        header.dataKeys.map((purpose) => [purpose, keys.dataKeys[purpose]!.toString('base64')]),
      ),
    }),
    'utf8',
  );
  const data = Buffer.concat([cipher.update(clear), cipher.final()]);
  clear.fill(0);
  const file: PackageFile = {
    ...header,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Which keys a package holds, read without the passphrase. */
export function recoveryPackageContents(text: string): {
  readonly createdAt: string;
  readonly dataKeys: readonly string[];
} {
  const file = parsePackage(text);
  return { createdAt: file.createdAt, dataKeys: file.dataKeys };
}

/** Opens a package with its passphrase. A wrong passphrase and a changed file look the same. */
export async function openRecoveryPackage(text: string, passphrase: string): Promise<RecoveryKeys> {
  const file = parsePackage(text);
  const key = await deriveKey(passphrase, file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
  decipher.setAAD(associatedData(file));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  let clear: Buffer;
  try {
    clear = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
  } catch {
    throw new RecoveryPackageError('wrong-passphrase');
  }
  const inner = JSON.parse(clear.toString('utf8')) as { dataKeys: Record<string, string> };
  clear.fill(0);
  const dataKeys: Record<string, Buffer> = {};
  for (const purpose of file.dataKeys) {
    const b64 = inner.dataKeys[purpose];
    if (typeof b64 !== 'string') throw new RecoveryPackageError('not-a-package');
    dataKeys[purpose] = Buffer.from(b64, 'base64');
  }
  return { dataKeys };
}

function parsePackage(text: string): PackageFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RecoveryPackageError('not-a-package');
  }
  const f = raw as Partial<PackageFile> | null;
  if (!f || typeof f !== 'object' || f.format !== RECOVERY_PACKAGE_FORMAT) {
    throw new RecoveryPackageError('not-a-package');
  }
  const kdf = f.kdf;
  const strings = [f.createdAt, f.iv, f.tag, f.data, kdf?.salt];
  if (
    !kdf ||
    strings.some((s) => typeof s !== 'string') ||
    !Array.isArray(f.dataKeys) ||
    f.dataKeys.some((k) => typeof k !== 'string')
  ) {
    throw new RecoveryPackageError('not-a-package');
  }
  const { N, r, p } = kdf;
  const sane =
    f.version === VERSION &&
    kdf.name === 'scrypt' &&
    [N, r, p].every((v) => Number.isSafeInteger(v) && v > 0) &&
    N >= MIN_N &&
    (N & (N - 1)) === 0 &&
    128 * N * r * p <= MAX_KDF_MEMORY / 2;
  if (!sane) throw new RecoveryPackageError('unsupported');
  return f as PackageFile;
}
