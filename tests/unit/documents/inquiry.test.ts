// 照会書兼回答書: what the resident reads, answers and gives the representative to bring back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeInquiryPdf, type InquiryData } from '../../../main/documents';
import { pdfText } from './pdf-text';

const INQUIRY: InquiryData = {
  municipalityName: '見本県窓口市',
  noticeNumber: 'MD-2026-0601',
  residentName: '大森　ウメ',
  residentAddress: '見本県窓口市桜町６－１－２',
  representativeName: '大森　健一',
  relation: 'child',
  reason: 'age-75',
  inquiryNumber: 'SK-2026-871827',
  sentOn: '2026-12-07',
  validUntil: '2027-01-06',
  operatorName: '練習01（窓口職員）',
  practice: false,
  procedureId: 'dai-abcdefghijklmnopqrstuvwx',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-inquiry-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('照会書兼回答書', { timeout: 20_000 }, () => {
  it('names the representative, the reason, its number and validity, the answer and what to bring', async () => {
    const path = join(dir, 'inquiry.pdf');
    await writeInquiryPdf(path, INQUIRY);
    const text = await pdfText(path);
    for (const expected of [
      '照会書兼回答書',
      '大森ウメ様',
      '照会番号SK-2026-871827',
      '大森健一（子）',
      '75歳以上の高齢者',
      '令和9年1月6日まで',
      '回答欄',
      '暗証番号設定依頼書',
      '委任状',
      'Ｂ３点（うち１点は写真付き）',
    ])
      expect(text, expected).toContain(expected);
  });
});
