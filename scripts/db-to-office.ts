// `npm run db:to-office -- <counter's sqlite file> <its recovery package> <office key package>
// <machine config file>`: the counter's records into the empty office database the configuration
// names, its data keys sealed anew under the office key; counted, the audit chain checked, once.
import { readFileSync } from 'node:fs';
import { parseMachineConfig } from '../main/config/config';
import { openDatabase } from '../main/db/connection';
import { FileKeyProtector } from '../main/db/key-protector';
import { openOfficeDatabase, pgOptionsOf } from '../main/db/office';
import { officeKeyProtector, openOfficeKeyPackage } from '../main/db/office-key';
import { openRecoveryPackage } from '../main/db/recovery-package';
import { copyCounterToOffice } from '../main/db/to-office';
import { askPassphrases, exitWith } from './maintenance-launch';

const USAGE =
  'usage: npm run db:to-office -- <counter database file> <its recovery package> <office key package> <machine config file>';

async function main(argv: readonly string[]): Promise<number> {
  const [file, recoveryPackage, officePackage, configFile] = argv;
  if (!file || !recoveryPackage || !officePackage || !configFile || argv.length !== 4) {
    console.error(USAGE);
    return 2;
  }
  const config = parseMachineConfig(readFileSync(configFile, 'utf8'));
  if (config.database?.kind !== 'postgres') {
    console.error(`${configFile} names no office database ("database": { "kind": "postgres", … })`);
    return 2;
  }
  const secrets = await askPassphrases([
    'この窓口端末の回復用パスフレーズ: ',
    '事務所の鍵のパスフレーズ: ',
  ]);
  if (secrets === null) return 1;
  const counterKeys = await openRecoveryPackage(readFileSync(recoveryPackage, 'utf8'), secrets[0]!);
  const officeKey = await openOfficeKeyPackage(readFileSync(officePackage, 'utf8'), secrets[1]!);
  // A sealed password needs the key file it was sealed with; a password file needs nothing more.
  const protector = config.dataKeyFile ? new FileKeyProtector(config.dataKeyFile) : undefined;
  const source = await openDatabase(file, { readOnly: true, integrityCheck: 'full' });
  try {
    const office = await openOfficeDatabase(pgOptionsOf(config.database, protector), {
      mode: 'production',
    });
    try {
      const report = await copyCounterToOffice(source, office, file, {
        counterKeys,
        officeKey: officeKeyProtector(officeKey),
      });
      console.log(JSON.stringify({ ok: true, ...report }));
      return 0;
    } finally {
      await office.close();
    }
  } finally {
    await source.close();
    officeKey.fill(0);
  }
}

exitWith(main(process.argv.slice(2)));
