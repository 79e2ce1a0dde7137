// `npm run audit:verify -- <db file>`: checks the audit hash chain; exit 1 when it is broken.
import { verifyAuditChain } from '../main/audit/audit-log';
import { openDatabase } from '../main/db/connection';

async function main(argv: readonly string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length !== 1) {
    console.error('usage: npm run audit:verify -- <database file>');
    return 2;
  }
  // Read-only, and no full integrity check: verify must also work on a file it cannot fix.
  const db = await openDatabase(file, { readOnly: true, integrityCheck: 'skip' });
  try {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(JSON.stringify({ ok: true, rows: result.rows }));
      return 0;
    }
    console.log(JSON.stringify(result));
    console.error(`audit chain broken at seq ${result.firstBrokenSeq}`);
    return 1;
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
    process.exitCode = 2;
  },
);
