// `npm run office-key:make -- <package>`: a new office key, sealed under IT's passphrase, once per office.
import { makeOfficeKeyPackage } from '../main/maintenance';
import { askNewPassphrase, exitWith } from './maintenance-launch';

async function main(argv: readonly string[]): Promise<number> {
  const [file] = argv;
  if (!file || argv.length !== 1) {
    console.error(
      'usage: npm run office-key:make -- <office key package file>   (e.g. on a USB stick)',
    );
    return 2;
  }
  const secrets = await askNewPassphrase();
  if (secrets === null) return 1;
  try {
    await makeOfficeKeyPackage(file, secrets[0]!, { createdAt: new Date().toISOString() });
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    console.error(
      exists
        ? `同じ名前のファイルがすでにあります（上書きはしません）: ${file}`
        : `事務所の鍵を作れませんでした: ${(e as Error).message}`,
    );
    return 1;
  }
  console.log(
    `事務所の鍵のパッケージを作りました：${file}。各窓口端末で npm run office-key:install -- ${file} を実行してから、` +
      'パスフレーズとは別の場所に、オフラインで保管してください。',
  );
  console.log(JSON.stringify({ ok: true, path: file }));
  return 0;
}

exitWith(main(process.argv.slice(2)));
