// 受領書（マイナンバーカード）: the receipt the resident signs at handover, as an A4 PDF.
import type { DeliveryRelation } from '../../preload/contract/rules/documents';
import { openJapaneseFont } from './fonts';
import { CONTENT_WIDTH, Form, PAGE, type TableRow } from './form-layout';
import { DELIVERY_RELATION_WORDS } from './delivery-words';
import { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
import { writeBytesAtomic } from './pdf-file';

/** What the receipt prints. It has no field for a PIN or the 個人番号, on purpose. */
export interface ReceiptData {
  municipalityName: string;
  municipalityCode: string;
  noticeNumber: string;
  residentName: string;
  residentKana: string;
  /** YYYY-MM-DD */
  birthDate: string;
  cardSerial: string;
  cardExpiry: string;
  /** signing is null under 15 (no 署名用電子証明書). notAfter: ISO timestamp or YYYY-MM-DD. */
  certificates: { signing: { notAfter: string } | null; auth: { notAfter: string } };
  collectedJukiCard: boolean;
  collectedNotificationCard: boolean;
  operatorName: string;
  /** ISO timestamp of the handover. */
  issuedAt: string;
  practice: boolean;
  procedureId: string;
  /** ISO time of a reprint: the form says 再発行 with it under the title; absent on the first print. */
  reprintedAt?: string | null;
  /**
   * 代理人交付: who took the card for the resident, as the request recorded them, and the 照会書
   * they brought back; absent when the resident took it in person.
   */
  /** 交付 of a 顔認証マイナンバーカード: no PIN set, no signing certificate. */
  faceAuth?: boolean;
  representative?: {
    name: string;
    relation: DeliveryRelation;
    inquiryNumber: string;
  } | null;
}

export interface DocumentOptions {
  /** A font file to embed instead of the system's Japanese font (.ttf, .otf or .ttc). */
  fontPath?: string;
}

export async function writeReceiptPdf(
  path: string,
  data: ReceiptData,
  options: DocumentOptions = {},
): Promise<{ bytes: number }> {
  const bytes = await renderReceipt(data, options);
  return writeBytesAtomic(path, bytes);
}

/** The receipt's PDF bytes (kept apart from the file write so that a failure writes nothing). */
export async function renderReceipt(
  data: ReceiptData,
  options: DocumentOptions = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const form = Form.open(font, '受領書（マイナンバーカード）', data.municipalityName);
  const left = PAGE.margin;
  const issuedOn = japaneseEraDate(data.issuedAt);

  if (data.practice) form.practiceMark('受領書');

  form.text(`交付日\u3000${issuedOn}`, left, 62, { size: 10, align: 'right' });
  form.text(`交付通知書番号\u3000${data.noticeNumber}`, left, 76, { size: 10, align: 'right' });

  form.text('受領書（マイナンバーカード）', left, 104, { size: 20, align: 'center', bold: true });
  if (data.reprintedAt) form.reprintMark(japaneseEraDateTime(data.reprintedAt));

  form.text(`${data.municipalityName}長\u3000様`, left, 152, { size: 12.5 });
  const representative = data.representative ?? null;
  form.text(
    representative
      ? '私は、下記の本人の代理人として、マイナンバーカードの交付を受け、受領しました。'
      : '私は、下記のとおりマイナンバーカード（個人番号カード）の交付を受け、受領しました。',
    left,
    182,
    { size: 10.5 },
  );
  form.text('記', left, 208, { size: 11, align: 'center' });

  // The person who signs is named beside the resident whose card it is.
  const delivered: TableRow[] = representative
    ? [
        {
          label: '受領者（代理人）',
          lines: [
            `${representative.name}（${DELIVERY_RELATION_WORDS[representative.relation]}）`,
            `代理人交付\u3000照会書兼回答書 ${representative.inquiryNumber}`,
          ],
          size: 10.5,
        },
      ]
    : [];
  const signing = data.certificates.signing;
  const bottom = form.table(230, [
    { label: 'フリガナ', lines: [data.residentKana], size: 9.5, height: 24 },
    { label: '氏名', lines: [data.residentName], size: 16, height: 46 },
    { label: '生年月日', lines: [japaneseEraDate(data.birthDate)] },
    { label: 'カード製造番号', lines: [data.cardSerial] },
    { label: 'カードの有効期限', lines: [`${japaneseEraDate(data.cardExpiry)}まで`] },
    ...(data.faceAuth
      ? [{ label: 'カードの種類', lines: ['顔認証マイナンバーカード（暗証番号の設定なし）'] }]
      : []),
    {
      label: '署名用電子証明書',
      lines: [
        signing
          ? `発行済み\u3000有効期限 ${japaneseEraDate(signing.notAfter)}まで`
          : data.faceAuth
            ? 'なし（顔認証マイナンバーカード）'
            : 'なし（15歳未満）',
      ],
    },
    {
      label: '利用者証明用電子証明書',
      lines: [`発行済み\u3000有効期限 ${japaneseEraDate(data.certificates.auth.notAfter)}まで`],
    },
    {
      label: '返納されたカード',
      lines: [
        `住民基本台帳カード\u3000${data.collectedJukiCard ? '返納あり（回収済み）' : 'なし'}`,
        `通知カード\u3000\u3000\u3000\u3000\u3000${data.collectedNotificationCard ? '返納あり（回収済み）' : 'なし'}`,
      ],
      size: 10.5,
    },
    ...delivered,
  ]);

  form.text('以上', left, bottom + 6, { size: 10.5, align: 'right' });

  // The resident's part: signed by hand on the printed sheet.
  const signTop = bottom + 26;
  form.box(left, signTop, CONTENT_WIDTH, 96, { width: 1.2 });
  form.text(representative ? '受領者（代理人）署名欄' : '受領者署名欄', left + 12, signTop + 10, {
    size: 10.5,
    bold: true,
  });
  form.text(
    representative
      ? '上記の内容を確認し、本人に代わってカードを受け取りました。'
      : '上記の内容を確認し、カードを受け取りました。',
    left + 12,
    signTop + 28,
    { size: 9.5 },
  );
  form.text(representative ? '代理人署名（自署）' : '署名（自署）', left + 12, signTop + 62, {
    size: 10.5,
  });
  form.line(left + (representative ? 116 : 90), signTop + 76, left + 300, signTop + 76, 0.8);
  form.text('受領日', left + 318, signTop + 62, { size: 10.5 });
  form.text(`${issuedOn}`, left + 362, signTop + 62, { size: 10.5 });
  // A representative's relation is printed above already.
  if (!representative)
    form.text(
      '法定代理人が受け取る場合は、代理人が署名し、続柄を書き添えてください。（続柄：\u3000\u3000\u3000\u3000\u3000）',
      left + 12,
      signTop + 82,
      { size: 8 },
    );

  // The counter's part.
  const officeTop = signTop + 108;
  form.officeRecord(officeTop, {
    title: '交付記録（市区町村記入欄）',
    when: `交付日時\u3000${japaneseEraDateTime(data.issuedAt)}`,
    operator: `交付担当者\u3000${data.operatorName}`,
    municipality: `${data.municipalityName}（団体コード ${data.municipalityCode}）`,
    procedureId: data.procedureId,
  });

  const notesTop = officeTop + 84;
  form.text(
    '・この受領書には、暗証番号および個人番号（マイナンバー）は記載していません。\n' +
      '・暗証番号は他人に知られないようにしてください。カードを紛失したときは、ただちにマイナンバー総合フリーダイヤル又はお住まいの市区町村にご連絡ください。\n' +
      '・電子証明書の有効期限はカードの有効期限と異なります。期限が近づいたら更新の手続きをしてください。',
    left,
    notesTop,
    { size: 8.5, lineGap: 3 },
  );

  return form.finish();
}
