// The simulated My Number Card's applications, files, secrets and access rules (docs/card.md), in one table.
import { fromHex } from './bytes';

export type AppName = 'jpki' | 'text' | 'visual' | 'juki' | 'common';

export const APP_AIDS: Readonly<Record<AppName, Uint8Array>> = {
  jpki: fromHex('D392F000260100000001'),
  text: fromHex('D3921000310001010408'),
  visual: fromHex('D3921000310001010402'),
  juki: fromHex('D3921000310001010401'),
  common: fromHex('D3921000310001010100'),
};

/** Every secret on the card. The two 照合番号 live in both the text and the visual application. */
export type SecretId =
  | 'jpki-sign'
  | 'jpki-auth'
  | 'juki-pin'
  | 'common-pin'
  | 'text-pin'
  | 'text-a'
  | 'text-b'
  | 'visual-a'
  | 'visual-b'
  | 'visual-birth'
  | 'text-blocked';

/** How a secret may be changed: with CHANGE REFERENCE DATA (00 24), with 80 32, or not at all. */
type ChangeCommand = 'iso' | 'proprietary' | 'none';

export interface SecretRule {
  readonly maxTries: number;
  /** The format a new value must have (RESET RETRY COUNTER, CHANGE REFERENCE DATA). */
  readonly format: RegExp;
  readonly change: ChangeCommand;
}

const FOUR_DIGITS = /^[0-9]{4}$/;

// Tries of the 照合番号 and the birth-date key are [?] in docs/card.md: one place to change them.
const CODE_TRIES = 3;

export const SECRET_RULES: Readonly<Record<SecretId, SecretRule>> = {
  'jpki-sign': { maxTries: 5, format: /^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{6,16}$/, change: 'iso' },
  'jpki-auth': { maxTries: 3, format: FOUR_DIGITS, change: 'iso' },
  'juki-pin': { maxTries: 3, format: FOUR_DIGITS, change: 'proprietary' },
  'common-pin': { maxTries: 3, format: FOUR_DIGITS, change: 'proprietary' },
  'text-pin': { maxTries: 3, format: FOUR_DIGITS, change: 'iso' },
  'text-a': { maxTries: CODE_TRIES, format: /^[0-9]{12}$/, change: 'none' },
  'text-b': { maxTries: CODE_TRIES, format: /^[0-9]{14}$/, change: 'none' },
  'visual-a': { maxTries: CODE_TRIES, format: /^[0-9]{12}$/, change: 'none' },
  'visual-b': { maxTries: CODE_TRIES, format: /^[0-9]{14}$/, change: 'none' },
  'visual-birth': { maxTries: CODE_TRIES, format: /^[0-9]{6}$/, change: 'none' },
  // Text EF 0012: blocked on every card examined (soltia48/myna-card, src/ap/text.rs, BLOCKED_0012);
  // no value opens it and nothing is known that it guards.
  'text-blocked': { maxTries: CODE_TRIES, format: /^$/, change: 'none' },
};

export type KeyId = 'auth' | 'sign';

/** Who may read a file: anyone, whoever verified one of the secrets, or nobody. */
export type Access = { readonly anyOf: readonly SecretId[] } | 'free';

export type FileDef =
  | {
      readonly type: 'binary';
      readonly size: number;
      readonly read: Access;
      /** Issuer-writable files take UPDATE BINARY in an issuer session. */
      readonly issuerWritable: boolean;
      /** Computed from other files at read time (JPKI 0008). */
      readonly derived?: 'cert-presence';
    }
  | { readonly type: 'record'; readonly read: Access }
  | { readonly type: 'secret'; readonly secret: SecretId }
  | { readonly type: 'key'; readonly key: KeyId; readonly pin: SecretId };

const CERT_EF_SIZE = 0x0800;

export const TOKEN_LABEL = 'JPKIAPICCTOKEN2';

export const JPKI_TOKEN_INFO_SIZE = 160;

function bin(size: number, read: Access, issuerWritable = false): FileDef {
  return { type: 'binary', size, read, issuerWritable };
}

/**
 * Sizes are the simulator's choice (the real sizes are not public); each is larger than its
 * TLV so that readers must size a file from its TLV, as docs/card.md says.
 */
