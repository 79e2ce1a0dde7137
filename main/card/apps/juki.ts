// 住基 application: only the state of its 4-digit PIN is needed by the counter.
import type { Apdu } from '../apdu';
import type { PinStatus } from '../domain';
import { readPinStatus, selectAid } from '../iso7816';

export const JUKI_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01);
export const JUKI_EF_PIN = 0x001c;
export const JUKI_PIN_MAX_TRIES = 3;

export async function selectJuki(ch: Apdu): Promise<void> {
  await selectAid(ch, JUKI_AID);
}

/** With the 住基 application selected: its PIN state, without spending a try. */
export async function readJukiPinStatus(ch: Apdu): Promise<PinStatus> {
  return readPinStatus(ch, JUKI_EF_PIN, JUKI_PIN_MAX_TRIES);
}
