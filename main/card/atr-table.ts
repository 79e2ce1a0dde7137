// Known ATRs, for display only: a card is recognised by AID and token label, never by ATR (docs/card.md).
import { toHex } from './apdu';
import type { Bytes } from './transport';

interface KnownAtr {
  readonly hex: string;
  readonly label: string;
}

const CONTACT = 'マイナンバーカード（接触）';
const CONTACTLESS = 'マイナンバーカード（非接触）';

/** The ATRs docs/card.md lists as seen; real ATRs vary by generation, so this only labels. */
export const KNOWN_ATRS: readonly KnownAtr[] = [
  { hex: '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00', label: CONTACT },
  { hex: '3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B', label: CONTACT },
  { hex: '3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F', label: CONTACTLESS },
  { hex: '3B 88 80 01 00 00 41 E0 B3 81 A1 00 3B', label: CONTACTLESS },
  { hex: '3B 88 80 01 00 4B 51 FF B3 81 D1 00 0F', label: CONTACTLESS },
];

/** 'XX XX ..', upper case, as ReaderDto and CardHealthDto show it. */
export function atrHex(atr: Bytes): string {
  return toHex(atr, ' ');
}

export function atrLabel(atr: Bytes): string | null {
  const hex = atrHex(atr);
  return KNOWN_ATRS.find((k) => k.hex === hex)?.label ?? null;
}

export function isKnownMyNumberAtr(atr: Bytes): boolean {
  return atrLabel(atr) !== null;
}
