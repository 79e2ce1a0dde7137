// Builds the contents of the simulated card's data files from a holder's facts (formats of docs/card.md).
import { createHash, createPublicKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { encodeBilevelPng } from '../../images/png';
import type { SexCode } from '../../../preload/contract/rules/sex';
import { encodeTlv, encodeWithOffsetTable } from '../tlv';
import { ascii, concat, fromHex, utf8, type Bytes } from './bytes';
import { JPKI_TOKEN_INFO_SIZE, TOKEN_LABEL } from './card-layout';
import { cardFaceSignedData, cardFaceTextImage } from '../apps/visual';

/** What the card says about its holder. Dates are ISO YYYY-MM-DD. */
export interface HolderFacts {
  /** Family name, U+3000, given name. */
  readonly name: string;
  /** As printed: full-width digits. */
  readonly address: string;
  readonly birthDate: string;
  /** The card's code (rules/sex.ts). */
  readonly sex: SexCode;
  /** The 12-digit 個人番号, check digit included. */
  readonly myNumber: string;
  /** The 5-digit municipality code (全国地方公共団体コード without its check digit). */
  readonly municipalityCode: string;
  /** The 15-digit card serial of the common application. */
  readonly serial: string;
  readonly cardExpiry: string;
  /** The 4-digit security code printed on the card face. */
  readonly securityCode: string;
}

const compact = (isoDate: string): string => isoDate.replaceAll('-', '');

// ---- 個人番号 check digit (docs/card.md, Data formats) ----

/** The check digit over the first 11 digits: P1 is the rightmost, Qn = n+1 (n ≤ 6) or n−5. */
export function myNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new Error('need 11 digits');
  let s = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    s += p * q;
  }
  const r = s % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(value: string): boolean {
  return /^[0-9]{12}$/.test(value) && myNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

// ---- Japanese eras (the birth-date key and the certificate's birth-date attribute) ----

const ERAS = [
  { digit: 5, start: '2019-05-01', firstYear: 2019 }, // 令和
  { digit: 4, start: '1989-01-08', firstYear: 1989 }, // 平成
  { digit: 3, start: '1926-12-25', firstYear: 1926 }, // 昭和
  { digit: 2, start: '1912-07-30', firstYear: 1912 }, // 大正
  { digit: 1, start: '1868-01-25', firstYear: 1868 }, // 明治
] as const;

export function eraOf(isoDate: string): { digit: number; year: number } {
  const era = ERAS.find((e) => isoDate >= e.start) ?? ERAS[ERAS.length - 1]!;
  return { digit: era.digit, year: Number(isoDate.slice(0, 4)) - era.firstYear + 1 };
}

/** The certificate form of a birth date: era digit + Gregorian YYYYMMDD (319800217). */
export function certificateBirthDate(isoDate: string): string {
  return `${eraOf(isoDate).digit}${compact(isoDate)}`;
}

// ---- the secrets a holder's facts define ----

/** 照合番号A: the 個人番号. */
export function codeA(h: HolderFacts): string {
  return h.myNumber;
}

/**
 * 照合番号B: birth date YYMMDD + expiry year YYYY + security code. docs/card.md marks the year of the
 * birth date [?]; this simulator takes the last two digits of the Gregorian year.
 */
export function codeB(h: HolderFacts): string {
  return `${compact(h.birthDate).slice(2)}${h.cardExpiry.slice(0, 4)}${h.securityCode}`;
}

/** The visual application's birth-date key (0011): era year YYMMDD, 550217 for 1980-02-17 (myna-card fixtures). */
export function birthDateKey(h: HolderFacts): string {
  const { year } = eraOf(h.birthDate);
  return `${String(year).padStart(2, '0')}${compact(h.birthDate).slice(4)}`;
}

// ---- text application (券面事項入力補助) ----

/** Text 0001 as stored: FF 10 0C + 12 digits + FF FF (17 bytes; the filler is part of the file). */
export function textMyNumberFile(h: HolderFacts): Bytes {
  return concat(encodeTlv(0xff10, ascii(h.myNumber)), Uint8Array.of(0xff, 0xff));
}

/** Text 0002: FF 20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }. */
export function textAttributesFile(h: HolderFacts): Bytes {
  return encodeWithOffsetTable(0xff20, [
    encodeTlv(0xdf22, utf8(h.name)),
    encodeTlv(0xdf23, utf8(h.address)),
    encodeTlv(0xdf24, ascii(compact(h.birthDate))),
    encodeTlv(0xdf25, ascii(h.sex)),
  ]);
}

const sha256 = (data: Bytes): Bytes => new Uint8Array(createHash('sha256').update(data).digest());

function issuerSignature(issuerKey: KeyObject, data: Bytes): Bytes {
  return new Uint8Array(rsaSign('sha256', data, issuerKey));
}

/**
 * Text 0003: FF 30 { DF31 SHA-256 of the 17 bytes of 0001, DF32 SHA-256 of 0002 from DF22 to the
 * end of its TLV, DF33 issuer signature }. The signature covers the DF31 and DF32 objects
 * (RSA PKCS#1 v1.5, SHA-256) [?: the exact signed span is not public].
 */
export function textIntegrityFile(
  myNumberFile: Bytes,
  attributesFile: Bytes,
  issuerKey: KeyObject,
): Bytes {
  const tableEnd = findDf22(attributesFile);
  const signed = concat(
    encodeTlv(0xdf31, sha256(myNumberFile)),
    encodeTlv(0xdf32, sha256(attributesFile.slice(tableEnd))),
  );
  return encodeTlv(0xff30, concat(signed, encodeTlv(0xdf33, issuerSignature(issuerKey, signed))));
}

function findDf22(attributesFile: Bytes): number {
  // The DF21 table's first offset is where DF22 starts.
  const headerLength = attributesFile[2]! < 0x80 ? 3 : 3 + (attributesFile[2]! & 0x7f);
  const first = headerLength + 3;
  return (attributesFile[first]! << 8) | attributesFile[first + 1]!;
}

/** A card-verifiable-certificate-shaped placeholder naming the issuer key (text/visual 0004). */
export function cvCertificateFile(issuerKey: KeyObject, holderReference: string): Bytes {
  const body = encodeTlv(
    0x7f4e,
    concat(
      encodeTlv(0x5f29, Uint8Array.of(0x00)),
      encodeTlv(0x42, ascii('JPKISIMISSUER')),
      encodeTlv(0x7f49, publicKeyObjects(createPublicKey(issuerKey))),
      encodeTlv(0x5f20, ascii(holderReference)),
    ),
  );
  return encodeTlv(0x7f21, concat(body, encodeTlv(0x5f37, issuerSignature(issuerKey, body))));
}

/** Text 0005: AP basic information (the layout seen on cards, values of this simulator). */
export function textBasicInfoFile(): Bytes {
  return encodeTlv(
    0xff40,
    concat(
      encodeTlv(0xdf41, fromHex('01030E01')),
      encodeTlv(0xdf42, ascii('SIM0000034/001  ')),
      encodeTlv(0xdf43, concat(new Uint8Array(32), new Uint8Array(96).fill(0xff))),
    ),
  );
}

/**
 * Text 0006: `A1 { 90 exponent, 91 modulus }`, the public key a terminal encrypts a session key
 * to; a bare key, nothing signs it (layout: soltia48/myna-card, src/ap/text.rs, SessionKeyPublicKey).
 * The simulator offers no secure messaging, so nothing uses the key.
 */
export function textSessionKeyFile(sessionKey: KeyObject): Bytes {
  return encodeTlv(0xa1, publicKeyObjects(sessionKey));
}

/**
 * Text 0007: `FF 50 { DF51 the application's public key (90/91), DF52 issuer signature over the
 * DF51 object }` (layout: soltia48/myna-card, src/ap/text.rs, SignedPublicKey; the signature covers
 * the bytes before DF52, RSA PKCS#1 v1.5 SHA-256, as that reader checks it).
 */
export function textSignedPublicKeyFile(appKey: KeyObject, issuerKey: KeyObject): Bytes {
  const signed = encodeTlv(0xdf51, publicKeyObjects(appKey));
  return encodeTlv(0xff50, concat(signed, encodeTlv(0xdf52, issuerSignature(issuerKey, signed))));
}

// ---- JPKI ----

/**
 * JPKI 0006, 160 bytes: PKCS #11 CK_TOKEN_INFO with every CK_ULONG as 4 big-endian bytes. Values
 * as in the physical-card layout of soltia48/myna-card (src/ap/jpki.rs,
 * parses_the_physical_card_token_info_layout): label `JPKIAPICCTOKEN2`, manufacturer
 * `0…01`, model `E16R01NJ`, serial `0000000020500003`, flags 0x040D (RNG, login required, user PIN
 * initialised, token initialised), sessions 1/0 and 1/0, PIN length 16/6, the four memory
 * counters unavailable (FFFFFFFF), ASCII `03` and `01` in the version slots. The utcTime slot is
 * sixteen `9` there; the real value is not published.
 */
export function jpkiTokenInfoFile(): Bytes {
  const out = new Uint8Array(JPKI_TOKEN_INFO_SIZE).fill(0x20);
  out.set(ascii(TOKEN_LABEL), 0);
  out.set(ascii('00000000000000000000000000000001'), 32);
  out.set(ascii('E16R01NJ'), 64);
  out.set(ascii('0000000020500003'), 80);
  const words = [0x040d, 1, 0, 1, 0, 16, 6, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff];
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(96 + 4 * i, w));
  out.set(ascii('03'), 140);
  out.set(ascii('01'), 142);
  out.fill(0x39, 144, 160);
  return out;
}

