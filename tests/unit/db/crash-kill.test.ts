// Crash safety: a writer process is SIGKILLed at random points ≥ 100 times; after every kill the
// database opens, passes integrity_check, its audit chain verifies, and each issuance is whole or absent.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { openIssuanceDatabase } from '../../../main/db';
import type { Db } from '../../../main/db/connection';
import { makeTempDir } from './support/temp-db';

const KILLS = 100;
const LANES = 4;
/**
 * Each kill lands at a random moment within this long after the writer says it is writing. One
 * issuance's transaction takes a few milliseconds, so this spans dozens of them: the kill falls
 * inside a transaction as often as with a longer window, and the writer's CPU (it writes flat out
 * until killed) stays small beside the other test runs on the machine.
 */
const KILL_WITHIN_MS = 100;
const WRITER = join(import.meta.dirname, 'support', 'writer.ts');

const temp = makeTempDir('madoguchi-crash-');
const BUNDLE = join(temp.dir, 'writer.cjs');
afterAll(() => temp.cleanup());

// The writer is bundled once (esbuild, which tsx itself runs on) so each of the 100 restarts costs
// a plain node start instead of a TypeScript loader start; the code run is the same.
beforeAll(async () => {
  await build({
    entryPoints: [WRITER],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3'],
    outfile: BUNDLE,
    logLevel: 'error',
  });
});

/** Starts the writer, waits until it is writing, lets it run a random while, then SIGKILLs it. */
function runAndKill(dbPath: string, keyPath: string, maxDelayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, dbPath, keyPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle lives in a temp dir: let it find the project's sqlite3 native module.
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!killed && d.toString().includes('ready')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * maxDelayMs));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(signal);
      else reject(new Error(`writer ended on its own (code ${String(code)}): ${stderr}`));
    });
  });
}

/** Every issuance has all of its rows, or the issuance does not exist at all. */
async function brokenIssuances(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>(`
    SELECT count(*) AS n FROM residents r
     WHERE (SELECT count(*) FROM card_applications a WHERE a.resident_id = r.id AND a.status = 'issued') <> 1
        OR (SELECT count(*) FROM cards c WHERE c.resident_id = r.id AND c.state = 'issued') <> 1
        OR (SELECT count(*) FROM certificates x JOIN cards c ON c.id = x.card_id WHERE c.resident_id = r.id) <> 2
        OR (SELECT count(*) FROM procedures p WHERE p.resident_id = r.id AND p.status = 'completed') <> 1
        OR (SELECT count(*) FROM procedure_journal j JOIN procedures p ON p.id = j.procedure_id
             WHERE p.resident_id = r.id) <> 3
        OR (SELECT count(*) FROM audit_log l WHERE l.resident_id = r.id) <> 3`);
  return row?.n ?? -1;
}

async function totals(db: Db) {
  const count = async (table: string) =>
    (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? -1;
  return {
    residents: await count('residents'),
    applications: await count('card_applications'),
    cards: await count('cards'),
    certificates: await count('certificates'),
    procedures: await count('procedures'),
    journal: await count('procedure_journal'),
    audit: await count('audit_log'),
  };
}

async function lane(index: number, kills: number): Promise<number[]> {
  const dbPath = join(temp.dir, `lane-${index}.sqlite`);
  const keyPath = join(temp.dir, `lane-${index}.key`);
  const history: number[] = [];
  for (let k = 0; k < kills; k++) {
    await runAndKill(dbPath, keyPath, KILL_WITHIN_MS);
    // openIssuanceDatabase runs PRAGMA integrity_check and refuses a damaged file.
    const db = await openIssuanceDatabase(dbPath, { mode: 'practice', integrityCheck: 'full' });
    try {
      const n = await totals(db);
      expect(await brokenIssuances(db)).toBe(0);
      expect(n).toEqual({
        residents: n.residents,
        applications: n.residents,
        cards: n.residents,
        certificates: 2 * n.residents,
        procedures: n.residents,
        journal: 3 * n.residents,
        audit: 3 * n.residents,
      });
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: n.audit });
      expect(await db.get('PRAGMA foreign_key_check')).toBeUndefined();
      history.push(n.residents);
    } finally {
      await db.close();
    }
  }
  return history;
}

describe('crash safety', () => {
  // The limit is for a hang only: 100 node starts and their checks take ~25 s alone, and several
  // times that beside npm test's other lanes on two cores.
  it(`the database survives ${KILLS} SIGKILLs of a writer mid-issuance`, async () => {
    const perLane = Math.ceil(KILLS / LANES);
    const histories = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, perLane)));
    expect(histories.flat()).toHaveLength(perLane * LANES);
    // Committed issuances are never lost: the count only grows from kill to kill.
    for (const h of histories) {
      expect(h).toEqual([...h].sort((a, b) => a - b));
      expect(h[h.length - 1]).toBeGreaterThan(0);
    }
  }, 300_000);
});
