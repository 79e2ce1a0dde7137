// Drawing of the municipal A4 forms (受領書, 後日交付のご案内): one Japanese font, ruled tables,
// the practice mark, and the single point every printed string passes through.
import PDFDocument from 'pdfkit';
import type { FontFile } from './fonts';
import { JAPANESE_FACES, isCollection } from './fonts';
import { DocumentError, DocumentFontError } from './errors';

export const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

const INK = '#000000';
const RULE = '#333333';
const LABEL_FILL = '#eeeeee';
const PRACTICE_RED = '#c00000';

/** A 個人番号 is exactly twelve digits; nothing of that shape may be printed on a form. */
const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/;

/** A procedure id is a UUID whose last group can, rarely, be twelve digits: print it in fours. */
export function referenceText(id: string): string {
  return id.replace(
    /(?<!\d)\d{12}(?!\d)/g,
    (m) => `${m.slice(0, 4)} ${m.slice(4, 8)} ${m.slice(8)}`,
  );
}

/**
 * A procedure's short reference for the resident: the id's last eight letters in two fours
 * (`iss-…QWERTYUI` → `QWER-TYUI`). The counter finds the procedure by it together with the
 * notice number; the whole id stays in the journal and the audit log.
 */
export function shortReference(procedureId: string): string {
  const tail = procedureId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-8)
    .toUpperCase();
  return `${tail.slice(0, 4)}-${tail.slice(4)}`;
}

export interface TableRow {
  readonly label: string;
  /** One string per line of the cell. */
  readonly lines: readonly string[];
  readonly height?: number;
  readonly size?: number;
}

/** Font internals pdfkit keeps after loading: the parsed font, asked whether kanji can be drawn. */
interface LoadedFont {
  readonly font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean };
}

/**
 * The parsed font of each font file's bytes, per face. Parsing a CJK collection and its 65,000
 * CFF glyphs took a second or more of every document; pdfkit takes a parsed font as well as bytes
 * and subsets it afresh for each document, so one parse serves them all.
 */
const parsedFonts = new WeakMap<Buffer, Map<string, object>>();

export class Form {
  readonly #doc: PDFKit.PDFDocument;
  #watermark = false;

  private constructor(doc: PDFKit.PDFDocument) {
    this.#doc = doc;
  }