// ---- visual application (券面事項確認) ----

/** The card's public key as the card writes it in records: 90 exponent, 91 modulus. */
function publicKeyObjects(publicKey: KeyObject): Bytes {
  const jwk = publicKey.export({ format: 'jwk' });
  const n = new Uint8Array(Buffer.from(jwk.n ?? '', 'base64url'));
  const e = new Uint8Array(Buffer.from(jwk.e ?? '', 'base64url'));
  return concat(encodeTlv(0x90, e), encodeTlv(0x91, n));
}

export interface VisualImages {
  /** The face photo as the card stores it: JPEG 2000 (a JP2 file or a codestream). */
  readonly photo: Bytes;
}

/**
 * Visual 0002: FF 20 { DF21 offsets, DF22 birth date, DF23 sex, DF24 public key, DF25 name image,
 * DF26 address image, DF27 photo, DF28 issuer signature, DF29 expiry, DF2A security-code image }.
 * The signature covers SHA-256(DF22..DF24) || SHA-256(DF25..DF26) || SHA-256(DF27) [?].
 */
export function visualFaceFile(
  h: HolderFacts,
  faceKey: KeyObject,
  issuerKey: KeyObject,
  images: VisualImages,
): Bytes {
  const segment1 = [
    encodeTlv(0xdf22, ascii(compact(h.birthDate))),
    encodeTlv(0xdf23, ascii(h.sex)),
    encodeTlv(0xdf24, publicKeyObjects(faceKey)),
  ];
  const segment2 = [
    encodeTlv(0xdf25, cardFaceTextImage('name', h.name)),
    encodeTlv(0xdf26, cardFaceTextImage('address', h.address)),
  ];
  const segment3 = [encodeTlv(0xdf27, images.photo)];
  const signed = cardFaceSignedData(segment1, segment2, segment3);
  return encodeWithOffsetTable(0xff20, [
    ...segment1,
    ...segment2,
    ...segment3,
    encodeTlv(0xdf28, issuerSignature(issuerKey, signed)),
    encodeTlv(0xdf29, ascii(compact(h.cardExpiry))),
    encodeTlv(0xdf2a, placeholderPng(24, 12)),
  ]);
}

