// 受領書: what the resident signs at handover, read back from the PDF with poppler.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentError, writeReceiptPdf } from '../../../main/documents';
import { RECEIPT_HANAKO as HANAKO } from './fixtures';
import { pdfFonts, pdfPages, pdfRawText, pdfText, squash } from './pdf-text';

/** What the resident typed at the PIN screen: none of it may reach paper. */
const TYPED = ['MADO2026KEY', '7395', '2846', '5017'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-receipt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each document parses a 20 MB CJK font: seconds, not milliseconds, on a busy test machine.
describe('受領書', { timeout: 20_000 }, () => {
  it('prints the resident, the card, both certificates and the collected cards in Japanese', async () => {
    const path = join(dir, 'receipt.pdf');
    const { bytes } = await writeReceiptPdf(path, HANAKO);

    expect(bytes).toBe((await stat(path)).size);
    const text = await pdfText(path);
    for (const expected of [
      '受領書（マイナンバーカード）',
      '窓口市長様',
      '窓口花子',
      'マドグチハナコ',
      '平成4年7月8日',
      'カード製造番号990000000000001',
      '令和18年7月8日まで',
      '署名用電子証明書発行済み有効期限令和13年7月8日まで',
      '利用者証明用電子証明書発行済み有効期限令和13年7月8日まで',
      '住民基本台帳カード返納あり（回収済み）',
      '通知カードなし',
      '署名（自署）',
      '交付担当者練習一郎',
      '交付日令和8年11月25日',
      '令和8年11月25日21時05分',
      '団体コード999999',
      'MD-2026-0001',
    ]) {
      expect(text).toContain(squash(expected));
    }
    expect(text).not.toContain('練習用・無効');
    expect(await pdfPages(path)).toBe(1);
  });

  it('says なし（15歳未満） for the signing certificate of a child', async () => {
    const path = join(dir, 'child.pdf');
    await writeReceiptPdf(path, {
      ...HANAKO,
      birthDate: '2016-04-02',
      certificates: { signing: null, auth: { notAfter: '2031-04-02' } },
    });

    const text = await pdfText(path);
    expect(text).toContain('署名用電子証明書なし（15歳未満）');
    expect(text).toContain('平成28年4月2日');
    expect(text).toContain('利用者証明用電子証明書発行済み有効期限令和13年4月2日まで');
  });

  it('names the representative who takes the card, and their 照会書, at a 代理人交付', async () => {
    const path = join(dir, 'representative.pdf');
    await writeReceiptPdf(path, {
      ...HANAKO,
      representative: { name: '大森　健一', relation: 'child', inquiryNumber: 'SK-2026-060201' },
    });

    const text = await pdfText(path);
    for (const expected of [
      '本人の代理人として',
      '受領者（代理人）',
      '大森健一（子）',
      '代理人交付照会書兼回答書SK-2026-060201',
      '受領者（代理人）署名欄',
      '代理人署名（自署）',
      '窓口花子',
    ]) {
      expect(text).toContain(squash(expected));
    }
    expect(await pdfPages(path)).toBe(1);
    // In person, no representative is named.
    await writeReceiptPdf(join(dir, 'in-person.pdf'), HANAKO);
    expect(await pdfText(join(dir, 'in-person.pdf'))).not.toContain(squash('受領者（代理人）'));
  });

  it('marks a practice receipt 練習用・無効', async () => {
    const path = join(dir, 'practice.pdf');
    await writeReceiptPdf(path, { ...HANAKO, practice: true });

    const text = await pdfText(path);
    expect(text).toContain('練習用・無効');
    expect(text).toContain('正式な書類として使用できません');
    expect(await pdfPages(path)).toBe(1);
  });

  it('never prints a twelve-digit number or a value the resident typed', async () => {
    const path = join(dir, 'receipt.pdf');
    await writeReceiptPdf(path, HANAKO);

    const raw = await pdfRawText(path);
    expect(raw).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    // The procedure reference is still there, its digits in groups of four.
    expect(raw).toContain('1234 5678 9012');
    for (const secret of TYPED) expect(raw).not.toContain(secret);
  });

  it('refuses a field holding a twelve-digit number and writes nothing', async () => {
    const path = join(dir, 'receipt.pdf');
    const written = writeReceiptPdf(path, { ...HANAKO, noticeNumber: '123456789018' });

    await expect(written).rejects.toBeInstanceOf(DocumentError);
    await expect(written).rejects.toMatchObject({ code: 'forbidden-content' });
    await expect(written).rejects.not.toThrow(/123456789018/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('embeds a subset of the Japanese font', async () => {
    const path = join(dir, 'receipt.pdf');
    await writeReceiptPdf(path, HANAKO);

    const fonts = await pdfFonts(path);
    expect(fonts).toHaveLength(1);
    // Subset tag (ABCDEF+), the Japanese face, embedded: yes, subset: yes.
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+NotoSansCJKjp-Regular\s.*\byes\s+yes\s+yes\b/);
  });

  it('replaces an older file whole, readable by the operator only, leaving no temporary file', async () => {
    const path = join(dir, 'receipt.pdf');
    await writeFile(path, 'an older print');

    await writeReceiptPdf(path, HANAKO);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['receipt.pdf']);
    expect(await pdfText(path)).toContain('受領書');
  });
});
