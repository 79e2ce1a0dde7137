// What the authority remembers about the certificates it issued: an interface, in memory, and the
// JSON file of earlier versions (the database's registry replaces it; the file is read to import it).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CrlReason } from '../../preload/contract/rules/reasons';
import type { KeyKind } from './issuer-authority';
import { AuthorityStateError } from './issuer-authority';

export interface CertificateRecord {
  /** Upper-case hex, as normaliseSerial() gives it. */
  readonly serial: string;
  readonly kind: KeyKind;
  readonly subjectId: string;
  readonly cardSerial: string | null;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  /**
   * reserved: signed, not yet recorded by the counter that asked for it (only a registry that
   * confirms issues uses it; a reserved certificate is good to everyone who asks).
   */
  readonly status: 'reserved' | 'good' | 'on-hold' | 'revoked';
  /** When it went on hold (kept after a later revocation, for the record). */
  readonly heldAt: string | null;
  readonly revokedAt: string | null;
  readonly reason: CrlReason | null;
}

/**
 * The authority's memory of issued certificates. The app's is the database's
 * (db-certificate-registry.ts); the in-memory one is the reference for tests; the JSON file is
 * what earlier versions kept, read once to import it. Implementations apply each call atomically
 * and in call order.
 */
export interface CertificateRegistry {
  add(record: CertificateRecord): Promise<void>;
  get(serial: string): Promise<CertificateRecord | null>;
  /** Replaces the record with the same serial; it must exist. */
  update(record: CertificateRecord): Promise<void>;
  /** Records of this kind that are on hold or revoked, for the CRL. */
  listRevoked(kind: KeyKind): Promise<readonly CertificateRecord[]>;
  /** The next CRL number of this kind's CA: 1, 2, 3 … never repeated. */
  nextCrlNumber(kind: KeyKind): Promise<number>;
  /**
   * Present when the counter confirms each issue in the transaction that records it: the
   * authority then adds certificates as reserved, and this revokes (superseded) the ones still
   * reserved that were signed before `before`, returning their serials.
   */
  revokeUnconfirmed?(before: Date, now: Date): Promise<readonly string[]>;
}

/** A record the CRL lists: on hold or revoked (reserved and good are not). */
export const isListed = (r: CertificateRecord): boolean =>
  r.status === 'on-hold' || r.status === 'revoked';

/** Memory only: for tests, and the reference behaviour a database-backed registry must match. */
export class InMemoryCertificateRegistry implements CertificateRegistry {
  readonly #records = new Map<string, CertificateRecord>();
  readonly #crlNumbers: Record<KeyKind, number> = { signing: 0, auth: 0 };

  async add(record: CertificateRecord): Promise<void> {
    if (this.#records.has(record.serial))
      throw new AuthorityStateError(`serial ${record.serial} issued twice`);
    this.#records.set(record.serial, record);
  }

  async get(serial: string): Promise<CertificateRecord | null> {
    return this.#records.get(serial) ?? null;
  }

  async update(record: CertificateRecord): Promise<void> {
    if (!this.#records.has(record.serial))
      throw new AuthorityStateError(`no record for serial ${record.serial}`);
    this.#records.set(record.serial, record);
  }

  async listRevoked(kind: KeyKind): Promise<readonly CertificateRecord[]> {
    return [...this.#records.values()].filter((r) => r.kind === kind && isListed(r));
  }

  async nextCrlNumber(kind: KeyKind): Promise<number> {
    this.#crlNumbers[kind] += 1;
    return this.#crlNumbers[kind];
  }
}

interface RegistryFile {
  readonly version: 1;
  readonly crlNumbers: Record<KeyKind, number>;
  readonly certificates: CertificateRecord[];
}

/** Every record in memory, the whole file rewritten (temp file, fsync, rename) on each change. */
export class JsonFileCertificateRegistry implements CertificateRegistry {
  readonly #path: string;
  readonly #records = new Map<string, CertificateRecord>();
  #crlNumbers: Record<KeyKind, number> = { signing: 0, auth: 0 };
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(path: string): Promise<JsonFileCertificateRegistry> {
    const registry = new JsonFileCertificateRegistry(path);
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== null) {
      let file: RegistryFile;
      try {
        file = JSON.parse(text) as RegistryFile;
      } catch {
        throw new AuthorityStateError(`certificate registry ${path} is not JSON`);
      }
      if (file.version !== 1) throw new AuthorityStateError(`certificate registry version`);
      registry.#crlNumbers = { ...file.crlNumbers };
      for (const r of file.certificates) registry.#records.set(r.serial, r);
    }
    return registry;
  }

  add(record: CertificateRecord): Promise<void> {
    return this.#change(() => {
      if (this.#records.has(record.serial))
        throw new AuthorityStateError(`serial ${record.serial} issued twice`);
      this.#records.set(record.serial, record);
    });
  }

  async get(serial: string): Promise<CertificateRecord | null> {
    await this.#queue;
    return this.#records.get(serial) ?? null;
  }

  update(record: CertificateRecord): Promise<void> {
    return this.#change(() => {
      if (!this.#records.has(record.serial))
        throw new AuthorityStateError(`no record for serial ${record.serial}`);
      this.#records.set(record.serial, record);
    });
  }

  async listRevoked(kind: KeyKind): Promise<readonly CertificateRecord[]> {
    await this.#queue;
    return [...this.#records.values()].filter((r) => r.kind === kind && isListed(r));
  }

  async nextCrlNumber(kind: KeyKind): Promise<number> {
    let n = 0;
    await this.#change(() => {
      n = this.#crlNumbers[kind] + 1;
      this.#crlNumbers = { ...this.#crlNumbers, [kind]: n };
    });
    return n;
  }

  /** Applies a change in memory, then persists; a failed write rolls the memory back. */
  #change(apply: () => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const before = { records: new Map(this.#records), crl: this.#crlNumbers };
      apply();
      try {
        await this.#persist();
      } catch (e) {
        this.#records.clear();
        for (const [k, v] of before.records) this.#records.set(k, v);
        this.#crlNumbers = before.crl;
        throw e;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #persist(): Promise<void> {
    const file: RegistryFile = {
      version: 1,
      crlNumbers: this.#crlNumbers,
      certificates: [...this.#records.values()],
    };
    await writeFileAtomic(this.#path, JSON.stringify(file, null, 2));
  }
}

/** Writes a file so that a crash leaves either the old or the new content, never half of one. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
