// 追記欄の記載: what the clerk writes into the card's 追記欄 after a change of its facts (a move, a
// new name) or a switch of its kind (顔認証), as an A4 PDF on the shared form, kept with the records.
import { japaneseEraDate, japaneseEraDateTime } from './japanese-date';
import type { DocumentOptions } from './receipt';
import { openJapaneseFont } from './fonts';
import { Form, PAGE } from './form-layout';
import { writeBytesAtomic } from './pdf-file';

/** One line of the 追記欄 (the new address, the new name, 「顔認証」 or its removal). */
export interface CardNoteLine {
  /** What the line records: 住所, 氏名, 性別, 顔認証. */
  readonly label: string;
  /** What is written on the card. */
  readonly text: string;
}

/** What the note prints. It has no field for a PIN or the 個人番号, on purpose. */
export interface CardNoteData {
  municipalityName: string;
  municipalityCode: string;
  residentName: string;
  residentKana: string;
  cardSerial: string;
  /** 券面記載事項の変更, or 顔認証マイナンバーカードへの切替 / 通常のカードへの切替. */
  title: string;
  lines: readonly CardNoteLine[];
  /** ISO time the change was recorded: the day written beside each line. */
  recordedAt: string;
  /** What happened to the signing certificate, in words (失効, 再発行), or null. */
  signingCertificate: string | null;
  operatorName: string;
  practice: boolean;
  procedureId: string;
  reprintedAt?: string | null;
}

export async function writeCardNotePdf(
  path: string,
  data: CardNoteData,
  options: DocumentOptions = {},
): Promise<{ bytes: number }> {
  return writeBytesAtomic(path, await renderCardNote(data, options));
}

export async function renderCardNote(
  data: CardNoteData,
  options: DocumentOptions = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const title = '追記欄の記載';
  const form = Form.open(font, title, data.municipalityName);
  const left = PAGE.margin;
  const on = japaneseEraDate(data.recordedAt);
  if (data.practice) form.practiceMark(title);

  form.text(on, left, 62, { size: 10, align: 'right' });
  form.text(`カード製造番号\u3000${data.cardSerial}`, left, 76, { size: 10, align: 'right' });
  form.text(title, left, 104, { size: 20, align: 'center', bold: true });
  if (data.reprintedAt) form.reprintMark(japaneseEraDateTime(data.reprintedAt));
  form.text(`${data.residentName}\u3000様\u3000（${data.title}）`, left, 152, { size: 12.5 });

  const bottom = form.table(190, [
    { label: 'フリガナ', lines: [data.residentKana], size: 9.5, height: 24 },
    { label: '氏名', lines: [data.residentName], size: 14, height: 40 },
    ...data.lines.map((l) => ({ label: `追記（${l.label}）`, lines: [`${on}\u3000${l.text}`] })),
    ...(data.signingCertificate
      ? [{ label: '署名用電子証明書', lines: [data.signingCertificate] }]
      : []),
  ]);
  form.text(
    '上記をカードの追記欄に記載し、職印を押してください。記載の後、ご本人と一緒に確認してください。',
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
    '・この書面には、暗証番号および個人番号（マイナンバー）は記載していません。',
    left,
    officeTop + 86,
    { size: 8.5, lineGap: 3 },
  );
  return form.finish();
}
