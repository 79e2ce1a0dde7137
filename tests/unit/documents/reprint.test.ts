// 再発行: a document printed again says so under its title and otherwise says what the first said.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeferralSlipPdf, writeReceiptPdf } from '../../../main/documents';
import { writeFeeReceiptPdf } from '../../../main/documents/fee-receipt';
import { FEE_TARO, PARKED_SLIP, RECEIPT_HANAKO } from './fixtures';
import { pdfPages, pdfText, squash } from './pdf-text';

/** 2026-12-07 10:05 in Japan. */
const REPRINTED_AT = '2026-12-07T01:05:00.000Z';
const MARK = squash('再発行 令和8年12月7日 10時05分');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-reprint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the first print and the reprint with one writer; answers both texts. */
async function bothPrints<D>(
  write: (path: string, data: D) => Promise<unknown>,
  data: D,
): Promise<{ first: string; again: string; againPath: string }> {
  const firstPath = join(dir, 'first.pdf');
  const againPath = join(dir, 'again.pdf');
  await write(firstPath, data);
  await write(againPath, { ...data, reprintedAt: REPRINTED_AT });
  return { first: await pdfText(firstPath), again: await pdfText(againPath), againPath };
}

describe('再発行', { timeout: 30_000 }, () => {
  it.each([
    ['受領書', () => bothPrints(writeReceiptPdf, RECEIPT_HANAKO), '受領書（マイナンバーカード）'],
    ['後日交付のご案内', () => bothPrints(writeDeferralSlipPdf, PARKED_SLIP), '後日交付のご案内'],
    ['領収書', () => bothPrints(writeFeeReceiptPdf, FEE_TARO), '領収書（再交付手数料）'],
  ])('%s: 再発行 with the date and time, and every fact of the first', async (_, print, title) => {
    const { first, again, againPath } = await print();

    expect(first).not.toContain(MARK);
    expect(again).toContain(MARK);
    // Right under the title, before anything else of the form.
    expect(again.indexOf(MARK)).toBeGreaterThan(again.indexOf(squash(title)));
    expect(again.replace(MARK, '')).toBe(first);
    expect(await pdfPages(againPath)).toBe(1);
  });
});
