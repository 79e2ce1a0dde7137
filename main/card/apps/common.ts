// 共通 (common) application: card serial, municipality code and card expiry; the chip-state marker.
import { isStatus } from '../apdu';
import type { Apdu } from '../apdu';
import { InvalidValueError, parseCardSerial, parseIsoDate, parseMunicipalityCode } from '../domain';
import type { CardSerial, IsoDate, MunicipalityCode } from '../domain';
import { readBinaryBytes, readRecord, selectAid, selectEf } from '../iso7816';
import { SW } from '../status-words';
import { CardDataError } from '../tlv';

export const COMMON_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00);
export const COMMON_EF_IDENTITY = 0x0001;
/** This product's issuer-profile chip-state EF (docs/card.md, The issuer profile of this product); absent on real cards. */
export const COMMON_EF_CHIP_STATE = 0x0003;
export const COMMON_EF_PIN = 0x001c;

export interface CardIdentity {
  readonly serial: CardSerial;
  readonly municipalityCode: MunicipalityCode;
  readonly cardExpiry: IsoDate;
}

/** 'terminated' is normally never read: a terminated card answers 6985 before this byte. */
export type ChipState = 'active' | 'suspended' | 'terminated';

export async function selectCommon(ch: Apdu): Promise<void> {
  await selectAid(ch, COMMON_AID);
}

/** Record 1 of EF 0001: `01 1C` + 28 ASCII digits = serial(15) + municipality(5) + YYYYMMDD. */
export function parseCardIdentity(record: Uint8Array): CardIdentity {
  if (record.length < 30 || record[0] !== 0x01 || record[1] !== 0x1c) {
    throw new CardDataError('common record 1 is not 01 1C + 28 digits');
  }
  const digits = String.fromCharCode(...record.subarray(2, 30));
  if (!/^\d{28}$/.test(digits)) throw new CardDataError('common record 1 holds non-digits');
  try {
    return {
      serial: parseCardSerial(digits.slice(0, 15)),
      municipalityCode: parseMunicipalityCode(digits.slice(15, 20)),
      cardExpiry: parseIsoDate(digits.slice(20, 28)),
    };
  } catch (e) {
    if (e instanceof InvalidValueError) throw new CardDataError(`common record 1: ${e.kind}`);
    throw e;
  }
}

/** Selects the common application and reads the identity record (3 APDUs). */
export async function readCardIdentity(ch: Apdu): Promise<CardIdentity> {
  await selectCommon(ch);
  await selectEf(ch, COMMON_EF_IDENTITY);
  return parseCardIdentity(await readRecord(ch, 1));
}

/**
 * Reads the chip-state byte with the common application already selected. A missing EF means
 * active: real national cards have none, and the product only writes it to suspend.
 */
export async function readChipState(ch: Apdu): Promise<ChipState> {
  try {
    await selectEf(ch, COMMON_EF_CHIP_STATE);
  } catch (e) {
    if (isStatus(e, SW.FILE_NOT_FOUND)) return 'active';
    throw e;
  }
  const [state] = await readBinaryBytes(ch, 1);
  if (state === 0x01) return 'active';
  if (state === 0x02) return 'suspended';
  if (state === 0x03) return 'terminated';
  throw new CardDataError(`unknown chip state ${state ?? 'missing'}`);
}
