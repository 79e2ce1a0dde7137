// 券面事項確認 (visual) application: the municipality code (free) and the face photo (behind 照合番号A).
import type { Apdu } from '../apdu';
import { parseMunicipalityCode, secretBytes } from '../domain';
import type { MunicipalityCode, MyNumber } from '../domain';
import { readBinary, selectAid, selectEf, verify } from '../iso7816';
import type { VerifyResult } from '../iso7816';
import { CardDataError, parseTlv, parseTlvList } from '../tlv';

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
  return parseCardFacePhoto(await readBinary(ch));
}
