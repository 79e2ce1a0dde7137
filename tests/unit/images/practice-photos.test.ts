// `npm run photos` and main/practice/photos.ts: every practice card gets a photo the app can find.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJp2 } from '../../../main/images/jp2';
import {
  practiceApplicationPhoto,
  practiceChipPhoto,
  practicePhotosDir,
} from '../../../main/practice/photos';
import { practiceSeed } from '../../../main/practice/seed';
import { readPng } from './png-reader';
import {
  generatePracticePhotos,
  type GenerationSummary,
} from '../../../scripts/generate-practice-photos';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const ROOT = resolve(import.meta.dirname, '../../..');
const PHOTOS = join(ROOT, 'resources/practice/photos');

const noticesWithCards = practiceSeed().residents.flatMap((r) =>
  r.applications.filter((a) => a.card).map((a) => a.noticeNumber),
);

let first: GenerationSummary;
const scratch = mkdtempSync(join(tmpdir(), 'practice-photos-'));
const fresh = join(scratch, 'generated');

beforeAll(async () => {
  // Into a scratch folder, so that the first run really writes everything. The real folder, which
  // the app reads, gets the same files copied where they differ (a run there would draw and encode
  // every photo again only to find most unchanged).
  first = await generatePracticePhotos(fresh);
  mkdirSync(PHOTOS, { recursive: true });
  for (const name of readdirSync(fresh)) {
    const bytes = readFileSync(join(fresh, name));
    const target = join(PHOTOS, name);
    if (!existsSync(target) || !readFileSync(target).equals(bytes)) writeFileSync(target, bytes);
  }
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run photos', SLOW, () => {
  it('writes a PNG and a JP2 for every application with a card, and the camera video', () => {
    expect(noticesWithCards.length).toBeGreaterThan(10);
    const files = new Set(readdirSync(fresh));
    for (const notice of noticesWithCards) {
      expect(files.has(`${notice}.png`)).toBe(true);
      expect(files.has(`${notice}.jp2`)).toBe(true);
    }
    expect(files.has('camera.y4m')).toBe(true);
    // The photo scenario's real face (from python3-skimage, which the test machine installs).
    for (const name of ['test-face.png', 'test-face.jp2', 'camera-test-face.y4m'])
      expect(files.has(name)).toBe(true);
    expect(first).toEqual({
      total: noticesWithCards.length * 2 + 1 + 3,
      written: noticesWithCards.length * 2 + 1 + 3,
    });
    const camera = statSync(join(fresh, 'camera.y4m'));
    expect(camera.size).toBeGreaterThan(640 * 480 * 1.5);
  });

  // One run for both (each draws and encodes every photo): of all the files, only the damaged one
  // is written again.
  it('is idempotent: a second run rewrites only a file that was changed, and leaves the others', async () => {
    const file = join(fresh, `${noticesWithCards[0]}.jp2`);
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    writeFileSync(join(fresh, 'camera.y4m'), 'damaged');
    expect(await generatePracticePhotos(fresh)).toEqual({ total: first.total, written: 1 });
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(join(fresh, 'camera.y4m')).size).toBeGreaterThan(1000);
  });
});

describe('practice photos at run time', SLOW, () => {
  it('finds resources/practice/photos from the module itself', () => {
    expect(practicePhotosDir()).toBe(PHOTOS);
  });

  it('gives the application photo as a 300 × 400 colour PNG and the chip photo as decodable JPEG 2000', async () => {
    const png = await practiceApplicationPhoto('MD-2026-0001');
    expect(png).not.toBeNull();
    const read = readPng(png!);
    expect([read.width, read.height, read.colourType]).toEqual([300, 400, 2]);
    const jp2 = await practiceChipPhoto('MD-2026-0001');
    const image = await decodeJp2(jp2!);
    expect(image.channels).toBe(1);
  });

  it('distinct residents have distinct photos', async () => {
    const a = await practiceChipPhoto(noticesWithCards[0]!);
    const b = await practiceChipPhoto(noticesWithCards[1]!);
    expect(a).not.toEqual(b);
  });

  it('is null for an application without a card, an unknown number, or a path in disguise', async () => {
    const withoutCard = practiceSeed()
      .residents.flatMap((r) => r.applications)
      .find((a) => !a.card)!.noticeNumber;
    expect(await practiceApplicationPhoto(withoutCard)).toBeNull();
    expect(await practiceChipPhoto('MD-9999-9999')).toBeNull();
    expect(await practiceChipPhoto('../../package')).toBeNull();
  });

  it('reads from another folder when given one', async () => {
    writeFileSync(join(scratch, 'MD-2026-0001.png'), Uint8Array.of(1, 2, 3));
    expect(await practiceApplicationPhoto('MD-2026-0001', scratch)).toEqual(Uint8Array.of(1, 2, 3));
    expect(await practiceChipPhoto('MD-2026-0001', scratch)).toBeNull();
  });
});