/** Visual 0001 age record: FF 10 { DF11 birth date, DF12 public key, DF13 signature }. */
export function visualAgeRecordFile(
  h: HolderFacts,
  faceKey: KeyObject,
  issuerKey: KeyObject,
): Bytes {
  const signed = concat(
    encodeTlv(0xdf11, ascii(compact(h.birthDate))),
    encodeTlv(0xdf12, publicKeyObjects(faceKey)),
  );
  return encodeTlv(0xff10, concat(signed, encodeTlv(0xdf13, issuerSignature(issuerKey, signed))));
}

/** Visual 0003 basic information, free to read: layout, key id, version, municipality code. */
export function visualBasicInfoFile(h: HolderFacts): Bytes {
  return encodeTlv(
    0xff30,
    concat(
      encodeTlv(0xdf31, fromHex('06030E01')),
      encodeTlv(0xdf32, ascii('SIM0000024/001  ')),
      encodeTlv(0xdf33, Uint8Array.of(0x01)),
      encodeTlv(0xdf34, ascii(h.municipalityCode)),
    ),
  );
}

/** Visual 0005: FF 40 { DF41 个人番号 image, DF42 public key, DF43 signature }. */
export function visualMyNumberImageFile(faceKey: KeyObject, issuerKey: KeyObject): Bytes {
  const signed = concat(
    encodeTlv(0xdf41, placeholderPng(72, 12)),
    encodeTlv(0xdf42, publicKeyObjects(faceKey)),
  );
  return encodeTlv(0xff40, concat(signed, encodeTlv(0xdf43, issuerSignature(issuerKey, signed))));
}

// ---- common application ----

/** Common EF 0001 record 1: 01 1C + serial (15) + municipality (5) + expiry YYYYMMDD, ASCII. */
export function commonRecord(h: HolderFacts): Bytes {
  const digits = `${h.serial}${h.municipalityCode}${compact(h.cardExpiry)}`;
  if (!/^[0-9]{28}$/.test(digits)) throw new Error('serial, municipality code or expiry malformed');
  return concat(Uint8Array.of(0x01, 0x1c), ascii(digits));
}

// ---- placeholder images ----

/** A blank 1-bit PNG, the format of the card's rendered name, address and codes. */
function placeholderPng(width: number, height: number): Bytes {
  return encodeBilevelPng(width, height);
}
