// `npm run config:check -- <file>`: checks a machine configuration with the app's own check before IT deploys it.
import { readFileSync } from 'node:fs';
import { parseMachineConfig, machineConfigProblems } from '../main/config/config';

const USAGE = [
  '使い方 / usage: npm run config:check -- <config.json>',
  '  終了コード / exit code: 0 問題なし / no problem, 1 問題あり / problems, 2 読めない / unreadable',
].join('\n');

function main(argv: readonly string[]): number {
  const file = argv[0];
  if (argv.length !== 1 || file === undefined || file.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    console.error(`${file}: ファイルを読めません / cannot read the file (${code})`);
    return 2;
  }
  const problems = machineConfigProblems(text);
  if (problems.length > 0) {
    console.log(`${file}: ${problems.length} 件の問題 / ${problems.length} problem(s)`);
    for (const p of problems) {
      console.log(`  ${p.path}: ${p.ja}`);
      console.log(`  ${' '.repeat(p.path.length)}  ${p.en}`);
    }
    console.log('このファイルでは窓口アプリは起動しません / the app will not start with this file');
    return 1;
  }
  const config = parseMachineConfig(text);
  const reader =
    config.reader.kind === 'pcsc'
      ? `PC/SC ${config.reader.name ?? '(カードのあるリーダー / the reader with a card)'}`
      : 'simulated';
  const mode = config.mode === 'production' ? '本番 / production' : '練習 / practice';
  console.log(`${file}: 問題なし / ok (${mode}, reader ${reader})`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
