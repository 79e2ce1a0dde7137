// The one CSV writer of the audit export and the 日報: quoted cells, defused formulas, BOM and CRLF.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvText } from '../../../main/documents/csv';

describe('CSV writer', () => {
  it('quotes every cell and doubles the quotes inside', () => {
    expect(csvCell('abc')).toBe('"abc"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell('')).toBe('""');
  });

  it('writes null as an empty cell', () => {
    expect(csvCell(null)).toBe('""');
  });

  it('defuses a cell that starts like a formula, and only at the start', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell(-1)).toBe(`"'-1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('窓口')).toBe('"窓口"');
  });

  it('joins a line with commas', () => {
    expect(csvLine(['a', 1, null, '=x'])).toBe(`"a","1","","'=x"`);
  });

  it('starts the file with a BOM and ends every line with CRLF', () => {
    const text = csvText([
      ['h1', 'h2'],
      ['a', 'b'],
    ]);
    expect(text).toBe('\uFEFF"h1","h2"\r\n"a","b"\r\n');
    expect(text.split('\r\n')).toEqual(['\uFEFF"h1","h2"', '"a","b"', '']);
  });
});
