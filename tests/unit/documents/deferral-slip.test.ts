// 後日交付のご案内: the slip the resident takes home when the authority failed mid-issuance.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeferralSlipPdf } from '../../../main/documents';
import { shortReference } from '../../../main/documents/form-layout';
import { PARKED_SLIP } from './fixtures';
import { pdfPages, pdfRawText, pdfText, squash } from './pdf-text';

const PARKED = PARKED_SLIP;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-slip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each document parses a 20 MB CJK font: seconds, not milliseconds, on a busy test machine.
describe('後日交付のご案内', { timeout: 20_000 }, () => {
  it('tells the resident what happened, what to bring, and that the card stays at the counter', async () => {
    const path = join(dir, 'slip.pdf');
    const { bytes } = await writeDeferralSlipPdf(path, PARKED);

    expect(bytes).toBe((await stat(path)).size);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await pdfText(path);
    for (const expected of [
      '後日交付のご案内',
      '窓口花子様',
      '電子証明書の発行システムに接続できなかったため',
      '窓口で大切にお預かりしています',
      '次回ご来庁の際にお持ちいただくもの',
      'この「後日交付のご案内」',
      '交付通知書（はがき）',
      '本人確認書類',
      '交付通知書番号MD-2026-0001',
      `受付番号${shortReference(PARKED.procedureId)}`,
      '令和8年11月25日15時40分',
      '担当者練習一郎',
    ]) {
      expect(text).toContain(squash(expected));
    }
    // No code and no long number for the resident to copy: the reference is eight letters.
    expect(text).not.toContain('authority-unavailable');
    expect(text).not.toContain(PARKED.procedureId);
    expect(shortReference(PARKED.procedureId)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(text).not.toContain('練習用・無効');
    expect(await pdfPages(path)).toBe(1);
    expect(await readdir(dir)).toEqual(['slip.pdf']);
  });

  it('words a refusal by the authority differently from an outage', async () => {
    const path = join(dir, 'slip.pdf');
    await writeDeferralSlipPdf(path, { ...PARKED, reasonCode: 'authority-refused' });

    const text = await pdfText(path);
    expect(text).toContain('発行を受け付けなかったため');
    expect(text).not.toContain('接続できなかったため');
  });

  it('falls back to a general explanation for a code it has no words for', async () => {
    const path = join(dir, 'slip.pdf');
    await writeDeferralSlipPdf(path, { ...PARKED, reasonCode: 'card-removed' });

    const text = await pdfText(path);
    expect(text).toContain('システムの不具合のため');
    expect(text).not.toContain('card-removed');
  });

  it('carries the practice mark in practice mode and no twelve-digit number', async () => {
    const path = join(dir, 'slip.pdf');
    await writeDeferralSlipPdf(path, { ...PARKED, practice: true });

    const raw = await pdfRawText(path);
    expect(squash(raw)).toContain('練習用・無効');
    expect(raw).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });
});
