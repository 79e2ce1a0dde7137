// One counter process of bench:office: record procedures (a step per transaction, as the engine
// writes them) and resident searches against the office database until the deadline; one JSON line.
import { appendAudit } from '../../main/audit/audit-log';
import { parseIsoDate } from '../../main/card/domain';
import { guardAuditLog } from '../../main/audit/audit-guard';
import { FileKeyProtector } from '../../main/db/key-protector';
import { openPgDatabase, type PgConnectionOptions } from '../../main/db/pg-connection';
import { endProcedure, recordStep, startProcedure } from '../../main/db/repositories/journal';
import { searchResidents, type ResidentSearch } from '../../main/db/repositories/residents';

export interface CounterArgs {
  readonly counter: string;
  readonly connection: Omit<PgConnectionOptions, 'password'> & { readonly password: string };
  readonly keyFile: string;
  readonly operatorId: number;
  readonly residents: number;
  readonly seconds: number;
}

export interface CounterResult {
  readonly counter: string;
  readonly procedures: string[];
  readonly searches: Record<string, number[]>;
  readonly lockWaitsMs: number[];
}

const KATAKANA_A = 0x30a2;
/** A surname reading as bench/office.bench.ts generates them: family f of 500, two katakana. */
const familyKana = (f: number) =>
  String.fromCharCode(KATAKANA_A + (f % 80), KATAKANA_A + Math.floor(f / 80));

const SEARCHES: Record<string, (i: number) => ResidentSearch> = {
  'kana prefix (surname reading)': (i) => ({ kanaPrefix: familyKana(i % 500) }),
  'kanji name (surname only)': (i) => ({ kanjiName: `姓${i % 500}` }),
  'kanji name (full)': (i) => ({ kanjiName: `姓${i % 500}名${i % 300}` }),
  'birth date': (i) => ({
    birthDate: parseIsoDate(
      `19${String(40 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    ),
  }),
};

async function main(args: CounterArgs): Promise<CounterResult> {
  const lockWaitsMs: number[] = [];
  const raw = await openPgDatabase({
    ...args.connection,
    password: () => args.connection.password,
    onLockWait: (ms) => lockWaitsMs.push(ms),
  });
  const { db, guard } = guardAuditLog(raw, new FileKeyProtector(args.keyFile), {
    mode: 'production',
    anchorsDir: null,
    now: () => new Date(),
  });
  const g = await guard;
  // Every counter starts together: the bench says go once all are connected.
  console.log('ready');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
  const until = Date.now() + args.seconds * 1000;
  lockWaitsMs.length = 0;
  const procedures: string[] = [];
  const searches: Record<string, number[]> = Object.fromEntries(
    Object.keys(SEARCHES).map((k) => [k, []]),
  );
  let n = 0;
  while (Date.now() < until) {
    n++;
    const residentId = 1 + ((n * 7919 + args.counter.length * 104729) % args.residents);
    const operatorId = args.operatorId;
    const id = await db.transaction(async (tx) => {
      const pid = await startProcedure(tx, { kind: 'suspension', operatorId, residentId });
      await recordStep(tx, {
        procedureId: pid,
        step: 'started',
        status: 'completed',
        operatorId,
        data: { counter: args.counter },
      });
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.started',
        residentId,
        details: { procedure: pid },
      });
      return pid;
    });
    await db.transaction(async (tx) => {
      await recordStep(tx, { procedureId: id, step: 'recorded', status: 'completed', operatorId });
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.recorded',
        residentId,
        details: { procedure: id },
      });
    });
    await db.transaction(async (tx) => {
      await recordStep(tx, { procedureId: id, step: 'done', status: 'completed', operatorId });
      await endProcedure(tx, id, 'completed');
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.done',
        residentId,
        details: { procedure: id },
      });
    });
    procedures.push(id);
    for (const [kind, criteria] of Object.entries(SEARCHES)) {
      const t = performance.now();
      await searchResidents(db, criteria(n * 31 + args.counter.length), 1, 20);
      searches[kind]!.push(performance.now() - t);
    }
  }
  await g.close();
  await db.close();
  return { counter: args.counter, procedures, searches, lockWaitsMs };
}

main(JSON.parse(process.argv[2]!) as CounterArgs).then(
  (r) => console.log(JSON.stringify(r)),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exitCode = 1;
  },
);
