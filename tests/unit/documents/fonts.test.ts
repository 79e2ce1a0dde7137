// The Japanese font: found on this machine, or a clear error the core turns into receipt-failed.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DocumentFontError,
  fontCandidates,
  resolveJapaneseFont,
  writeDeferralSlipPdf,
  writeReceiptPdf,
} from '../../../main/documents';
import { PARKED_SLIP } from './fixtures';
import { pdfText } from './pdf-text';

const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
/** A font without kanji (fonts-dejavu comes with the Debian desktop stack). */
const LATIN = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const SLIP = PARKED_SLIP;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-font-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each document parses a 20 MB CJK font: seconds, not milliseconds, on a busy test machine.
describe('Japanese font', { timeout: 20_000 }, () => {
  it('picks the Japanese face of the Noto CJK collection on Debian', async () => {
    await expect(resolveJapaneseFont(undefined, 'linux')).resolves.toEqual({
      path: NOTO,
      face: 'NotoSansCJKjp-Regular',
    });
  });

  it('names every place it looked when no candidate is installed', async () => {
    // This Linux machine has none of the Windows fonts.
    const failure = resolveJapaneseFont(undefined, 'win32');

    await expect(failure).rejects.toBeInstanceOf(DocumentFontError);
    await expect(failure).rejects.toMatchObject({
      code: 'font-not-found',
      tried: fontCandidates('win32').map((c) => c.path),
    });
  });

  it('refuses a font file that does not exist, and writes no file', async () => {
    const path = join(dir, 'receipt.pdf');
    const written = writeDeferralSlipPdf(path, SLIP, { fontPath: join(dir, 'missing.ttf') });

    await expect(written).rejects.toBeInstanceOf(DocumentFontError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a font that cannot draw kanji', async () => {
    const written = writeDeferralSlipPdf(join(dir, 'slip.pdf'), SLIP, { fontPath: LATIN });

    await expect(written).rejects.toBeInstanceOf(DocumentFontError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('finds the Japanese face of a collection the caller names without a face', async () => {
    const path = join(dir, 'slip.pdf');
    await writeDeferralSlipPdf(path, SLIP, { fontPath: SERIF });

    expect(await pdfText(path)).toContain('後日交付のご案内');
  });

  it('writes the receipt with a font given by path', async () => {
    const path = join(dir, 'receipt.pdf');
    await writeReceiptPdf(
      path,
      {
        ...SLIP,
        municipalityCode: '999999',
        residentKana: 'マドグチ ハナコ',
        birthDate: '1992-07-08',
        cardSerial: '990000000000001',
        cardExpiry: '2036-07-08',
        certificates: { signing: null, auth: { notAfter: '2031-07-08' } },
        collectedJukiCard: false,
        collectedNotificationCard: false,
        issuedAt: SLIP.at,
      },
      { fontPath: NOTO },
    );

    expect(await pdfText(path)).toContain('受領書（マイナンバーカード）');
  });
});
