// `npm run key:export -- <package file>`: the data keys, sealed under a recovery passphrase, for IT to keep offline.
import { resolve } from 'node:path';
import { KEY_EXPORT_SWITCH } from '../main/maintenance';
import { askExportSecrets, exitWith, runInElectron } from './maintenance-launch';

async function main(argv: readonly string[]): Promise<number> {
  const [file] = argv;
  if (!file || argv.length !== 1) {
    console.error('usage: npm run key:export -- <recovery package file>   (e.g. on a USB stick)');
    return 2;
  }
  const secrets = await askExportSecrets();
  if (secrets === null) return 1;
  return runInElectron([KEY_EXPORT_SWITCH, resolve(file)], secrets);
}

exitWith(main(process.argv.slice(2)));
