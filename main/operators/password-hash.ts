// Operator password hashes: scrypt at the production cost, the cost kept in each hash so old ones still verify.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import {
  isAcceptableOperatorPassword,
  OPERATOR_PASSWORD_MIN_LENGTH,
} from '../../preload/contract/rules/operator-password';

/** scrypt's cost: N (CPU and memory, a power of two), r (block size), p (parallelism). */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The cost every hash of the app is made at: N=2^17, r=8, p=1, OWASP's figure for scrypt. One hash
 * takes 128 MiB and a few tenths of a second, which is what makes a stolen database file slow to
 * guess from. Only tests pass a lower cost (CoreConfig.passwordHashCost); nothing in the machine
 * configuration can.
 */
export const PRODUCTION_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** No stored hash makes a check take more than this (a damaged row must not exhaust memory). */
const MAX_N = 2 ** 20;

export class PasswordPolicyError extends Error {
  override readonly name = 'PasswordPolicyError';
  constructor() {
    super(`password must have at least ${OPERATOR_PASSWORD_MIN_LENGTH} characters`);
  }
}

export interface PasswordCheck {
  readonly ok: boolean;
  /** The hash was made at a lower cost than the current one: replace it once the password is known. */
  readonly outdated: boolean;
}

export interface PasswordHasher {
  readonly cost: ScryptCost;
  /** `scrypt$N$r$p$salt$key` (base64). Refuses a password the rule refuses. */
  hash(password: string): Promise<string>;
  check(stored: string, password: string): Promise<PasswordCheck>;
  /**
   * The work of checking a current hash, for nothing: an unknown login id, or an old cheaper hash
   * that did not match, takes as long as a wrong password on a current hash.
   */
  spend(password: string): Promise<void>;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; twice that leaves room without allowing runaway costs.
    const options = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

interface Parsed {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const sane = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (![N, r, p].every(sane) || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || key.length === 0) return null;
  return { cost: { N, r, p }, salt, key };
}

function cheaper(a: ScryptCost, than: ScryptCost): boolean {
  return a.N < than.N || a.r < than.r || a.p < than.p;
}

export function createPasswordHasher(cost: ScryptCost = PRODUCTION_SCRYPT_COST): PasswordHasher {
  const dummySalt = Buffer.alloc(SALT_BYTES);
  return {
    cost,
    async hash(password) {
      if (!isAcceptableOperatorPassword(password)) throw new PasswordPolicyError();
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(password, salt, cost, KEY_BYTES);
      return [
        'scrypt',
        cost.N,
        cost.r,
        cost.p,
        salt.toString('base64'),
        key.toString('base64'),
      ].join('$');
    },
    async check(stored, password) {
      const parsed = parse(stored);
      if (!parsed) {
        await derive(password, dummySalt, cost, KEY_BYTES);
        return { ok: false, outdated: false };
      }
      const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
      return {
        ok: key.length === parsed.key.length && timingSafeEqual(key, parsed.key),
        outdated: cheaper(parsed.cost, cost),
      };
    },
    async spend(password) {
      await derive(password, dummySalt, cost, KEY_BYTES);
    },
  };
}
