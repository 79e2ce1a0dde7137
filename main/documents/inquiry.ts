// 照会書兼回答書: posted to the resident after a representative asked to receive the card (代理人交付);
// the resident answers on it, seals the 暗証番号設定依頼書, and the representative brings both back.
import type { DeliveryReason, DeliveryRelation } from '../../preload/contract/rules/documents';
import { openJapaneseFont } from './fonts';
import { DELIVERY_RELATION_WORDS } from './delivery-words';
import { CONTENT_WIDTH, Form, PAGE, shortReference } from './form-layout';
import { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
import { writeBytesAtomic } from './pdf-file';
import type { DocumentOptions } from './receipt';

export interface InquiryData {
  municipalityName: string;
  noticeNumber: string;
  residentName: string;
  residentAddress: string;
  representativeName: string;
  relation: DeliveryRelation;
  reason: DeliveryReason;
  /** The 照会書's number, checked when it comes back. */
  inquiryNumber: string;
  /** YYYY-MM-DD: the day of the request, and the last day the reply is accepted. */
  sentOn: string;
  validUntil: string;
  operatorName: string;
  practice: boolean;
  procedureId: string;
  /** ISO time of a reprint: the form says 再発行 with it under the title; absent on the first print. */
  reprintedAt?: string | null;
}

/** The reason in the resident's words. */
export const DELIVERY_REASON_WORDS: Readonly<Record<DeliveryReason, string>> = {
  'age-75': '75歳以上の高齢者',
  illness: '病気',
  disability: '身体の障害',
  pregnancy: '妊娠中',
  'hospital-stay': '長期入院',
  'care-facility': '施設入所',
  'long-term-care': '要介護・要支援認定',
  preschool: '未就学児',
  student: '就学中の学生',
};

export async function writeInquiryPdf(
  path: string,
  data: InquiryData,
  options: DocumentOptions = {},
): Promise<{ bytes: number }> {
  return writeBytesAtomic(path, await renderInquiry(data, options));
}

export async function renderInquiry(
  data: InquiryData,
  options: DocumentOptions = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const form = Form.open(font, '照会書兼回答書', data.municipalityName);
  const left = PAGE.margin;
  if (data.practice) form.practiceMark('照会書');

  form.text(japaneseEraDate(data.sentOn), left, 56, { size: 10, align: 'right' });
  form.text(`${data.municipalityName}長`, left, 70, { size: 10, align: 'right' });
  form.text('照会書兼回答書', left, 96, { size: 20, align: 'center', bold: true });
  if (data.reprintedAt) form.reprintMark(japaneseEraDateTime(data.reprintedAt));
  form.text(`${data.residentName}\u3000様`, left, 154, { size: 13 });
  form.text(data.residentAddress, left, 172, { size: 9.5 });

  let y = form.text(
    'あなたのマイナンバーカードの受け取りについて、次の方から代理人による受け取りの申し出がありました。' +
      'お間違いがなければ、下の回答欄にご記入のうえ、この照会書を代理人の方にお渡しください。' +
      'お心当たりのない場合は、お手数ですが下記までご連絡ください。',
    left,
    194,
    { size: 10.5, lineGap: 4 },
  );

  y = form.table(y + 10, [
    { label: '照会番号', lines: [data.inquiryNumber], size: 12 },
    {
      label: '代理人',
      lines: [`${data.representativeName}（${DELIVERY_RELATION_WORDS[data.relation]}）`],
    },
    { label: '申出の理由', lines: [DELIVERY_REASON_WORDS[data.reason]] },
    { label: '交付通知書番号', lines: [data.noticeNumber], size: 10.5 },
    { label: '有効期限', lines: [`${japaneseEraDate(data.validUntil)}まで`], size: 11 },
  ]);

  // The resident's answer: the part that comes back.
  const answerTop = y + 14;
  form.box(left, answerTop, CONTENT_WIDTH, 132, { width: 1.4 });
  form.text('回答欄（ご本人がご記入ください）', left + 12, answerTop + 10, {
    size: 12,
    bold: true,
  });
  form.text(
    '□ 上記の者を代理人と定め、マイナンバーカードの受け取りを委任します。',
    left + 12,
    answerTop + 34,
    { size: 10.5 },
  );
  form.text(
    '□ 同封の暗証番号設定依頼書に暗証番号を記入し、封筒に入れて封をしました。',
    left + 12,
    answerTop + 54,
    { size: 10.5 },
  );
  form.text(
    '回答日\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日',
    left + 12,
    answerTop + 82,
    {
      size: 10.5,
    },
  );
  form.text('ご本人の署名', left + 250, answerTop + 82, { size: 10.5 });
  form.line(left + 320, answerTop + 96, left + CONTENT_WIDTH - 12, answerTop + 96);
  form.text(
    'ご本人が署名できない場合は、代筆者の氏名と続柄を余白にご記入ください。',
    left + 12,
    answerTop + 110,
    { size: 8.5 },
  );

  // What the representative brings: the list the counter checks on the second visit.
  const bringTop = answerTop + 146;
  const items = [
    '１．この照会書兼回答書（回答欄にご記入のもの）と、封をした暗証番号設定依頼書',
    '２．交付通知書（はがき）と、お持ちの通知カード・住民基本台帳カード',
    '３．ご本人の本人確認書類：Ａ２点、Ａ１点とＢ１点、またはＢ３点（うち１点は写真付き）',
    '４．代理人の本人確認書類：Ａ２点、またはＡ１点とＢ１点',
    '５．委任状（法定代理人の方は戸籍謄本など代理権を証明する書類）',
  ];
  const bringHeight = 34 + items.length * 20 + 24;
  form.box(left, bringTop, CONTENT_WIDTH, bringHeight, { width: 1 });
  form.text('代理人の方がお持ちいただくもの', left + 12, bringTop + 10, { size: 11, bold: true });
  let iy = bringTop + 34;
  for (const item of items) {
    form.text(item, left + 20, iy, { size: 9.5, width: CONTENT_WIDTH - 32 });
    iy += 20;
  }
  form.text(
    'Ａ：運転免許証、旅券、在留カード、写真付きの障害者手帳など　Ｂ：健康保険の資格確認書、年金手帳、介護保険被保険者証など',
    left + 20,
    iy + 2,
    { size: 8, width: CONTENT_WIDTH - 32 },
  );
  form.text(
    `有効期限を過ぎた照会書ではお受け取りになれません。受付番号 ${shortReference(data.procedureId)}\u3000担当 ${data.operatorName}`,
    left,
    bringTop + bringHeight + 10,
    { size: 8.5 },
  );

  form.text(
    `お問い合わせ：${data.municipalityName}\u3000マイナンバーカード交付窓口（この照会書をお持ちください）`,
    left,
    PAGE.height - PAGE.margin - 24,
    { size: 9, width: CONTENT_WIDTH },
  );
  return form.finish();
}
