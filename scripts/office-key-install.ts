// `npm run office-key:install -- <package>`: the office key from its package, sealed for this counter.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { OFFICE_KEY_INSTALL_SWITCH } from '../main/maintenance';
import { askRestoreSecrets, exitWith, runInElectron } from './maintenance-launch';

async function main(argv: readonly string[]): Promise<number> {
  const [pkg] = argv;
  if (!pkg || argv.length !== 1) {
    console.error('usage: npm run office-key:install -- <office key package file>');
    return 2;
  }
  if (!existsSync(pkg)) {
    console.error(`ファイルが見つかりません: ${pkg}`);
    return 1;
  }
  const secrets = await askRestoreSecrets();
  if (secrets === null) return 1;
  // In the app's own process: the key is sealed by this machine's OS key store, as the app opens it.
  return runInElectron([OFFICE_KEY_INSTALL_SWITCH, resolve(pkg)], secrets);
}

exitWith(main(process.argv.slice(2)));
