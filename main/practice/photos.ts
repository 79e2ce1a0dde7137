// Practice-mode photos of the fictional residents, generated at build time into resources/practice/photos.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PHOTOS = join('resources', 'practice', 'photos');
const NOTICE_NUMBER = /^MD-\d{4}-\d{4}$/;
/** Source (main/practice), the app bundle (out/main) and the e2e bundle (out/e2e/core) are all within this. */
const MAX_LEVELS = 6;

let found: string | null | undefined;

/**
 * resources/practice/photos, found by walking up from this module's own file. The same code
 * then works unbundled (tests, tsx), bundled into out/main (the app, inside app.asar too) and
 * bundled into out/e2e/core (the e2e harness), without an environment variable. Null when the
 * photos were never generated (`npm run photos`).
 */
export function practicePhotosDir(): string | null {
  if (found !== undefined) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS; level++) {
    const candidate = join(dir, PHOTOS);
    if (existsSync(candidate)) return (found = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not cached: a later `npm run photos` in the same process (a test) is then seen.
  return null;
}

async function readPhoto(
  noticeNumber: string,
  extension: string,
  dir?: string,
): Promise<Uint8Array | null> {
  // The notice number becomes part of a path: only the seed's own format gets that far.
  if (!NOTICE_NUMBER.test(noticeNumber)) return null;
  const base = dir ?? practicePhotosDir();
  if (base === null) return null;
  try {
    return new Uint8Array(await readFile(join(base, `${noticeNumber}.${extension}`)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The application photo (PNG, colour) of a practice application, or null when there is none. */
export function practiceApplicationPhoto(
  noticeNumber: string,
  dir?: string,
): Promise<Uint8Array | null> {
  return readPhoto(noticeNumber, 'png', dir);
}

/** The photo on the practice card of an application (JPEG 2000, JP2 file), or null when there is none. */
export function practiceChipPhoto(noticeNumber: string, dir?: string): Promise<Uint8Array | null> {
  return readPhoto(noticeNumber, 'jp2', dir);
}

/**
 * The trainer's photo scenario: a real face (a public-domain test photo from a Debian package,
 * written by `npm run photos`) as the chip photo (JP2, greyscale, chip size) and the application
 * photo (PNG), so that the face check's similarity score means something. Null when the photos
 * script found no test photo (the package is not installed).
 */
export async function practiceTestFace(
  dir?: string,
): Promise<{ chip: Uint8Array; application: Uint8Array } | null> {
  const base = dir ?? practicePhotosDir();
  if (base === null) return null;
  try {
    const [chip, application] = await Promise.all([
      readFile(join(base, 'test-face.jp2')),
      readFile(join(base, 'test-face.png')),
    ]);
    return { chip: new Uint8Array(chip), application: new Uint8Array(application) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