  /** A new A4 page in the given font; throws DocumentFontError when it cannot draw Japanese. */
  static open(font: FontFile, title: string, author: string): Form {
    const doc = new PDFDocument({
      size: 'A4',
      // Every position is absolute; a small bottom margin means a long line never starts a page 2.
      margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 16 },
      lang: 'ja-JP',
      displayTitle: true,
      info: { Title: title, Author: author, Creator: '窓口', Producer: '窓口' },
      // No default Helvetica: pdfkit reads it from its package's data files, which a bundled
      // main process does not have; the Japanese font is set right after.
      font: null as unknown as string,
    });
    loadFont(doc, font);
    return new Form(doc);
  }

  /** Ends the document and returns its bytes. */
  finish(): Promise<Uint8Array> {
    if (this.#watermark) this.#drawWatermark();
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.#doc.on('data', (c: Buffer) => chunks.push(c));
      this.#doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.#doc.on('error', reject);
      this.#doc.end();
    });
  }

  /** Text at a position; the one place strings reach the page. */
  text(
    value: string,
    x: number,
    y: number,
    o: {
      size?: number;
      width?: number;
      align?: 'left' | 'center' | 'right';
      color?: string;
      bold?: boolean;
      lineGap?: number;
    } = {},
  ): number {
    guard(value);
    const size = o.size ?? 10.5;
    const doc = this.#doc;
    doc.fontSize(size).fillColor(o.color ?? INK);
    const width = o.width ?? CONTENT_WIDTH - (x - PAGE.margin);
    // A simulated bold (fill + thin stroke) keeps one embedded font for the whole form.
    if (o.bold) doc.lineWidth(size / 40).strokeColor(o.color ?? INK);
    doc.text(value, x, y, {
      width,
      align: o.align ?? 'left',
      lineGap: o.lineGap ?? 2,
      stroke: o.bold === true,
      fill: true,
    });
    return doc.y;
  }

  /** One line vertically centred on `middle` (CJK glyphs sit slightly below the line box's centre). */
  textMiddle(
    value: string,
    x: number,
    middle: number,
    o: { size?: number; width?: number; align?: 'left' | 'center' | 'right'; bold?: boolean } = {},
  ): void {
    const size = o.size ?? 10.5;
    const lineHeight = this.#doc.fontSize(size).currentLineHeight(true);
    this.text(value, x, middle - lineHeight / 2 + size * 0.04, { ...o, size, lineGap: 0 });
  }

  /** The largest size ≤ `size` at which a single line fits the width (long names). */
  fit(value: string, size: number, width: number, minimum = 7): number {
    let s = size;
    while (s > minimum && this.#doc.fontSize(s).widthOfString(value) > width) s -= 0.5;
    return s;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6, dash?: number): void {
    const doc = this.#doc;
    doc.save().lineWidth(width).strokeColor(RULE);
    if (dash) doc.dash(dash, { space: dash });
    doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
    doc.restore();
  }

  box(x: number, y: number, w: number, h: number, o: { fill?: string; width?: number } = {}): void {
    const doc = this.#doc;
    doc
      .save()
      .lineWidth(o.width ?? 0.8)
      .strokeColor(RULE);
    if (o.fill) doc.rect(x, y, w, h).fillAndStroke(o.fill, RULE);
    else doc.rect(x, y, w, h).stroke();
    doc.restore();
  }

  /** A ruled two-column table: grey label cells, values vertically centred. Returns the bottom. */
  table(y: number, rows: readonly TableRow[], labelWidth = 150): number {
    const x = PAGE.margin;
    let top = y;
    for (const row of rows) {
      const size = row.size ?? 11;
      const lineHeight = size * 1.5;
      const h = row.height ?? Math.max(31, row.lines.length * lineHeight + 12);
      this.box(x, top, labelWidth, h, { fill: LABEL_FILL });
      this.box(x + labelWidth, top, CONTENT_WIDTH - labelWidth, h);
      this.textMiddle(row.label, x + 10, top + h / 2, { size: 10, width: labelWidth - 20 });
      const valueWidth = CONTENT_WIDTH - labelWidth - 24;
      let middle = top + h / 2 - ((row.lines.length - 1) * lineHeight) / 2;
      for (const l of row.lines) {
        const s = this.fit(l, size, valueWidth);
        this.textMiddle(l, x + labelWidth + 12, middle, { size: s, width: valueWidth + 4 });
        middle += lineHeight;
      }
      top += h;
    }
    // The outer frame a little heavier, as on printed forms.
    this.box(x, y, CONTENT_WIDTH, top - y, { width: 1.4 });
    return top;
  }

  /** The counter's part of a form (市区町村記入欄): when, by whom, where, and the procedure. */
  officeRecord(
    top: number,
    o: { title: string; when: string; operator: string; municipality: string; procedureId: string },
  ): number {
    const left = PAGE.margin;
    this.box(left, top, CONTENT_WIDTH, 74, { width: 1.2 });
    this.text(o.title, left + 12, top + 10, { size: 10.5, bold: true });
    this.text(o.when, left + 12, top + 30, { size: 9.5 });
    this.text(o.operator, left + 260, top + 30, { size: 9.5 });
    this.text(o.municipality, left + 12, top + 46, { size: 9.5 });
    this.text(`手続番号\u3000${referenceText(o.procedureId)}`, left + 12, top + 60, { size: 8.5 });
    return top + 74;
  }

  /**
   * 練習用・無効: a banner above the title and a large diagonal mark across the page, so that a
   * practice print can never pass for a real one, even photocopied.
   */
  /**
   * 再発行: a framed line under the title, so that a second copy is never taken for the first.
   * `when` is the reprint's date and time as the form prints it.
   */
  reprintMark(when: string): void {
    const text = `再発行\u3000${when}`;
    const size = 11;
    const width = this.#doc.fontSize(size).widthOfString(text) + 24;
    const x = PAGE.margin + (CONTENT_WIDTH - width) / 2;
    this.box(x, 132, width, 18, { width: 1 });
    this.text(text, PAGE.margin, 133, { size, align: 'center', bold: true, lineGap: 0 });
  }

  practiceMark(what: string): void {
    const doc = this.#doc;
    const y = 24;
    doc.save().rect(PAGE.margin, y, CONTENT_WIDTH, 24).fill(PRACTICE_RED).restore();
    const banner = `練習用・無効\u3000この${what}は練習モードで作成したもので、正式な書類として使用できません`;
    // One line in the red band whatever the document's name: a longer name gets smaller type.
    const fits = (CONTENT_WIDTH - 8) / doc.fontSize(10).widthOfString(banner);
    const size = Math.min(10, Math.floor(10 * fits * 10) / 10);
    this.text(banner, PAGE.margin, y + 6.5 + (10 - size) / 2, {
      size,
      align: 'center',
      color: '#ffffff',
      lineGap: 0,
    });
    this.#watermark = true;
  }

  /** Drawn last, over the ruled cells, so no filled box hides it. */
  #drawWatermark(): void {
    const doc = this.#doc;
    const mark = '練習用・無効';
    doc.save();
    doc.opacity(0.18);
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.fontSize(80).fillColor(PRACTICE_RED);
    const w = doc.widthOfString(mark);
    doc.text(mark, PAGE.width / 2 - w / 2, PAGE.height / 2 - 40, { lineBreak: false });
    doc.restore();
  }
}

function guard(value: string): void {
  if (TWELVE_DIGITS.test(value))
    throw new DocumentError('forbidden-content', 'a twelve-digit number may not be printed');
}

/**
 * Loads the font into the document. A collection needs a face name: the known one, else the
 * Japanese faces tried in turn. pdfkit subsets CFF (OpenType/CID) fonts such as Noto CJK, so the
 * PDF carries only the glyphs used.
 */
function loadFont(doc: PDFKit.PDFDocument, font: FontFile): void {
  const faces: readonly (string | undefined)[] =
    font.face !== undefined ? [font.face] : isCollection(font.path) ? JAPANESE_FACES : [undefined];
  let parsed = parsedFonts.get(font.bytes);
  if (!parsed) {
    parsed = new Map();
    parsedFonts.set(font.bytes, parsed);
  }
  for (const face of faces) {
    const known = parsed.get(face ?? '');
    if (known) {
      doc.font(known as unknown as PDFKit.Mixins.PDFFontSource);
      return;
    }
    try {
      if (face === undefined) doc.font(font.bytes);
      else doc.font(font.bytes, face);
    } catch {
      continue;
    }
    const loaded = (doc as unknown as { _font?: LoadedFont })._font;
    const hasKanji = loaded?.font?.hasGlyphForCodePoint?.(0x53d7 /* 受 */) ?? true;
    if (hasKanji) {
      if (loaded?.font) parsed.set(face ?? '', loaded.font);
      return;
    }
  }
  throw new DocumentFontError([font.path]);
}
