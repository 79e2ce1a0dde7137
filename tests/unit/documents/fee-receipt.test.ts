// 再交付手数料の領収書 / 免除記録: what the resident takes home after a reissue, read back with poppler.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentError } from '../../../main/documents';
import { writeFeeReceiptPdf } from '../../../main/documents/fee-receipt';
import { reissueFee } from '../../../preload/contract/rules/fees';
import { FEE_TARO as TARO } from './fixtures';
import { REISSUE_REASON_LABELS } from '../../../preload/contract/rules/reasons';
import { pdfPages, pdfRawText, pdfText, squash } from './pdf-text';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-fee-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('再交付手数料の領収書', { timeout: 20_000 }, () => {
  it('prints the amount, its lines, the reason and the old card, on one page readable by the operator only', async () => {
    const path = join(dir, 'fee.pdf');
    const { bytes } = await writeFeeReceiptPdf(path, TARO);
    expect(bytes).toBe((await stat(path)).size);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await pdfText(path);
    for (const expected of [
      '領収書（再交付手数料）',
      '見本太郎様',
      '金額1,000円',
      'カード再交付800円',
      '電子証明書再発行200円',
      '再交付の理由紛失',
      '旧カード製造番号990000000000002',
      'MD-2026-R0001',
      '担当者練習一郎',
    ])
      expect(text).toContain(squash(expected));
    expect(await pdfPages(path)).toBe(1);
  });

  it('a fee free by rule is a 免除 record naming the rule; express says 特急発行', async () => {
    const path = join(dir, 'free.pdf');
    await writeFeeReceiptPdf(path, {
      ...TARO,
      reason: 'theft',
      fee: reissueFee({ reason: 'theft', express: false, withCertificates: true }),
      status: 'waived',
      waiverReason: 'free-by-rule',
      practice: true,
    });
    const text = await pdfText(path);
    expect(text).toContain(squash('手数料免除記録（再交付）'));
    expect(text).toContain(squash('金額0円'));
    expect(text).toContain(squash('規定により無料（盗難）'));
    expect(text).toContain('練習用・無効');

    const express = join(dir, 'express.pdf');
    await writeFeeReceiptPdf(express, {
      ...TARO,
      express: true,
      fee: reissueFee({ reason: 'lost', express: true, withCertificates: true }),
    });
    expect(await pdfText(express)).toContain(squash('特急発行2,000円'));
  });

  it('names the reason in the rules’ words, the ones the clerk window shows', async () => {
    const path = join(dir, 'words.pdf');
    await writeFeeReceiptPdf(path, {
      ...TARO,
      reason: 'missed-renewal',
      fee: reissueFee({ reason: 'missed-renewal', express: false, withCertificates: true }),
    });
    expect(await pdfText(path)).toContain(
      squash(`再交付の理由${REISSUE_REASON_LABELS['missed-renewal'].ja}`),
    );
    expect(REISSUE_REASON_LABELS['missed-renewal'].ja).toBe('継続利用の手続きをしなかった');
  });

  it('the practice banner keeps its whole sentence on one line of the red band', async () => {
    const path = join(dir, 'practice.pdf');
    await writeFeeReceiptPdf(path, { ...TARO, practice: true });
    const lines = (await pdfRawText(path)).split('\n');
    expect(
      lines.some((l) => l.includes('この領収書（再交付手数料）は') && l.endsWith('使用できません')),
    ).toBe(true);
  });

  it('never prints a twelve-digit number', async () => {
    const path = join(dir, 'guard.pdf');
    await expect(
      writeFeeReceiptPdf(path, { ...TARO, waiverReason: '123456789012', status: 'waived' }),
    ).rejects.toBeInstanceOf(DocumentError);
    await writeFeeReceiptPdf(path, TARO);
    expect(await pdfRawText(path)).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });
});
