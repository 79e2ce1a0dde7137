// CSV files for spreadsheet programs: every cell quoted, formula-like cells defused, BOM and CRLF.

export type CsvValue = string | number | null;

/**
 * One cell, always quoted. A cell that starts like a formula (= + - @, tab, CR) gets a leading
 * apostrophe, so a spreadsheet shows the text instead of running it; null is an empty cell.
 */
export function csvCell(value: CsvValue): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One line of cells, without its line end. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * The whole file: a BOM, so that Excel on a Japanese Windows reads the UTF-8 correctly, and CRLF
 * after every line, the last one too.
 */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;
}
