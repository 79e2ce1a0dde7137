// Child process of the start-up benchmark: starts the real core (createCore) on the generated
// database, or only opens the database with a given integrity check, and says when it is ready.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core';
import { openIssuanceDatabase } from '../../main/db/index';
import { FileKeyProtector } from '../../main/db/key-protector';
import { openMyNumberCipher } from '../../main/db/my-number-crypto';

// argv: <database file> <key file> <core|full|quick|skip>. Prints one line `ready {json}` and exits.
const [dbPath, keyPath, check] = process.argv.slice(2);
if (!dbPath || !keyPath || !['core', 'full', 'quick', 'skip'].includes(check ?? '')) {
  console.error('usage: core-ready-child <db> <key> <core|full|quick|skip>');
  process.exit(2);
}
const openStarted = performance.now();
if (check === 'core') {
  // The app's own start: createCore + start() on a data folder holding the generated file. The
  // reader is the simulated one so that no PC/SC service takes part in the figure.
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-ready-'));
  const core = createCore({
    mode: 'production',
    reader: { kind: 'simulated' },
    exchangeTimeoutMs: 5000,
    simTiming: false,
    idleLockMinutes: 5,
    version: 'bench',
    dataDir,
    databasePath: dbPath,
    trustedOrigins: ['app://counter'],
    keyProtector: new FileKeyProtector(keyPath),
  });
  await core.start();
  if (core.startupError()) throw new Error(`core start failed: ${core.startupError()!.code}`);
} else {
  const integrityCheck = check as 'full' | 'quick' | 'skip';
  const db = await openIssuanceDatabase(dbPath, { mode: 'production', integrityCheck });
  await openMyNumberCipher(db, new FileKeyProtector(keyPath));
}
// performance.now() counts from this process's start, so this is "process start → core ready".
const readyMs = performance.now();
console.log(`ready ${JSON.stringify({ readyMs, openMs: readyMs - openStarted })}`);
// The core's integrity check goes on in the background after ready; the figure is taken.
process.exit(0);
