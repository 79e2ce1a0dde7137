// Test helpers for printed documents: the text poppler extracts, page count, embedded fonts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The page's text line by line as laid out (a label and its cell on one line), whitespace removed. */
export async function pdfText(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
  return stdout.replace(/\s+/g, '');
}

/** The text with its line breaks, for the digit scans (a run must not be joined across lines). */
export async function pdfRawText(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
  return stdout;
}

export async function pdfPages(path: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [path]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
}

/** Lines of `pdffonts` after its header: name, type, encoding, emb, sub, uni … */
export async function pdfFonts(path: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [path]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
}

/** Same text without whitespace, to compare with pdfText. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
