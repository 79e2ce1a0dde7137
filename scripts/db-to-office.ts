// `npm run db:to-office -- <counter's sqlite file> <machine config file>`: the counter's records
// into the empty office database the configuration names; counted, the audit chain checked, once.
import { readFileSync } from 'node:fs';
import { parseMachineConfig } from '../main/config/config';
import { openDatabase } from '../main/db/connection';
import { FileKeyProtector } from '../main/db/key-protector';
import { openOfficeDatabase, pgOptionsOf } from '../main/db/office';
import { copyCounterToOffice } from '../main/db/to-office';

async function main(argv: readonly string[]): Promise<number> {
  const [file, configFile] = argv;
  if (!file || !configFile || argv.length !== 2) {
    console.error('usage: npm run db:to-office -- <counter database file> <machine config file>');
    return 2;
  }
  const config = parseMachineConfig(readFileSync(configFile, 'utf8'));
  if (config.database?.kind !== 'postgres') {
    console.error(`${configFile} names no office database ("database": { "kind": "postgres", … })`);
    return 2;
  }
  // A sealed password needs the key file it was sealed with; a password file needs nothing more.
  const protector = config.dataKeyFile ? new FileKeyProtector(config.dataKeyFile) : undefined;
  const source = await openDatabase(file, { readOnly: true, integrityCheck: 'full' });
  try {
    const office = await openOfficeDatabase(pgOptionsOf(config.database, protector), {
      mode: 'production',
    });
    try {
      const report = await copyCounterToOffice(source, office, file);
      console.log(JSON.stringify({ ok: true, ...report }));
      return 0;
    } finally {
      await office.close();
    }
  } finally {
    await source.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    process.exitCode = 1;
  },
);
