// 券面事項確認 (visual) application: the municipality code (free), and behind 照合番号A the card face
// (its facts and images, the face photo), read and, by the issuer, rewritten after a change.
import { createHash } from 'node:crypto';
import { sexCodeOf } from '../../../preload/contract/rules/sex';
import { encodeBilevelPng, readPngText } from '../../images/png';
import type { Apdu } from '../apdu';
import { parseIsoDate, parseMunicipalityCode, parseSexCode, secretBytes } from '../domain';
import type { BasicFourFacts, MunicipalityCode, MyNumber } from '../domain';
import { readBinary, readBinaryBytes, selectAid, selectEf, verify } from '../iso7816';
import type { VerifyResult } from '../iso7816';
import {
  CardDataError,
  encodeTlv,
  encodeWithOffsetTable,
  parseTlv,
  parseTlvHeader,
  parseTlvList,
  type Tlv,
} from '../tlv';

export const VISUAL_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02);
export const VISUAL_EF_CARD_FACE = 0x0002;
export const VISUAL_EF_BASIC_INFO = 0x0003;
/** Key EF of 照合番号A (the 個人番号) in this application (docs/card.md; 0014 is the text application's). */
export const VISUAL_EF_CODE_A = 0x0013;

const TAG_BASIC_INFO = 0xff30;
const TAG_MUNICIPALITY = 0xdf34;
const TAG_CARD_FACE = 0xff20;
const TAG_OFFSETS = 0xdf21;
const TAG_PHOTO = 0xdf27;

export interface VisualBasicInfo {
  readonly municipalityCode: MunicipalityCode;
}

/**
 * EF 0003: `FF 30 <len>` holding DF31..DF35; DF34 is the 5-digit municipality code in ASCII.
 * Layout as published for a test card (soltia48/myna-card); only DF34 is interpreted here.
 */
export function parseVisualBasicInfo(bytes: Uint8Array): VisualBasicInfo {
  const outer = parseTlv(bytes);
  if (outer.tag !== TAG_BASIC_INFO) throw new CardDataError('visual EF 0003 is not FF 30');
  const field = parseTlvList(outer.value).find((t) => t.tag === TAG_MUNICIPALITY);
  if (!field) throw new CardDataError('visual EF 0003 has no DF34');
  return { municipalityCode: parseMunicipalityCode(String.fromCharCode(...field.value)) };
}

export async function readVisualBasicInfo(ch: Apdu): Promise<VisualBasicInfo> {
  await selectAid(ch, VISUAL_AID);
  await selectEf(ch, VISUAL_EF_BASIC_INFO);
  return parseVisualBasicInfo(await readBinary(ch));
}

/**
 * EF 0002, the card face: `FF 20 <len>` holding DF21 (2-byte offsets from the file start of the
 * objects that follow) and DF22..DF2A, of which DF27 is the photo as JPEG 2000 (docs/card.md). The
 * offset table is checked against where the objects really are, not trusted.
 */
export function parseCardFacePhoto(bytes: Uint8Array): Uint8Array {
  const outer = parseTlv(bytes);
  if (outer.tag !== TAG_CARD_FACE) throw new CardDataError('visual EF 0002 is not FF 20');
  const start = outer.offset + outer.headerLength;
  const children = parseTlvList(bytes, start, start + outer.length);
  const table = children.find((t) => t.tag === TAG_OFFSETS);
  if (table) {
    const objects = children.filter((t) => t.tag !== TAG_OFFSETS);
    if (table.value.length !== objects.length * 2)
      throw new CardDataError('visual EF 0002 offset table size');
    objects.forEach((o, i) => {
      const claimed = (table.value[i * 2]! << 8) | table.value[i * 2 + 1]!;
      if (claimed !== o.offset) throw new CardDataError(`visual EF 0002 offset ${i} disagrees`);
    });
  }
  const photo = children.find((t) => t.tag === TAG_PHOTO);
  if (!photo || photo.value.length === 0) throw new CardDataError('visual EF 0002 has no DF27');
  return Uint8Array.from(photo.value);
}

const TAG_BIRTH = 0xdf22;
const TAG_SEX = 0xdf23;
const TAG_FACE_KEY = 0xdf24;
const TAG_NAME_IMAGE = 0xdf25;
const TAG_ADDRESS_IMAGE = 0xdf26;
const TAG_SIGNATURE = 0xdf28;

/**
 * The PNG text keyword under which this product's issuer profile keeps, in the card face's name
 * and address images, the words they show. The simulated card's images are blank bitmaps (the
 * card's own typeface is not reproduced); a real card's carry no such text, and then the card
 * face's name and address read as unknown (null), never as different.
 */
