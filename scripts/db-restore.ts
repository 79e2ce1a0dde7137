// `npm run db:restore -- <backup> <package>`: a backup as this machine's database, its keys rewrapped here.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DB_RESTORE_SWITCH } from '../main/maintenance';
import { askRestoreSecrets, exitWith, runInElectron } from './maintenance-launch';

async function main(argv: readonly string[]): Promise<number> {
  const [backup, pkg] = argv;
  if (!backup || !pkg || argv.length !== 2) {
    console.error('usage: npm run db:restore -- <backup file> <recovery package file>');
    return 2;
  }
  for (const file of [backup, pkg]) {
    if (!existsSync(file)) {
      console.error(`ファイルが見つかりません: ${file}`);
      return 1;
    }
  }
  const secrets = await askRestoreSecrets();
  if (secrets === null) return 1;
  return runInElectron([DB_RESTORE_SWITCH, resolve(backup), resolve(pkg)], secrets);
}

exitWith(main(process.argv.slice(2)));
