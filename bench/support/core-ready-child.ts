// Child process of the start-up benchmark: opens the issuance database as the app's main process does.
import { openIssuanceDatabase } from '../../main/db/index';
import { FileKeyProtector } from '../../main/db/key-protector';
import { openMyNumberCipher } from '../../main/db/my-number-crypto';

// argv: <database file> <key file> <full|quick|skip>. Prints one line `ready {json}` and exits.
const [dbPath, keyPath, check] = process.argv.slice(2);
if (!dbPath || !keyPath || (check !== 'full' && check !== 'quick' && check !== 'skip')) {
  console.error('usage: core-ready-child <db> <key> <full|quick|skip>');
  process.exit(2);
}
const openStarted = performance.now();
const db = await openIssuanceDatabase(dbPath, { mode: 'production', integrityCheck: check });
await openMyNumberCipher(db, new FileKeyProtector(keyPath));
// performance.now() counts from this process's start, so this is "process start → core ready".
const readyMs = performance.now();
console.log(`ready ${JSON.stringify({ readyMs, openMs: readyMs - openStarted })}`);
await db.close();
