// 券面事項確認 (visual) application: only what is free to read, the municipality code in EF 0003.
import type { Apdu } from '../apdu';
import { parseMunicipalityCode } from '../domain';
import type { MunicipalityCode } from '../domain';
import { readBinary, selectAid, selectEf } from '../iso7816';
import { CardDataError, parseTlv, parseTlvList } from '../tlv';

export const VISUAL_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02);
export const VISUAL_EF_BASIC_INFO = 0x0003;

const TAG_BASIC_INFO = 0xff30;
const TAG_MUNICIPALITY = 0xdf34;

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
