// `npm run db:backup -- <db file> <backup file>`: a consistent online copy, verified before it counts.
import { backupDatabase } from '../main/db/backup';
import { openDatabase } from '../main/db/connection';

async function main(argv: readonly string[]): Promise<number> {
  const [source, dest] = argv;
  if (!source || !dest || argv.length !== 2) {
    console.error('usage: npm run db:backup -- <database file> <backup file>');
    return 2;
  }
  // The app may be running: sqlite's backup API copies a consistent state while it writes.
  const db = await openDatabase(source, { integrityCheck: 'quick' });
  try {
    const result = await backupDatabase(db, dest);
    console.log(JSON.stringify({ ok: true, ...result }));
    return 0;
  } finally {
    await db.close();
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
