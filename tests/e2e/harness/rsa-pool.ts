// RSA-2048 key pairs made once per e2e run and dealt to the core in the test process, in place of
// a fresh key pair on every call: the practice authority (three per test), each simulated card
// (two per card) and each issuance (two more) otherwise spend a second or more of CPU per test.
import { generateKeyPair, type KeyObject } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const generateRsa = promisify(generateKeyPair);

/** How many pairs one test may take before the pool makes real ones again (a test takes 5–15). */
export const RSA_POOL_SIZE = 40;

interface PooledPair {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Makes the pool's file, unless one of the right size is there (it is kept between runs). */
export async function ensureRsaPool(file: string): Promise<void> {
  if (existsSync(file)) {
    const kept = JSON.parse(await readFile(file, 'utf8')) as PooledPair[];
    if (kept.length === RSA_POOL_SIZE) return;
  }
  const pairs = await Promise.all(
    Array.from({ length: RSA_POOL_SIZE }, async () => {
      const { publicKey, privateKey } = await generateRsa('rsa', {
        modulusLength: 2048,
        publicExponent: 0x10001,
      });
      return {
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      };
    }),
  );
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}`, JSON.stringify(pairs));
  await rename(`${file}.${process.pid}`, file);
}

interface Pair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

type Callback = (error: Error | null, publicKey?: KeyObject, privateKey?: KeyObject) => void;

/**
 * The test process's dealer. Keys dealt while `keep` runs (the simulator's process-wide issuer and
 * CAs, made once per worker) are never dealt again; every other key serves one test at a time:
 * each test gets the pool's keys in order, so no two keys of one test are the same, and after the
 * pool a test gets freshly made ones.
 */
export interface RsaDealer {
  /** Keys dealt inside `work` stay with the process (never dealt again). */
  keep<T>(work: () => Promise<T>): Promise<T>;
  /** A test begins: the pool's keys (but the kept ones) are free for it again. */
  startTest(): void;
}

/**
 * Puts the pool in front of node:crypto's RSA-2048 generation (callback, promisified and WebCrypto
 * RSASSA-PKCS1-v1_5) in this process. Must run before the core's bundle is imported: its modules
 * promisify generateKeyPair when they load. Other key types and sizes go to node:crypto as before.
 */
export async function installRsaPool(file: string): Promise<RsaDealer> {
  const pem = JSON.parse(await readFile(file, 'utf8')) as PooledPair[];
  const pairs: Pair[] = pem.map((p) => ({
    publicKey: nodeCrypto.createPublicKey(p.publicKey),
    privateKey: nodeCrypto.createPrivateKey(p.privateKey),
  }));
  const kept = new Set<number>();
  let keeping = false;
  let cursor = 0;

  /** The next pooled pair for this test, or null when the test has used the pool up. */
  function deal(): Pair | null {
    while (cursor < pairs.length && kept.has(cursor)) cursor += 1;
    if (cursor >= pairs.length) return null;
    const i = cursor;
    cursor += 1;
    if (keeping) kept.add(i);
    return pairs[i]!;
  }

  const isPooledRsa = (type: unknown, options: unknown): boolean => {
    if (type !== 'rsa' || typeof options !== 'object' || options === null) return false;
    const o = options as Record<string, unknown>;
    return (
      o.modulusLength === 2048 &&
      (o.publicExponent ?? 0x10001) === 0x10001 &&
      o.publicKeyEncoding === undefined &&
      o.privateKeyEncoding === undefined
    );
  };

  // The module object node:crypto's ESM named exports are synced from.
  const cryptoModule = createRequire(import.meta.url)('node:crypto') as typeof nodeCrypto;
  const original = cryptoModule.generateKeyPair;
  const pooled = (type: unknown, options: unknown, callback: Callback): void => {
    const pair = isPooledRsa(type, options) ? deal() : null;
    if (!pair) {
      (original as unknown as (t: unknown, o: unknown, c: Callback) => void)(
        type,
        options,
        callback,
      );
      return;
    }
    process.nextTick(() => callback(null, pair.publicKey, pair.privateKey));
  };
  Object.defineProperty(pooled, promisify.custom, {
    value: (type: unknown, options: unknown) =>
      new Promise((resolve, reject) =>
        pooled(type, options, (error, publicKey, privateKey) =>
          error ? reject(error) : resolve({ publicKey, privateKey }),
        ),
      ),
  });
  (cryptoModule as { generateKeyPair: unknown }).generateKeyPair = pooled;
  syncBuiltinESMExports();

  const subtle = nodeCrypto.webcrypto.subtle;
  const generateKey = subtle.generateKey.bind(subtle);
  Object.defineProperty(subtle, 'generateKey', {
    configurable: true,
    writable: true,
    value: async (
      algorithm: nodeCrypto.webcrypto.RsaHashedKeyGenParams,
      extractable: boolean,
      usages: nodeCrypto.webcrypto.KeyUsage[],
    ): Promise<unknown> => {
      const publicExponent = Buffer.from(algorithm.publicExponent ?? []).toString('hex');
      const pair =
        algorithm.name === 'RSASSA-PKCS1-v1_5' &&
        algorithm.modulusLength === 2048 &&
        publicExponent.replace(/^0+/, '') === '10001'
          ? deal()
          : null;
      if (!pair) return generateKey(algorithm, extractable, usages);
      const imported = { name: algorithm.name, hash: algorithm.hash };
      const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
      const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
      return {
        publicKey: await subtle.importKey(
          'spki',
          spki,
          imported,
          true,
          usages.filter((u) => u === 'verify'),
        ),
        privateKey: await subtle.importKey(
          'pkcs8',
          pkcs8,
          imported,
          extractable,
          usages.filter((u) => u === 'sign'),
        ),
      };
    },
  });

  return {
    async keep(work) {
      keeping = true;
      try {
        return await work();
      } finally {
        keeping = false;
      }
    },
    startTest() {
      cursor = 0;
    },
  };
}