export const FILES: Readonly<Record<AppName, ReadonlyMap<number, FileDef>>> = {
  jpki: new Map<number, FileDef>([
    [0x0001, bin(CERT_EF_SIZE, { anyOf: ['jpki-sign'] }, true)],
    [0x0002, bin(CERT_EF_SIZE, 'free', true)],
    [0x000a, bin(CERT_EF_SIZE, 'free', true)],
    [0x000b, bin(CERT_EF_SIZE, 'free', true)],
    // 160 bytes: a PKCS #11 CK_TOKEN_INFO with 4-byte big-endian integers (jpkiTokenInfoFile).
    [0x0006, bin(JPKI_TOKEN_INFO_SIZE, 'free')],
    [
      0x0008,
      { type: 'binary', size: 3, read: 'free', issuerWritable: false, derived: 'cert-presence' },
    ],
    [0x0017, { type: 'key', key: 'auth', pin: 'jpki-auth' }],
    [0x001a, { type: 'key', key: 'sign', pin: 'jpki-sign' }],
    [0x0018, { type: 'secret', secret: 'jpki-auth' }],
    [0x001b, { type: 'secret', secret: 'jpki-sign' }],
  ]),
  text: new Map<number, FileDef>([
    // 17 bytes: the 15-byte TLV and two FF, exactly as the published dump (the digest in 0003 covers them).
    [0x0001, bin(17, { anyOf: ['text-pin', 'text-a'] })],
    // 0002 and 0003 are rewritten by the issuer after a move or a new name (券面記載事項の変更).
    [0x0002, bin(0x0200, { anyOf: ['text-pin', 'text-b'] }, true)],
    [0x0003, bin(0x0200, { anyOf: ['text-pin', 'text-a', 'text-b'] }, true)],
    [0x0004, bin(0x0400, 'free')],
    [0x0005, bin(0x0100, 'free')],
    // 0006 session-key public key, 0007 the application's signed public key, 0008 sixteen FF of
    // unknown purpose: read access as recorded (soltia48/myna-card, tests/fixtures/README.md).
    [0x0006, bin(0x0200, { anyOf: ['text-pin', 'text-a', 'text-b'] })],
    [0x0007, bin(0x0400, { anyOf: ['text-pin', 'text-a', 'text-b'] })],
    [0x0008, bin(16, 'free')],
    [0x0011, { type: 'secret', secret: 'text-pin' }],
    [0x0012, { type: 'secret', secret: 'text-blocked' }],
    [0x0014, { type: 'secret', secret: 'text-a' }],
    [0x0015, { type: 'secret', secret: 'text-b' }],
  ]),
  visual: new Map<number, FileDef>([
    [0x0001, bin(0x0400, { anyOf: ['visual-birth'] })],
    // Room for a real JPEG 2000 photo of a few kilobytes.
    // 0002 is rewritten by the issuer with the text application's 0002 (券面記載事項の変更).
    [0x0002, bin(0x4000, { anyOf: ['visual-a', 'visual-b'] }, true)],
    [0x0003, bin(0x0200, 'free')],
    [0x0004, bin(0x0400, 'free')],
    [0x0005, bin(0x0800, { anyOf: ['visual-a'] })],
    [0x0011, { type: 'secret', secret: 'visual-birth' }],
    [0x0012, { type: 'secret', secret: 'visual-b' }],
    [0x0013, { type: 'secret', secret: 'visual-a' }],
  ]),
  juki: new Map<number, FileDef>([[0x001c, { type: 'secret', secret: 'juki-pin' }]]),
  common: new Map<number, FileDef>([
    [0x0001, { type: 'record', read: 'free' }],
    // The product's chip-state object (docs/card.md, The issuer profile of this product): 01 active, 02 suspended, 03 terminated.
    [0x0003, bin(1, 'free', true)],
    [0x001c, { type: 'secret', secret: 'common-pin' }],
  ]),
};

export const CHIP_STATE_EF = { app: 'common', fid: 0x0003 } as const;

export const CHIP_STATE_BYTES = { active: 0x01, suspended: 0x02, terminated: 0x03 } as const;
export type ChipState = keyof typeof CHIP_STATE_BYTES;

/** Byte 0 (signing) or 1 (authentication) of JPKI EF 0008 when the certificate is there. */
export const CERTIFICATE_PRESENT = 0x8f;

/**
 * JPKI EF 0008 as a reader sees it: three bytes, no filler. `8F 8F 00` on a card with both
 * certificates and `00 8F 00` on one without the signing certificate (a holder under 15, a
 * 顔認証 card), as recorded by soltia48/myna-card (src/ap/jpki.rs, reads_the_certificate_availability).
 * A card with neither certificate (before 交付) is the simulator's choice: `00 00 00`.
 */
export function certificateAvailability(present: {
  readonly sign: boolean;
  readonly auth: boolean;
}): Uint8Array {
  return Uint8Array.of(
    present.sign ? CERTIFICATE_PRESENT : 0x00,
    present.auth ? CERTIFICATE_PRESENT : 0x00,
    0x00,
  );
}

/** Seen contact ATR of a My Number Card (docs/card.md). */
export const MY_NUMBER_ATR = fromHex('3BC5FF8131FB458073C6010000');
