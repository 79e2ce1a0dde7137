// 日報: a day of procedures in Japan time counted per kind and outcome, the fees, the card stock;
// the CSV (BOM, CRLF, defused cells, mode 0600) and the PDF, neither with a run of twelve digits.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDailyReports,
  dailyReport,
  dailyReportCsv,
  japanDayBounds,
} from '../../../main/reports/daily';
import { anchorMac, parseAnchors, type AuditAnchor } from '../../../main/audit/audit-anchors';
import { deriveAuditKeys } from '../../../main/audit/audit-keys';
import { pdfRawText, pdfText } from '../documents/pdf-text';
import { recordsFixture, refusalOf, type RecordsFixture } from '../workflows/revocation-fixture';

let f: RecordsFixture;
beforeEach(async () => {
  // 2026-11-25 08:00 in Japan.
  f = await recordsFixture(new Date('2026-11-24T23:00:00Z'));
});
afterEach(async () => {
  await f.dispose();
});

/** A day at the counter: two suspensions, a revocation, a cancelled one, two reissues, one open. */
async function aDay(): Promise<void> {
  const cards = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => f.issuedCard(i)));
  const w = f.engine();
  const report = (cardId: number) => ({
    cardId,
    report: {
      reporter: 'callcentre' as const,
      method: 'telephone' as const,
      reportedAt: '2026-11-24T22:00:00Z',
      note: '',
    },
  });
  await w.start('suspension', report(cards[0]!.cardId));
  await w.start('suspension', report(cards[1]!.cardId));
  const rev = (await w.start('revocation', { cardId: cards[0]!.cardId })).procedureId;
  await w.act(rev, 'setRevocationReason', { reason: 'lost', cardPresent: false });
  await w.act(rev, 'approve', { approvalId: await f.approval(rev, 'revocation') });
  const cancelled = (await w.start('revocation', { cardId: cards[2]!.cardId })).procedureId;
  await w.cancel(cancelled, '申請の取下げ');
  const paid = (await w.start('reissue', { cardId: cards[0]!.cardId })).procedureId;
  await w.act(paid, 'setReissueReason', { reason: 'lost', express: false });
  await w.act(paid, 'approve', { approvalId: await f.approval(paid, 'reissue') });
  await w.act(paid, 'recordFee', { status: 'paid', waiverReason: null });
  const free = (await w.start('reissue', { cardId: cards[3]!.cardId })).procedureId;
  await w.act(free, 'setReissueReason', { reason: 'disaster', express: false });
  await w.act(free, 'approve', { approvalId: await f.approval(free, 'reissue') });
  const open = (await w.start('reissue', { cardId: cards[4]!.cardId })).procedureId;
  // 23:59 in Japan is still the same day; 00:00 the next day is not.
  f.now = new Date('2026-11-25T14:59:00Z');
  await w.start('suspension', report(cards[4]!.cardId));
  f.now = new Date('2026-11-25T15:00:00Z');
  // One resident at a time: the open reissue is parked (保留) for the next resident's report.
  await w.hold(open, 'clerk');
  await w.start('suspension', report(cards[5]!.cardId));
  f.now = new Date('2026-11-26T01:00:00Z');
}

