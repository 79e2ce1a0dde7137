// The main process is bundled (vite.main.config.ts): the documents must print from a bundle that
// has no node_modules beside it, so nothing may be read from pdfkit's package files at run time.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';

const run = promisify(execFile);
const DOCUMENTS = resolve(import.meta.dirname, '../../../main/documents/index.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-bundled-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('documents in a bundle', () => {
  it('writes the 後日交付 slip from a bundle run outside the project', async () => {
    const entry = join(dir, 'entry.ts');
    const pdf = join(dir, 'slip.pdf');
    await writeFile(
      entry,
      `import { writeDeferralSlipPdf } from ${JSON.stringify(DOCUMENTS)};
await writeDeferralSlipPdf(${JSON.stringify(pdf)}, {
  municipalityName: '窓口市', noticeNumber: 'MD-2026-0001', residentName: '窓口 花子',
  reasonCode: 'authority-unavailable', operatorName: '練習 一郎', at: '2026-11-25T06:40:00.000Z',
  practice: false, procedureId: 'iss-bundled',
});
`,
    );
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: join(dir, 'out.mjs'),
      logLevel: 'error',
    });

    await run(process.execPath, [join(dir, 'out.mjs')], { cwd: dir });

    expect(await pdfText(pdf)).toContain('後日交付のご案内');
  }, 30_000);
});
