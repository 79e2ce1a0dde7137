// 券面事項入力補助 (text) application: the 個人番号 and the basic four facts, behind the 4-digit PIN.
import type { Apdu } from '../apdu';
import {
  InvalidValueError,
  parseIsoDate,
  parseMyNumber,
  parseSexCode,
  secretBytes,
} from '../domain';
import type { BasicFourFacts, MyNumber, Pin, PinStatus } from '../domain';
import { readBinary, readPinStatus, selectAid, selectEf, verify } from '../iso7816';
import type { VerifyResult } from '../iso7816';
import { CardDataError, parseTlv, parseTlvList } from '../tlv';
import type { Tlv } from '../tlv';

export const TEXT_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
export const TEXT_EF_MY_NUMBER = 0x0001;
export const TEXT_EF_BASIC_FOUR = 0x0002;
export const TEXT_EF_PIN = 0x0011;
export const TEXT_PIN_MAX_TRIES = 3;

const TAG_MY_NUMBER = 0xff10;
const TAG_BASIC_FOUR = 0xff20;
const TAG_OFFSETS = 0xdf21;
const FIELD_TAGS = [0xdf22, 0xdf23, 0xdf24, 0xdf25] as const;

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
