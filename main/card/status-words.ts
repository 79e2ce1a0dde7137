// Status words of docs/card.md, named once for the client layers and the simulated card.

export const SW = {
  OK: 0x9000,
  /** 63Cx: wrong secret (or empty VERIFY), x tries left. Combine with SW.triesLeft(x). */
  VERIFY_FAILED_BASE: 0x63c0,
  /** 6984: reference data not usable: the secret is locked. */
  PIN_LOCKED: 0x6984,
  /** 6982: security status not satisfied (read or sign without the PIN). */
  SECURITY_NOT_SATISFIED: 0x6982,
  /** 6985: conditions of use not satisfied (terminated card, no issuer session, …). */
  CONDITIONS_NOT_SATISFIED: 0x6985,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  /** 6A88: referenced data not found (a secret that was never set). */
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_LENGTH: 0x6700,
  WRONG_PARAMETERS_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
} as const;

export type StatusWord = number;

export function swTriesLeft(tries: number): StatusWord {
  return SW.VERIFY_FAILED_BASE | (tries & 0x0f);
}

/** Returns x for a 63Cx status word, or null for any other. */
export function triesLeftOf(sw: StatusWord): number | null {
  return (sw & 0xfff0) === SW.VERIFY_FAILED_BASE ? sw & 0x0f : null;
}

export function swHex(sw: StatusWord): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
