// `npm run photos`: draws a portrait for each practice application with a card, writes PNG + JPEG 2000 + a camera Y4M.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { chipPhotoOf, drawPortrait, type PortraitHints } from '../main/images/portrait';
import { decodePng, encodePng, type RawImage } from '../main/images/png';
import { encodeY4m } from '../main/images/y4m';
import { CASE_RESIDENTS } from '../main/practice/practice-cases';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = join(ROOT, 'resources/practice/seed.json');
const OUT = join(ROOT, 'resources/practice/photos');

/** Only what the portraits need; main/practice/seed.ts validates the whole file. */
const seedSchema = z.object({
  referenceDate: z.string(),
  residents: z.array(
    z.object({
      birthDate: z.string(),
      sex: z.enum(['male', 'female', 'not-applicable', 'unknown']),
      applications: z.array(
        z.object({
          noticeNumber: z.string().regex(/^MD-\d{4}-\d{4}$/),
          card: z.object({ state: z.string() }).optional(),
        }),
      ),
    }),
  ),
});

function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Writes only what changed, so a second run leaves every file (and its mtime) as it was. */
function write(path: string, bytes: Uint8Array): boolean {
  try {
    const old = readFileSync(path);
    if (old.length === bytes.length && old.equals(bytes)) return false;
  } catch {
    // not there yet
  }
  writeFileSync(path, bytes);
  return true;
}

const CAMERA = { width: 640, height: 480, frames: 6 } as const;
const CAMERA_WALL = [222, 226, 230] as const;

/**
 * The resident in front of the fake camera, on a plain wall: the portrait is drawn again at
 * camera scale without its photo backdrop, and sways a pixel or two from frame to frame.
 */
function cameraFrames(seed: string, hints: PortraitHints): RawImage[] {
  const person = drawPortrait(seed, { ...hints, width: 330, height: 440, background: CAMERA_WALL });
  const frames: RawImage[] = [];
  for (let f = 0; f < CAMERA.frames; f++) {
    const sway = Math.round(Math.sin((f / CAMERA.frames) * 2 * Math.PI) * 2);
    const data = new Uint8Array(CAMERA.width * CAMERA.height * 3);
    for (let i = 0; i < data.length; i += 3) data.set(CAMERA_WALL, i);
    const left = (CAMERA.width - person.width) / 2 + sway;
    const top = CAMERA.height - person.height;
    for (let y = 0; y < person.height; y++) {
      const row = person.data.subarray(y * person.width * 3, (y + 1) * person.width * 3);
      data.set(row, ((top + y) * CAMERA.width + left) * 3);
    }
    frames.push({ width: CAMERA.width, height: CAMERA.height, channels: 3, data });
  }
  return frames;
}

/**
 * A public-domain photo of a real face (python3-skimage; scripts/install-system-packages.sh),
 * never committed: the face check's photo scenario and the similarity tests use it.
 */
export const TEST_FACE_SOURCE = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';
/** The portrait cut from it (3:4, the face in the upper middle), in source pixels. */
const TEST_FACE_CROP = { left: 90, top: 0, width: 300, height: 400 } as const;
/** The files written from it: application photo, chip photo, and the fake camera showing her. */
export const TEST_FACE_FILES = {
  application: 'test-face.png',
  chip: 'test-face.jp2',
  camera: 'camera-test-face.y4m',
} as const;

function crop(image: RawImage, box: typeof TEST_FACE_CROP): RawImage {
  const { channels } = image;
  const data = new Uint8Array(box.width * box.height * channels);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * image.width + box.left) * channels;
    data.set(image.data.subarray(from, from + box.width * channels), y * box.width * channels);
  }
  return { width: box.width, height: box.height, channels, data };
}

/** The test face in front of the fake camera: the portrait on the wall, as the drawings are. */
function testFaceFrames(person: RawImage): RawImage[] {
  return Array.from({ length: CAMERA.frames }, () => {
    const data = new Uint8Array(CAMERA.width * CAMERA.height * 3);
    for (let i = 0; i < data.length; i += 3) data.set(CAMERA_WALL, i);
    const left = (CAMERA.width - person.width) / 2;
    const top = CAMERA.height - person.height;
    for (let y = 0; y < person.height; y++)
      data.set(
        person.data.subarray(y * person.width * 3, (y + 1) * person.width * 3),
        ((top + y) * CAMERA.width + left) * 3,
      );
    return { width: CAMERA.width, height: CAMERA.height, channels: 3, data };
  });
}

/** Writes the test face's photos when the Debian package is installed; 0 files when it is not. */
export async function writeTestFace(outDir: string): Promise<{ total: number; written: number }> {
  if (!existsSync(TEST_FACE_SOURCE)) return { total: 0, written: 0 };
  const source = decodePng(readFileSync(TEST_FACE_SOURCE));
  if (source.channels !== 3) throw new Error(`${TEST_FACE_SOURCE}: an RGB PNG was expected`);
  const portrait = crop(source, TEST_FACE_CROP);
  let written = 0;
  if (write(join(outDir, TEST_FACE_FILES.application), encodePng(portrait))) written++;
  if (write(join(outDir, TEST_FACE_FILES.chip), await chipPhotoOf(portrait))) written++;
  if (write(join(outDir, TEST_FACE_FILES.camera), encodeY4m(testFaceFrames(portrait)))) written++;
  return { total: 3, written };
}

export interface GenerationSummary {
  /** Files the seed calls for: a PNG and a JP2 per application with a card, and the camera video. */
  readonly total: number;
  /** Files that were missing or different, and were (re)written. */
  readonly written: number;
}

/** Draws and writes every practice photo into `outDir` (default resources/practice/photos). */
export async function generatePracticePhotos(outDir: string = OUT): Promise<GenerationSummary> {
  // The seed file and the practice cases kept in their own modules beside it.
  const json = JSON.parse(readFileSync(SEED, 'utf8')) as { residents: unknown[] };
  const seed = seedSchema.parse({ ...json, residents: [...json.residents, ...CASE_RESIDENTS] });
  mkdirSync(outDir, { recursive: true });
  let written = 0;
  let total = 0;
  let camera: { seed: string; hints: PortraitHints } | null = null;
  for (const resident of seed.residents) {
    const hints: PortraitHints = {
      sex: resident.sex,
      age: ageOn(resident.birthDate, seed.referenceDate),
    };
    for (const application of resident.applications) {
      if (!application.card) continue;
      const notice = application.noticeNumber;
      const portrait = drawPortrait(notice, hints);
      // The camera shows the first resident whose card waits at the counter (the e2e issuance).
      if (!camera && application.card.state === 'prepared') camera = { seed: notice, hints };
      if (write(join(outDir, `${notice}.png`), encodePng(portrait))) written++;
      if (write(join(outDir, `${notice}.jp2`), await chipPhotoOf(portrait))) written++;
      total += 2;
    }
  }
  if (!camera) throw new Error('the seed has no application with a prepared card for the camera');
  if (write(join(outDir, 'camera.y4m'), encodeY4m(cameraFrames(camera.seed, camera.hints))))
    written++;
  total += 1;
  const testFace = await writeTestFace(outDir);
  return { total: total + testFace.total, written: written + testFace.written };
}

// Run as `npm run photos`; imported (tests), it only exports.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const { total, written } = await generatePracticePhotos();
  const ms = Math.round(performance.now() - started);
  console.log(
    `practice photos: ${total} files in resources/practice/photos, ${written} written (${ms} ms)`,
  );
}