export const CARD_FACE_TEXT_KEYWORD = 'Description';

/** The image sizes of the card face's name and address (the simulator's choice). */
const TEXT_IMAGE_SIZE = { name: [96, 16], address: [192, 32] } as const;

/** A card-face name or address image: a 1-bit PNG carrying the words it shows (see above). */
export function cardFaceTextImage(field: 'name' | 'address', words: string): Uint8Array {
  const [width, height] = TEXT_IMAGE_SIZE[field];
  return encodeBilevelPng(width, height, undefined, { [CARD_FACE_TEXT_KEYWORD]: words });
}

const sha256 = (data: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());

/**
 * What the issuer signs in the card face (DF28): SHA-256 of DF22..DF24 (birth date, sex, the
 * application's key), of DF25..DF26 (name and address images) and of DF27 (the photo), each over
 * the encoded objects, concatenated [?: the exact signed span is not public].
 */
export function cardFaceSignedData(
  facts: readonly Uint8Array[],
  texts: readonly Uint8Array[],
  photo: readonly Uint8Array[],
): Uint8Array {
  return Uint8Array.from(
    Buffer.concat([sha256(concatAll(facts)), sha256(concatAll(texts)), sha256(concatAll(photo))]),
  );
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** The card face's objects after the offset table, in their order. */
function cardFaceObjects(bytes: Uint8Array): Tlv[] {
  const outer = parseTlv(bytes);
  if (outer.tag !== TAG_CARD_FACE) throw new CardDataError('visual EF 0002 is not FF 20');
  const start = outer.offset + outer.headerLength;
  return parseTlvList(bytes, start, start + outer.length).filter((t) => t.tag !== TAG_OFFSETS);
}

/**
 * The facts the card face shows: birth date and sex as fields, name and address from their
 * images' text (null when an image carries none, as on a real card).
 */
export interface CardFaceFacts {
  readonly name: string | null;
  readonly address: string | null;
  readonly birthDate: string;
  readonly sex: BasicFourFacts['sex'];
}

export function parseCardFaceFacts(bytes: Uint8Array): CardFaceFacts {
  return factsOfObjects(cardFaceObjects(bytes));
}

function factsOfObjects(objects: readonly Tlv[]): CardFaceFacts {
  const value = (tag: number): Uint8Array => {
    const found = objects.find((o) => o.tag === tag);
    if (!found) throw new CardDataError(`visual EF 0002 has no ${tag.toString(16)}`);
    return found.value;
  };
  const birth = Buffer.from(value(TAG_BIRTH)).toString('latin1');
  if (!/^\d{8}$/.test(birth)) throw new CardDataError('visual EF 0002 birth date');
  return {
    name: readPngText(value(TAG_NAME_IMAGE), CARD_FACE_TEXT_KEYWORD),
    address: readPngText(value(TAG_ADDRESS_IMAGE), CARD_FACE_TEXT_KEYWORD),
    birthDate: parseIsoDate(birth),
    sex: parseSexCode(Buffer.from(value(TAG_SEX)).toString('latin1')),
  };
}

/**
 * How the card face compares with the record: 'unknown' when its images carry no words (a real
 * card), so that only a card face known to show other facts counts as different.
 */
export function matchCardFace(
  face: CardFaceFacts,
  expected: BasicFourFacts,
): 'match' | 'differs' | 'unknown' {
  if (face.birthDate !== expected.birthDate || face.sex !== expected.sex) return 'differs';
  if (face.name === null || face.address === null) return 'unknown';
  return face.name === expected.name && face.address === expected.address ? 'match' : 'differs';
}

/**
 * The card face rewritten with `facts` (券面記載事項の変更): new birth date, sex, name and address
 * images, the application's key, the photo, the expiry and the security code kept, the issuer's
 * signature made anew with `sign` (the issuer key; an issuer session's holder signs).
 */
export async function rewriteCardFace(
  old: Uint8Array,
  facts: BasicFourFacts,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const objects = cardFaceObjects(old);
  const kept = (tag: number): Uint8Array => {
    const found = objects.find((o) => o.tag === tag);
    if (!found) throw new CardDataError(`visual EF 0002 has no ${tag.toString(16)}`);
    return encodeTlv(tag, found.value);
  };
  const ascii = (text: string) => new TextEncoder().encode(text);
  const segment1 = [
    encodeTlv(TAG_BIRTH, ascii(facts.birthDate.replace(/-/g, ''))),
    encodeTlv(TAG_SEX, ascii(sexCodeOf(facts.sex))),
    kept(TAG_FACE_KEY),
  ];
  const segment2 = [
    encodeTlv(TAG_NAME_IMAGE, cardFaceTextImage('name', facts.name)),
    encodeTlv(TAG_ADDRESS_IMAGE, cardFaceTextImage('address', facts.address)),
  ];
  const segment3 = [kept(TAG_PHOTO)];
  const signature = await sign(cardFaceSignedData(segment1, segment2, segment3));
  // The objects after the photo (DF29 expiry, DF2A security code, any other) stay as they were.
  const after = objects.filter((o) => o.tag > TAG_SIGNATURE).map((o) => encodeTlv(o.tag, o.value));
  return encodeWithOffsetTable(TAG_CARD_FACE, [
    ...segment1,
    ...segment2,
    ...segment3,
    encodeTlv(TAG_SIGNATURE, signature),
    ...after,
  ]);
}

/** The card refused 照合番号A: a try was spent (or none is left). Carries no digit of the number. */
export class VisualCodeRefusedError extends Error {
  override readonly name = 'VisualCodeRefusedError';
  constructor(readonly result: Exclude<VerifyResult, { kind: 'verified' }>) {
    super(`the card refused 照合番号A (${result.kind})`);
  }
}

/**
 * Reads the face photo (JPEG 2000 bytes as stored: a JP2 file or a codestream): selects the
 * visual application, presents 照合番号A, reads EF 0002 to the end of its TLV. A wrong number
 * spends one of the key's tries, so call it only for a card already matched by its serial.
 */
export async function readFacePhoto(ch: Apdu, myNumber: MyNumber): Promise<Uint8Array> {
  return parseCardFacePhoto(await readCardFaceFile(ch, myNumber));
}

/**
 * The card face file (EF 0002) as stored, to its TLV's end: the visual application selected,
 * 照合番号A presented (a wrong number spends a try: call it for a card matched by its serial).
 * The application stays selected with 照合番号A verified.
 */
export async function readCardFaceFile(ch: Apdu, myNumber: MyNumber): Promise<Uint8Array> {
  await openCardFace(ch, myNumber);
  return readBinary(ch);
}

/** Selects the visual application, presents 照合番号A, selects EF 0002. */
async function openCardFace(ch: Apdu, myNumber: MyNumber): Promise<void> {
  await selectAid(ch, VISUAL_AID);
  await selectEf(ch, VISUAL_EF_CODE_A);
  const bytes = secretBytes(myNumber);
  let result: VerifyResult;
  try {
    result = await verify(ch, bytes);
  } finally {
    bytes.fill(0);
  }
  if (result.kind !== 'verified') throw new VisualCodeRefusedError(result);
  await selectEf(ch, VISUAL_EF_CARD_FACE);
}

/**
 * The facts the card face shows, read with 照合番号A (as readCardFaceFile) but only up to the
 * photo: the offset table says where DF27 starts, so the photo's kilobytes are not read.
 */
export async function readCardFaceFacts(ch: Apdu, myNumber: MyNumber): Promise<CardFaceFacts> {
  await openCardFace(ch, myNumber);
  const head = await readBinaryBytes(ch, HEAD_BYTES);
  const outer = parseTlvHeader(head);
  if (!outer || outer.tag !== TAG_CARD_FACE) throw new CardDataError('visual EF 0002 is not FF 20');
  const table = parseTlv(head, outer.headerLength);
  if (table.tag !== TAG_OFFSETS || table.length < (PHOTO_INDEX + 1) * 2)
    throw new CardDataError('visual EF 0002 offset table');
  const photoAt = (table.value[PHOTO_INDEX * 2]! << 8) | table.value[PHOTO_INDEX * 2 + 1]!;
  const start = outer.headerLength + table.totalLength;
  if (photoAt <= start || photoAt > outer.totalLength)
    throw new CardDataError('visual EF 0002 photo offset');
  const bytes = await readBinaryBytes(ch, photoAt);
  return factsOfObjects(parseTlvList(bytes, start, photoAt));
}

/** Enough of EF 0002 for its header and offset table. */
const HEAD_BYTES = 64;
/** DF27 (the photo) is the sixth object after the offset table: DF22..DF26 come before it. */
const PHOTO_INDEX = 5;

/**
 * Whether the card face is known to show other facts than `expected`. A card face that cannot be
 * read or compared (a real card's images carry no words) counts as not known to differ: the text
 * application's answer stands.
 */
export async function cardFaceDiffers(
  ch: Apdu,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<boolean> {
  try {
    return matchCardFace(await readCardFaceFacts(ch, myNumber), expected) === 'differs';
  } catch (e) {
    console.warn(`[Card] card face not compared: ${e instanceof Error ? e.name : 'unknown'}`);
    return false;
  }
}
