// Domain types of the card client: branded values that only their validators can make.
import {
  checkCurrentFormat,
  checkSigningPassword,
  normaliseSigningPassword,
} from '../../preload/contract/rules/pins';
import { sexOfCode, type Sex } from '../../preload/contract/rules/sex';

export type { Sex };

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** 15-digit card serial from the common application. */
export type CardSerial = Brand<string, 'CardSerial'>;
/** The 12-digit 個人番号 with a valid check digit. Never log it (docs/style.md). */
export type MyNumber = Brand<string, 'MyNumber'>;
/** 全国地方公共団体コード: 5 digits. */
export type MunicipalityCode = Brand<string, 'MunicipalityCode'>;
/** A 4-digit PIN (利用者証明用, 住基, 券面事項入力補助). */
export type Pin = Brand<string, 'Pin'>;
/** 署名用電子証明書 password: 6-16 of A-Z0-9 with a letter and a digit, upper-cased. */
export type SigningPassword = Brand<string, 'SigningPassword'>;
/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = Brand<string, 'IsoDate'>;

export interface BasicFourFacts {
  /** Family and given name separated by U+3000, as on the card. */
  readonly name: string;
  readonly address: string;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
}

export interface PinStatus {
  readonly state: 'ok' | 'locked' | 'not-set';
  readonly triesLeft: number;
  readonly maxTries: number;
}

/**
 * A value failed its validator. The message names the kind only, never the value, because some
 * values (PINs, the 個人番号) must never reach a log line.
 */
export class InvalidValueError extends Error {
  override readonly name = 'InvalidValueError';
  constructor(readonly kind: string) {
    super(`invalid ${kind}`);
  }
}

export function parseCardSerial(value: string): CardSerial {
  if (!/^\d{15}$/.test(value)) throw new InvalidValueError('card serial');
  return value as CardSerial;
}

export function parseMunicipalityCode(value: string): MunicipalityCode {
  if (!/^\d{5}$/.test(value)) throw new InvalidValueError('municipality code');
  return value as MunicipalityCode;
}

/**
 * Check digit of the 個人番号 (docs/card.md, Data formats): over the first 11 digits with P1 the
 * rightmost, s = Σ Pn·Qn, Qn = n+1 for n ≤ 6, n−5 for 7 ≤ n ≤ 11; 0 if s mod 11 ≤ 1, else 11 − r.
 */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new InvalidValueError('my number');
  let s = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 0x30;
    const q = n <= 6 ? n + 1 : n - 5;
    s += p * q;
  }
  const r = s % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && myNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

export function parseMyNumber(value: string): MyNumber {
  if (!isValidMyNumber(value)) throw new InvalidValueError('my number');
  return value as MyNumber;
}

export function parsePin(value: string): Pin {
  if (checkCurrentFormat('auth', value)) throw new InvalidValueError('pin');
  return value as Pin;
}

/** Upper-cases first: clients upper-case what the resident types (docs/card.md, Secrets). */
export function parseSigningPassword(value: string): SigningPassword {
  const v = normaliseSigningPassword(value);
  if (checkSigningPassword(v)) throw new InvalidValueError('signing password');
  return v as SigningPassword;
}

/** ASCII bytes of a validated secret, for VERIFY. The caller should zero them after sending. */
export function secretBytes(secret: Pin | SigningPassword | MyNumber): Uint8Array {
  return Uint8Array.from(secret, (c) => c.charCodeAt(0));
}

/** Accepts 'YYYY-MM-DD' or 'YYYYMMDD' of a real calendar date. */
export function parseIsoDate(value: string): IsoDate {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!m) throw new InvalidValueError('date');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new InvalidValueError('date');
  }
  return `${m[1]}-${m[2]}-${m[3]}` as IsoDate;
}

/** The sex code as the text application stores it (rules/sex.ts). */
export function parseSexCode(code: string): Sex {
  const sex = sexOfCode(code);
  if (!sex) throw new InvalidValueError('sex code');
  return sex;
}