describe('日報', () => {
  it('a day in Japan time runs from 15:00 UTC the day before', () => {
    expect(japanDayBounds('2026-11-25')).toEqual({
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-25T15:00:00.000Z',
    });
    expect(() => japanDayBounds('2026-02-30')).toThrow();
  });

  it('counts each procedure kind by outcome, the fees and the stock of the day', async () => {
    await aDay();
    const r = await dailyReport(f.t.db, '2026-11-25', f.now, '見本県窓口市');
    const of = (kind: string) => r.procedures.find((p) => p.kind === kind);
    expect(of('suspension')).toEqual({ kind: 'suspension', completed: 3, cancelled: 0, open: 0 });
    expect(of('revocation')).toEqual({ kind: 'revocation', completed: 1, cancelled: 1, open: 0 });
    expect(of('reissue')).toEqual({ kind: 'reissue', completed: 2, cancelled: 0, open: 1 });
    expect(of('issuance')).toEqual({ kind: 'issuance', completed: 0, cancelled: 0, open: 0 });
    expect(r.fees).toEqual({
      paidCount: 1,
      paidYen: 1000,
      waivedCount: 1,
      waivedReasons: [{ reason: 'free-by-rule', count: 1 }],
    });
    // The fixture's cards were issued last year: none came in, went out or stayed in stock today.
    expect(r.cards).toEqual({
      received: 0,
      issued: 0,
      returned: 0,
      destroyed: 0,
      uncollectedDestroyed: 0,
      inStockAtEnd: 0,
    });
    expect(r.ruleSet.id).toBe('2024-12-02');
    const next = await dailyReport(f.t.db, '2026-11-26', f.now, '見本県窓口市');
    expect(next.procedures.find((p) => p.kind === 'suspension')?.completed).toBe(1);
  });

  it('refuses a day in the future and a date that does not exist', async () => {
    expect(await refusalOf(dailyReport(f.t.db, '2026-11-27', f.now, ''))).toBe('report-in-future');
    expect(await refusalOf(dailyReport(f.t.db, '2026-13-01', f.now, ''))).toBe('validation');
  });

  it('writes a CSV with a BOM for Excel, readable by the operator only, and a PDF, with no 12-digit run', async () => {
    await aDay();
    const reports = createDailyReports({
      db: () => f.t.db,
      now: () => f.now,
      outDir: f.t.dir,
      municipality: { name: '見本県窓口市', code: '99999' },
      practice: true,
    });
    const csv = await reports.writeCsv('2026-11-25');
    const text = readFileSync(csv.path, 'utf8');
    expect(text.startsWith('\uFEFF"section","item","outcome","value"\r\n')).toBe(true);
    expect(text).toContain('"procedures","reissue","completed","2"\r\n');
    expect(text).toContain('"fees","paid","yen","1000"\r\n');
    expect(text).not.toMatch(/\d{12}/);
    expect(statSync(csv.path).mode & 0o777).toBe(0o600);

    const pdf = await reports.writePdf('2026-11-25');
    expect(statSync(pdf.path).mode & 0o777).toBe(0o600);
    const printed = await pdfText(pdf.path);
    expect(printed).toContain('日報');
    // The screen's words (the message sets take them from the same labels).
    expect(printed).toContain('再交付完了2件中止0件未完了1件');
    expect(printed).toContain('受領1件1,000円');
    expect(printed).not.toMatch(/収納|処理中/);
    expect(printed).toContain('練習用・無効');
    expect(printed).not.toMatch(/\d{12}/);
  }, 30_000);

  it('prints the audit log’s anchor on the PDF and in the CSV, where audit:verify finds it again', async () => {
    const keys = deriveAuditKeys(randomBytes(32));
    // A head of digits only: printed in groups of eight, it never makes a run of twelve.
    const head = Buffer.alloc(32, 0x11);
    const anchor: AuditAnchor = {
      keyId: keys.keyId,
      seq: 48213,
      head,
      mac: anchorMac(keys, 48213, head),
      at: '2026-11-25T08:00:00.000Z',
      source: 'daily-report',
    };
    const reports = createDailyReports({
      db: () => f.t.db,
      now: () => f.now,
      outDir: f.t.dir,
      municipality: { name: '見本県窓口市', code: '99999' },
      anchor: async () => anchor,
    });
    const text = readFileSync((await reports.writeCsv('2026-11-25')).path, 'utf8');
    expect(text).toContain('"audit-anchor","seq","","48213"\r\n');
    expect(text).toContain('"audit-anchor","head","","11111111 11111111 11111111');
    expect(text).not.toMatch(/\d{12}/);
    expect(parseAnchors(text).anchors).toEqual([{ ...anchor, source: '' }]);

    const pdf = await reports.writePdf('2026-11-25');
    expect(await pdfText(pdf.path)).toContain(`監査ログ照合情報記録番号48213鍵${keys.keyId}`);
    const raw = await pdfRawText(pdf.path);
    expect(raw).toContain('11111111 11111111');
    expect(raw).toContain(`MAC ${anchor.mac.toString('hex').slice(0, 8)}`);
  }, 30_000);

  it('refuses to write a report that would carry a run of twelve digits, and defuses formula cells', async () => {
    const r = await dailyReport(f.t.db, '2026-11-25', f.now, '=HYPERLINK("x")');
    expect(dailyReportCsv(r)).toContain(`"'=HYPERLINK(""x"")"`);
    const leaking = await dailyReport(f.t.db, '2026-11-25', f.now, '窓口市 123456789012345');
    expect(() => dailyReportCsv(leaking)).toThrow();
    const reports = createDailyReports({
      db: () => f.t.db,
      now: () => f.now,
      outDir: f.t.dir,
      municipality: { name: '窓口市 123456789012345', code: '99999' },
    });
    expect(await refusalOf(reports.writePdf('2026-11-25'))).toBe('forbidden-content');
  }, 30_000);
});
