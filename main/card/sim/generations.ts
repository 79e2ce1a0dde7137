// Card generations the simulated card can play: the ATR, what that ATR announces, and the answers that differ between cards.
import { fromHex } from './bytes';

export type GenerationId = 'first' | 'second';

export const GENERATION_IDS: readonly GenerationId[] = ['first', 'second'];

/** What an ATR tells a reader (ISO/IEC 7816-3 interface bytes, 7816-4 card capabilities). */
export interface AtrFacts {
  /** Clock rate conversion factor (TA1 high nibble; 372 when TA1 is absent). */
  readonly fi: number;
  /** Baud rate adjustment factor (TA1 low nibble; 1 when TA1 is absent). */
  readonly di: number;
  /** TC1: extra guard time N (255: the minimum character time, 11 etu under T=1). */
  readonly extraGuardTime: number;
  /** T=1 information field size of the card (the first TA after T=1 is announced; 32 if absent). */
  readonly ifsc: number;
  /** T=1 block waiting time integer (high nibble of the first TB after T=1; 4 if absent). */
  readonly bwi: number;
  /** Third software function byte of the card capabilities, bit 8. */
  readonly commandChaining: boolean;
  /** Same byte, bit 7: extended Lc and Le. */
  readonly extendedLength: boolean;
}

// ISO/IEC 7816-3 tables of Fi and Di by TA1 nibble (RFU entries read as the default).
const FI = [372, 372, 558, 744, 1116, 1488, 1860, 372, 372, 512, 768, 1024, 1536, 2048, 372, 372];
const DI = [1, 1, 2, 4, 8, 16, 32, 64, 12, 20, 1, 1, 1, 1, 1, 1];

/** Reads the interface bytes and the compact-TLV card capabilities (tag 7) of an ATR. */
export function atrFacts(atr: Uint8Array): AtrFacts {
  let fi = 372;
  let di = 1;
  let extraGuardTime = 0;
  let ifsc = 32;
  let bwi = 4;
  let bwiSeen = false;
  let at = 1;
  const t0 = atr[at++] ?? 0;
  const historicalLength = t0 & 0x0f;
  let y = t0 >> 4;
  let level = 1;
  let t1Seen = false;
  while (at < atr.length) {
    const ta = y & 1 ? atr[at++] : undefined;
    const tb = y & 2 ? atr[at++] : undefined;
    const tc = y & 4 ? atr[at++] : undefined;
    const td = y & 8 ? atr[at++] : undefined;
    if (level === 1 && ta !== undefined) {
      fi = FI[ta >> 4]!;
      di = DI[ta & 0x0f]!;
    }
    if (level === 1 && tc !== undefined) extraGuardTime = tc;
    if (level > 2 && t1Seen && ta !== undefined && ifsc === 32) ifsc = ta;
    if (level > 2 && t1Seen && tb !== undefined && !bwiSeen) {
      bwi = tb >> 4;
      bwiSeen = true;
    }
    if (td === undefined) break;
    if ((td & 0x0f) === 1) t1Seen = true;
    y = td >> 4;
    level += 1;
  }
  const historical = atr.slice(at, at + historicalLength);
  let commandChaining = false;
  let extendedLength = false;
  // Category indicator 80: compact-TLV objects follow; tag 7 is the card capabilities.
  if (historical[0] === 0x80) {
    let i = 1;
    while (i < historical.length) {
      const tag = historical[i]! >> 4;
      const length = historical[i]! & 0x0f;
      if (tag === 7 && length >= 3) {
        const third = historical[i + 3]!;
        commandChaining = (third & 0x80) !== 0;
        extendedLength = (third & 0x40) !== 0;
      }
      i += 1 + length;
    }
  }
  return { fi, di, extraGuardTime, ifsc, bwi, commandChaining, extendedLength };
}

/** How one card generation answers where the recorded cards differ. */
export interface GenerationProfile {
  readonly id: GenerationId;
  readonly label: string;
  readonly atr: Uint8Array;
  /** Empty VERIFY on a secret verified in this session: the tries (63Cx) or 9000. */
  readonly emptyVerifyWhenVerified: 'tries' | 'ok';
  /** Empty VERIFY on a locked secret: 63C0 or 6984 (a VERIFY with data answers 6984 on both). */
  readonly emptyVerifyWhenLocked: 0x63c0 | 0x6984;
  /** GET DATA 5F51 (the contact ATR) also answers with no application selected. */
  readonly contactAtrWithoutApplication: boolean;
}

/**
 * Which chip generation answers which way is not published: the two sets of answers below are
 * each recorded from real cards or expected by a public client (docs/card.md, the conformance
 * table), and the pairing with an ATR is the simulator's choice. `first` is what the simulated
 * cards have always been (OpenSC's JPKI driver expects its empty-VERIFY answers); `second` has
 * the ATR that announces extended length, command chaining and a faster TA1.
 */
export const GENERATIONS: Readonly<Record<GenerationId, GenerationProfile>> = {
  first: {
    id: 'first',
    label: '接触 ATR 3B C5 FF…（既定速度・短い APDU）',
    atr: fromHex('3BC5FF8131FB458073C6010000'),
    emptyVerifyWhenVerified: 'tries',
    emptyVerifyWhenLocked: 0x6984,
    contactAtrWithoutApplication: false,
  },
  second: {
    id: 'second',
    label: '接触 ATR 3B DA 13…（TA1=13・拡張長・コマンドチェイン）',
    atr: fromHex('3BDA13FF8131FB468012392F31C173C601C03B'),
    emptyVerifyWhenVerified: 'ok',
    emptyVerifyWhenLocked: 0x63c0,
    contactAtrWithoutApplication: true,
  },
};
