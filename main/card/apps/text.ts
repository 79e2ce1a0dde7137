// 券面事項入力補助 (text) application: the 個人番号 and the basic four facts, behind the 4-digit PIN
// or 照合番号A; and whether they are a resident's.
import { createHash } from 'node:crypto';
import { concatBytes, isStatus } from '../apdu';
import type { Apdu } from '../apdu';
import {
  InvalidValueError,
  parseIsoDate,
  parseMyNumber,
  parseSexCode,
  secretBytes,
} from '../domain';
import { sameCardFacts } from '../../../preload/contract/rules/card-kinds';
import { sexCodeOf } from '../../../preload/contract/rules/sex';
import type { BasicFourFacts, MyNumber, Pin, PinStatus } from '../domain';
import { readBinary, readPinStatus, selectAid, selectEf, verify } from '../iso7816';
import type { VerifyResult } from '../iso7816';
import { SW } from '../status-words';
import { CardDataError, encodeTlv, parseTlv, parseTlvList } from '../tlv';
import type { Tlv } from '../tlv';

export const TEXT_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
export const TEXT_EF_MY_NUMBER = 0x0001;
export const TEXT_EF_BASIC_FOUR = 0x0002;
/** The integrity record: digests of EF 0001 and EF 0002 under the issuer's signature. */
export const TEXT_EF_INTEGRITY = 0x0003;
export const TEXT_EF_PIN = 0x0011;
/** Key EF of 照合番号A (the 個人番号) in this application; the visual application's is 0013. */
export const TEXT_EF_CODE_A = 0x0014;
export const TEXT_PIN_MAX_TRIES = 3;

const TAG_MY_NUMBER = 0xff10;
const TAG_BASIC_FOUR = 0xff20;
const TAG_OFFSETS = 0xdf21;
const FIELD_TAGS = [0xdf22, 0xdf23, 0xdf24, 0xdf25] as const;
/** In the integrity record: SHA-256 of EF 0002 from DF22 to the end of its TLV. */
const TAG_BASIC_FOUR_DIGEST = 0xdf32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function selectText(ch: Apdu): Promise<void> {
  await selectAid(ch, TEXT_AID);
}

/** EF 0001: `FF 10 0C` + 12 ASCII digits (filler after it is ignored); check digit validated. */
export function parseMyNumberFile(bytes: Uint8Array): MyNumber {
  const tlv = parseTlv(bytes);
  if (tlv.tag !== TAG_MY_NUMBER) throw new CardDataError('text EF 0001 is not FF 10');
  try {
    return parseMyNumber(String.fromCharCode(...tlv.value));
  } catch (e) {
    // Re-thrown without the value: this is the 個人番号.
    if (e instanceof InvalidValueError) throw new CardDataError('text EF 0001 fails its check');
    throw e;
  }
}

/**
 * EF 0002: `FF 20 <len>` holding DF21 (four 2-byte offsets from the file start) and DF22 name,
 * DF23 address, DF24 birth date YYYYMMDD, DF25 sex. The offset table is checked, not trusted.
 */
export function parseBasicFourFacts(bytes: Uint8Array): BasicFourFacts {
  const outer = parseTlv(bytes);
  if (outer.tag !== TAG_BASIC_FOUR) throw new CardDataError('text EF 0002 is not FF 20');
  const start = outer.offset + outer.headerLength;
  const children = parseTlvList(bytes, start, start + outer.length);
  const table = children.find((t) => t.tag === TAG_OFFSETS);
  const fields = FIELD_TAGS.map((tag) => {
    const f = children.find((t) => t.tag === tag);
    if (!f) throw new CardDataError(`text EF 0002 has no ${tag.toString(16).toUpperCase()}`);
    return f;
  }) as [Tlv, Tlv, Tlv, Tlv];
  if (table) {
    if (table.value.length !== 8) throw new CardDataError('text EF 0002 offset table size');
    fields.forEach((f, i) => {
      const claimed = (table.value[i * 2]! << 8) | table.value[i * 2 + 1]!;
      if (claimed !== f.offset) throw new CardDataError(`text EF 0002 offset ${i} disagrees`);
    });
  }
  const [name, address, birth, sex] = fields;
  try {
    return {
      name: utf8.decode(name.value),
      address: utf8.decode(address.value),
      birthDate: parseIsoDate(String.fromCharCode(...birth.value)),
      sex: parseSexCode(String.fromCharCode(...sex.value)),
    };
  } catch (e) {
    if (e instanceof InvalidValueError || e instanceof TypeError) {
      throw new CardDataError('text EF 0002 holds a field that does not parse');
    }
    throw e;
  }
}

/** With the text application selected and its PIN verified in this session. */
export async function readMyNumber(ch: Apdu): Promise<MyNumber> {
  await selectEf(ch, TEXT_EF_MY_NUMBER);
  return parseMyNumberFile(await readBinary(ch));
}

/**
 * The integrity record EF 0003 as stored (its TLV, without the filler after it), with the text
 * application selected and 照合番号A or its PIN verified: what the issuer signs again after a
 * change of the four facts.
 */
