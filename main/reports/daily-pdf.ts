// 日報 as an A4 PDF on the counter's form layout (main/documents): procedures, fees, card stock.
import type { DailyReportDto } from '../../preload/contract/lifecycle';
import { groupedHex, type AuditAnchor } from '../audit/audit-anchors';
import { DocumentError } from '../documents/errors';
import { openJapaneseFont } from '../documents/fonts';
import { Form, PAGE } from '../documents/form-layout';
import { japaneseEraDate, japaneseEraDateTime } from '../documents/japanese-date';
import {
  PROCEDURE_KIND_LABELS,
  REPORT_FEE_LABELS,
  REPORT_OUTCOME_LABELS,
  REPORT_RULE_SET_LABEL,
  REPORT_STOCK_LABELS,
  waiverReasonLabel,
} from '../../preload/contract/rules/report-labels';
import { DIGIT_RUN } from './digit-run';

/** Every string of the report, checked before anything is drawn. */
function checked(lines: readonly string[]): readonly string[] {
  for (const l of lines)
    if (DIGIT_RUN.test(l))
      throw new DocumentError('forbidden-content', 'a run of twelve digits may not be printed');
  return lines;
}

export async function renderDailyReportPdf(
  r: DailyReportDto,
  options: { practice: boolean; fontPath?: string; anchor?: AuditAnchor },
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const form = Form.open(font, `日報 ${r.date}`, r.municipality);
  const left = PAGE.margin;
  if (options.practice) form.practiceMark('日報');

  form.text(checked([`${r.municipality}`])[0]!, left, 62, { size: 10, align: 'right' });
  form.text('日報（マイナンバーカード窓口）', left, 90, { size: 18, align: 'center', bold: true });
  form.text(`対象日\u3000${japaneseEraDate(r.date)}`, left, 122, { size: 11 });

  form.text('手続の件数', left, 148, { size: 11.5, bold: true });
  let y = form.table(
    166,
    r.procedures.map((p) => ({
      label: PROCEDURE_KIND_LABELS[p.kind].ja,
      lines: checked([
        [
          `${REPORT_OUTCOME_LABELS.completed.ja} ${p.completed}件`,
          `${REPORT_OUTCOME_LABELS.cancelled.ja} ${p.cancelled}件`,
          `${REPORT_OUTCOME_LABELS.open.ja} ${p.open}件`,
        ].join('\u3000'),
      ]),
      height: 24,
      size: 10,
    })),
    190,
  );

  form.text('手数料', left, y + 14, { size: 11.5, bold: true });
  const waived = r.fees.waivedReasons.map(
    (w) => `${waiverReasonLabel(w.reason).ja}\u3000${w.count}件`,
  );
  y = form.table(y + 32, [
    {
      label: REPORT_FEE_LABELS.paid.ja,
      lines: checked([`${r.fees.paidCount}件\u3000${r.fees.paidYen.toLocaleString('ja-JP')}円`]),
      height: 24,
      size: 10,
    },
    {
      label: REPORT_FEE_LABELS.waived.ja,
      lines: checked([`${r.fees.waivedCount}件`, ...waived]),
      size: 10,
    },
    {
      label: REPORT_RULE_SET_LABEL.ja,
      lines: checked([r.ruleSet.label.ja]),
      height: 24,
      size: 10,
    },
  ]);

  form.text('カードの受払（在庫照合）', left, y + 14, { size: 11.5, bold: true });
  const c = r.cards;
  y = form.table(
    y + 32,
    [
      [REPORT_STOCK_LABELS.received.ja, c.received],
      [REPORT_STOCK_LABELS.issued.ja, c.issued],
      [REPORT_STOCK_LABELS.returned.ja, c.returned],
      [REPORT_STOCK_LABELS.destroyed.ja, c.destroyed],
      [REPORT_STOCK_LABELS.uncollectedDestroyed.ja, c.uncollectedDestroyed],
      [REPORT_STOCK_LABELS.inStockAtEnd.ja, c.inStockAtEnd],
    ].map(([label, n]) => ({
      label: String(label),
      lines: checked([`${n}枚`]),
      height: 24,
      size: 10,
    })),
  );

  form.text(`作成日時\u3000${japaneseEraDateTime(r.generatedAt)}`, left, y + 16, { size: 9 });
  form.text('この日報には、個人番号（マイナンバー）や暗証番号は記載していません。', left, y + 32, {
    size: 8.5,
  });
  const a = options.anchor;
  if (a) {
    // The audit log's head as this report was made: kept on paper, it shows later whether the
    // log was cut short or rewritten (README, the audit anchors).
    const lines = checked([
      `監査ログ照合情報\u3000記録番号 ${a.seq}\u3000鍵 ${a.keyId}\u3000${japaneseEraDateTime(a.at)}`,
      `ハッシュ ${groupedHex(a.head)}`,
      `MAC ${groupedHex(a.mac)}`,
    ]);
    lines.forEach((line, i) => form.text(line, left, y + 52 + i * 12, { size: 7.5 }));
  }
  return form.finish();
}
