// 後日交付のご案内: the slip handed to the resident when the issuance parks (the authority failed).
import { openJapaneseFont } from './fonts';
import { CONTENT_WIDTH, Form, PAGE, shortReference } from './form-layout';
import { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
import { writeBytesAtomic } from './pdf-file';
import type { DocumentOptions } from './receipt';

export interface DeferralSlipData {
  municipalityName: string;
  noticeNumber: string;
  residentName: string;
  /** The error code that parked the procedure (authority-unavailable, authority-refused …): said in words. */
  reasonCode: string;
  operatorName: string;
  /** ISO timestamp of the deferral. */
  at: string;
  practice: boolean;
  procedureId: string;
  /** ISO time of a reprint: the form says 再発行 with it under the title; absent on the first print. */
  reprintedAt?: string | null;
}

/** What happened, in words for the resident; the code stays in the procedure's journal. */
const REASONS: Readonly<Record<string, string>> = {
  'authority-unavailable':
    '電子証明書の発行システムに接続できなかったため、本日はマイナンバーカードの交付を完了できませんでした。',
  'authority-refused':
    '電子証明書の発行システムが発行を受け付けなかったため、本日はマイナンバーカードの交付を完了できませんでした。',
  'certificate-service-closed':
    '電子証明書の発行サービスの受付時間外（20時以降など）のため、本日は電子証明書を発行できませんでした。受付時間内にもう一度お越しください。',
  'certificate-check-failed':
    '発行した電子証明書の確認で不具合が見つかったため、本日はマイナンバーカードの交付を完了できませんでした。',
};
const REASON_OTHER =
  'システムの不具合のため、本日はマイナンバーカードの交付を完了できませんでした。';

export function deferralReasonText(reasonCode: string): string {
  return REASONS[reasonCode] ?? REASON_OTHER;
}

export async function writeDeferralSlipPdf(
  path: string,
  data: DeferralSlipData,
  options: DocumentOptions = {},
): Promise<{ bytes: number }> {
  const bytes = await renderDeferralSlip(data, options);
  return writeBytesAtomic(path, bytes);
}

export async function renderDeferralSlip(
  data: DeferralSlipData,
  options: DocumentOptions = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const form = Form.open(font, '後日交付のご案内', data.municipalityName);
  const left = PAGE.margin;

  if (data.practice) form.practiceMark('案内');

  form.text(japaneseEraDate(data.at), left, 62, { size: 10, align: 'right' });
  form.text(data.municipalityName, left, 76, { size: 10, align: 'right' });

  form.text('後日交付のご案内', left, 104, { size: 20, align: 'center', bold: true });
  if (data.reprintedAt) form.reprintMark(japaneseEraDateTime(data.reprintedAt));
  form.text(`${data.residentName}\u3000様`, left, 152, { size: 13 });

  let y = form.text(
    `${deferralReasonText(data.reasonCode)}お手数をおかけし、申し訳ございません。`,
    left,
    184,
    { size: 11, lineGap: 5 },
  );
  y = form.text(
    'マイナンバーカードは窓口で大切にお預かりしています。システムが復旧しましたら、改めて交付いたします。' +
      '次回、暗証番号をもう一度入力していただきます。',
    left,
    y + 8,
    { size: 11, lineGap: 5 },
  );

  // What to bring: the part the resident must not miss.
  const boxTop = y + 18;
  const items = [
    '１．この「後日交付のご案内」',
    '２．交付通知書（はがき）',
    '３．本人確認書類（本日お持ちいただいたものと同じ種類のもの）',
  ];
  const boxHeight = 40 + items.length * 22 + 26;
  form.box(left, boxTop, CONTENT_WIDTH, boxHeight, { width: 1.4 });
  form.text('次回ご来庁の際にお持ちいただくもの', left + 14, boxTop + 12, { size: 12, bold: true });
  let iy = boxTop + 40;
  for (const item of items) {
    form.text(item, left + 28, iy, { size: 11.5 });
    iy += 22;
  }
  form.text(
    '※ 15歳未満の方・成年被後見人の方は、法定代理人の方もご一緒にお越しください。',
    left + 28,
    iy + 4,
    { size: 9 },
  );

  const refTop = boxTop + boxHeight + 22;
  form.table(refTop, [
    { label: '交付通知書番号', lines: [data.noticeNumber], size: 10.5 },
    { label: '受付番号', lines: [shortReference(data.procedureId)], size: 10.5 },
    { label: '受付日時', lines: [japaneseEraDateTime(data.at)], size: 10.5 },
    { label: '担当者', lines: [data.operatorName], size: 10.5 },
  ]);

  form.text(
    `お問い合わせ：${data.municipalityName}\u3000マイナンバーカード交付窓口（この案内をお持ちください）`,
    left,
    PAGE.height - PAGE.margin - 24,
    { size: 9, width: CONTENT_WIDTH },
  );

  return form.finish();
}
