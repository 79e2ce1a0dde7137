// Finds a Japanese font on this machine for the printed documents: Noto CJK, Yu Gothic, Meiryo …
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { DocumentFontError } from './errors';

/** A font file and, for a collection (.ttc), the PostScript name of its Japanese face. */
export interface FontChoice {
  readonly path: string;
  readonly face: string | undefined;
}

/**
 * Candidates in order of preference per platform. A collection holds several faces; pdfkit
 * needs the face's PostScript name, and the Japanese one matters for Noto (its SC/TC faces draw
 * some kanji in Chinese shapes).
 */
const CANDIDATES: Readonly<Partial<Record<NodeJS.Platform, readonly FontChoice[]>>> = {
  linux: [
    {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKjp-Regular',
    },
    { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKjp-Regular' },
    {
      path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKjp-Regular',
    },
    { path: '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf', face: undefined },
    { path: '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf', face: undefined },
  ],
  win32: [
    { path: 'C:\\Windows\\Fonts\\YuGothM.ttc', face: 'YuGothic-Medium' },
    { path: 'C:\\Windows\\Fonts\\meiryo.ttc', face: 'Meiryo' },
    { path: 'C:\\Windows\\Fonts\\msgothic.ttc', face: 'MS-Gothic' },
  ],
  darwin: [
    { path: '/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc', face: 'HiraginoSans-W3' },
    { path: '/System/Library/Fonts/ヒラギノ角ゴ ProN W3.otf', face: undefined },
    { path: '/Library/Fonts/Arial Unicode.ttf', face: undefined },
  ],
};

/** Japanese faces tried, in order, when the caller names a collection without saying which face. */
export const JAPANESE_FACES = [
  'NotoSansCJKjp-Regular',
  'NotoSerifCJKjp-Regular',
  'YuGothic-Medium',
  'YuGothic-Regular',
  'Meiryo',
  'MS-Gothic',
  'HiraginoSans-W3',
  'HiraKakuProN-W3',
] as const;

export function fontCandidates(
  platform: NodeJS.Platform = process.platform,
): readonly FontChoice[] {
  return CANDIDATES[platform] ?? CANDIDATES.linux ?? [];
}

export function isCollection(path: string): boolean {
  return /\.(ttc|otc)$/i.test(path);
}

/**
 * The font to embed: the caller's file if given (its face looked up when it is a collection),
 * else the first candidate present. Whether the file really draws Japanese is checked when it
 * is loaded (form-layout.ts), because only the font parser can tell.
 */
export async function resolveJapaneseFont(
  fontPath?: string,
  platform: NodeJS.Platform = process.platform,
): Promise<FontChoice> {
  if (fontPath !== undefined) {
    if (!(await readable(fontPath))) throw new DocumentFontError([fontPath]);
    const known = fontCandidates(platform).find((c) => c.path === fontPath);
    return { path: fontPath, face: known?.face };
  }
  const candidates = fontCandidates(platform);
  for (const c of candidates) if (await readable(c.path)) return c;
  throw new DocumentFontError(candidates.map((c) => c.path));
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** A resolved font with its file's bytes. */
export interface FontFile extends FontChoice {
  readonly bytes: Buffer;
}

/**
 * The last font file read, kept: a CJK collection is about 20 MB, and reading it for every
 * receipt costs more time (mostly garbage collection) than laying the page out.
 */
let cached: { path: string; bytes: Promise<Buffer> } | null = null;

/** resolveJapaneseFont, then the file's bytes (read once per path). */
export async function openJapaneseFont(fontPath?: string): Promise<FontFile> {
  const choice = await resolveJapaneseFont(fontPath);
  if (cached?.path !== choice.path) {
    const bytes = readFile(choice.path);
    cached = { path: choice.path, bytes };
    bytes.catch(() => {
      if (cached?.bytes === bytes) cached = null;
    });
  }
  try {
    return { ...choice, bytes: await cached.bytes };
  } catch {
    throw new DocumentFontError([choice.path]);
  }
}