export async function readIntegrityRecord(ch: Apdu): Promise<Uint8Array> {
  await selectEf(ch, TEXT_EF_INTEGRITY);
  const raw = await readBinary(ch);
  const tlv = parseTlv(raw);
  return raw.slice(0, tlv.offset + tlv.headerLength + tlv.length);
}

/** With the text application selected and its PIN verified in this session. */
export async function readBasicFourFacts(ch: Apdu): Promise<BasicFourFacts> {
  await selectEf(ch, TEXT_EF_BASIC_FOUR);
  return parseBasicFourFacts(await readBinary(ch));
}

export async function readTextPinStatus(ch: Apdu): Promise<PinStatus> {
  return readPinStatus(ch, TEXT_EF_PIN, TEXT_PIN_MAX_TRIES);
}

/** Presents the PIN (spends a try when wrong). The bytes sent are zeroed right after. */
export async function verifyTextPin(ch: Apdu, pin: Pin): Promise<VerifyResult> {
  await selectEf(ch, TEXT_EF_PIN);
  const bytes = secretBytes(pin);
  try {
    return await verify(ch, bytes);
  } finally {
    bytes.fill(0);
  }
}

/** Presents 照合番号A, the 個人番号 (spends a try when wrong). The bytes sent are zeroed right after. */
export async function verifyTextCodeA(ch: Apdu, myNumber: MyNumber): Promise<VerifyResult> {
  await selectEf(ch, TEXT_EF_CODE_A);
  const bytes = secretBytes(myNumber);
  try {
    return await verify(ch, bytes);
  } finally {
    bytes.fill(0);
  }
}

/** The four fields as EF 0002 holds them after its offset table (DF22 to DF25): what DF32 digests. */
export function encodeBasicFourFields(f: BasicFourFacts): Uint8Array {
  const enc = new TextEncoder();
  return concatBytes([
    encodeTlv(FIELD_TAGS[0], enc.encode(f.name)),
    encodeTlv(FIELD_TAGS[1], enc.encode(f.address)),
    encodeTlv(FIELD_TAGS[2], enc.encode(f.birthDate.replace(/-/g, ''))),
    encodeTlv(FIELD_TAGS[3], enc.encode(sexCodeOf(f.sex))),
  ]);
}

/** The same four facts, by the one comparison rule (rules/card-kinds.ts). */
export function sameBasicFour(a: BasicFourFacts, b: BasicFourFacts): boolean {
  return sameCardFacts(a, b);
}

/**
 * How the text application compares with a resident's record:
 * - 'match': it holds this 個人番号 and these four facts;
 * - 'facts-differ': this 個人番号, other facts (a move or a marriage since the card was issued);
 * - 'my-number-differs': it refused 照合番号A, or holds another 個人番号;
 * - 'facts-unknown': EF 0002 stayed closed and the integrity record carries no digest of it.
 */
export type TextContentsMatch = 'match' | 'facts-differ' | 'my-number-differs' | 'facts-unknown';

/**
 * Selects the text application, presents 照合番号A (a wrong number spends one of its tries, so
 * call it only for a card already matched by its serial), reads the 個人番号, then the four
 * facts. On a real card 照合番号A opens EF 0001 only: while EF 0002 stays closed (6982), the facts
 * are compared through the SHA-256 of EF 0002 that the integrity record EF 0003 carries.
 */
export async function matchTextContents(
  ch: Apdu,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<TextContentsMatch> {
  return (await readTextContents(ch, expected, myNumber)).match;
}

/**
 * The comparison, and the four facts the chip holds when it says which: EF 0002 itself when it
 * opens, else, on a match by the integrity record's digest, `expected` (the chip's own SHA-256
 * over the four fields proves it holds exactly these). Null when the chip's facts are not known.
 */
export async function readTextContents(
  ch: Apdu,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<{ readonly match: TextContentsMatch; readonly facts: BasicFourFacts | null }> {
  await selectText(ch);
  if ((await verifyTextCodeA(ch, myNumber)).kind !== 'verified')
    return { match: 'my-number-differs', facts: null };
  if ((await readMyNumber(ch)) !== myNumber) return { match: 'my-number-differs', facts: null };
  await selectEf(ch, TEXT_EF_BASIC_FOUR);
  let facts: BasicFourFacts | null = null;
  try {
    facts = parseBasicFourFacts(await readBinary(ch));
  } catch (e) {
    if (!isStatus(e, SW.SECURITY_NOT_SATISFIED)) throw e;
  }
  if (facts) return { match: sameBasicFour(facts, expected) ? 'match' : 'facts-differ', facts };
  await selectEf(ch, TEXT_EF_INTEGRITY);
  const record = parseTlv(await readBinary(ch));
  const digest = parseTlvList(record.value).find((t) => t.tag === TAG_BASIC_FOUR_DIGEST);
  if (!digest) return { match: 'facts-unknown', facts: null };
  const want = createHash('sha256').update(encodeBasicFourFields(expected)).digest();
  return want.equals(digest.value)
    ? { match: 'match', facts: expected }
    : { match: 'facts-differ', facts: null };
}
