// 再交付手数料 領収書: the receipt of a reissue's fee (paid or waived), as an A4 PDF on the shared form.
import type { FeeDto } from '../../preload/contract/lifecycle';
import { FEE_LINE_LABELS } from '../../preload/contract/rules/fees';
import { REISSUE_REASON_LABELS, type ReissueReason } from '../../preload/contract/rules/reasons';
import type { DocumentOptions } from './receipt';
import { openJapaneseFont } from './fonts';
import { Form, PAGE } from './form-layout';
import { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
import { writeBytesAtomic } from './pdf-file';

/** What the fee receipt prints. It has no field for a PIN or the 個人番号, on purpose. */
export interface FeeReceiptData {
  municipalityName: string;
  municipalityCode: string;
  /** The new application's 交付通知書 number. */
  noticeNumber: string;
  residentName: string;
  residentKana: string;
  oldCardSerial: string;
  reason: ReissueReason;
  express: boolean;
  /** The new card gets certificates; without them the fee is the card's alone. */
  withCertificates?: boolean;
  fee: FeeDto;
  status: 'paid' | 'waived';
  /** 'free-by-rule' for a reason the rules do not charge, else the clerk's words. */
  waiverReason: string | null;
  operatorName: string;
  /** ISO timestamp of the fee's record. */
  recordedAt: string;
  practice: boolean;
  procedureId: string;
  /** ISO time of a reprint: the form says 再発行 with it under the title; absent on the first print. */
  reprintedAt?: string | null;
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

export async function writeFeeReceiptPdf(
  path: string,
  data: FeeReceiptData,
  options: DocumentOptions = {},
): Promise<{ bytes: number }> {
  return writeBytesAtomic(path, await renderFeeReceipt(data, options));
}

export async function renderFeeReceipt(
  data: FeeReceiptData,
  options: DocumentOptions = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const title = data.status === 'paid' ? '領収書（再交付手数料）' : '手数料免除記録（再交付）';
  const form = Form.open(font, title, data.municipalityName);
  const left = PAGE.margin;
  const on = japaneseEraDate(data.recordedAt);
  if (data.practice) form.practiceMark(title);

  form.text(`${on}`, left, 62, { size: 10, align: 'right' });
  form.text(`交付通知書番号\u3000${data.noticeNumber}`, left, 76, { size: 10, align: 'right' });
  form.text(title, left, 104, { size: 20, align: 'center', bold: true });
  if (data.reprintedAt) form.reprintMark(japaneseEraDateTime(data.reprintedAt));
  form.text(`${data.residentName}\u3000様`, left, 152, { size: 12.5 });

  const paid = data.status === 'paid';
  const amount = paid ? data.fee.amountYen : 0;
  const lines = paid
    ? data.fee.lines.map((l) => `${FEE_LINE_LABELS[l.item].ja}\u3000${yen(l.yen)}`)
    : ['免除'];
  const waiver =
    data.waiverReason === 'free-by-rule'
      ? `規定により無料（${REISSUE_REASON_LABELS[data.reason].ja}）`
      : (data.waiverReason ?? '');
  const bottom = form.table(190, [
    { label: 'フリガナ', lines: [data.residentKana], size: 9.5, height: 24 },
    { label: '氏名', lines: [data.residentName], size: 14, height: 40 },
    { label: '金額', lines: [yen(amount)], size: 16, height: 40 },
    { label: '内訳', lines },
    {
      label: '再交付の理由',
      lines: [
        REISSUE_REASON_LABELS[data.reason].ja +
          (data.express ? `（${FEE_LINE_LABELS.express.ja}）` : '') +
          (data.withCertificates === false ? '（電子証明書なし）' : ''),
      ],
    },
    { label: '旧カード製造番号', lines: [data.oldCardSerial] },
    ...(paid ? [] : [{ label: '免除の理由', lines: [waiver] }]),
  ]);
  form.text(
    paid
      ? '上記の金額を、マイナンバーカード再交付手数料として領収しました。'
      : '上記のとおり手数料を免除しました。',
    left,
    bottom + 12,
    { size: 10.5 },
  );

  const officeTop = bottom + 44;
  form.officeRecord(officeTop, {
    title: '市区町村記入欄',
    when: `記録日時\u3000${japaneseEraDateTime(data.recordedAt)}`,
    operator: `担当者\u3000${data.operatorName}`,
    municipality: `${data.municipalityName}（団体コード ${data.municipalityCode}）`,
    procedureId: data.procedureId,
  });
  form.text(
    '・この書面には、暗証番号および個人番号（マイナンバー）は記載していません。\n' +
      '・新しいカードの準備ができましたら、交付通知書でお知らせします。',
    left,
    officeTop + 86,
    { size: 8.5, lineGap: 3 },
  );
  return form.finish();
}
