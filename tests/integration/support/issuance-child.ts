// A counter app process for the crash tests: runs the 交付 of MD-2026-0001 (or a later procedure on
// its card: release, pin-reset, renewal) through the core's router over PC/SC, printing each step it
// finished; at the step it is told, it says "ready" and waits to be SIGKILLed ("none": it goes on to
// the end, for a kill timed from the card's side). An optional clock offset (ms) moves the app's
// clock, e.g. to the months before the certificates expire for a renewal.
import { createCore } from '../../../main/core';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import {
  advance,
  advanceLife,
  openIssuance,
  openLife,
  RELEASE_NEW,
  RENEWAL_KEEP,
  RESET_MIXED,
  type LifeScenario,
} from './issuance-script';
import { cardSeen, practiceConfig, routerCall } from './router-calls';

const [dataDir, reader, stopAfter, procedure = 'issuance', offset = '0'] = process.argv.slice(
  2,
) as [string, string, string, string?, string?];
/** The procedures a child can run, by the name the test passes. */
const SCENARIOS: Readonly<Record<string, LifeScenario>> = {
  release: RELEASE_NEW,
  'pin-reset': RESET_MIXED,
  renewal: RENEWAL_KEEP,
};

async function main(): Promise<void> {
  const core = createCore(practiceConfig(dataDir, { kind: 'pcsc', name: reader }, Number(offset)));
  await core.start();
  await cardSeen(core, reader);
  const call = routerCall(core);
  const scenario = SCENARIOS[procedure];
  if (procedure !== 'issuance' && !scenario) throw new Error(`no procedure ${procedure}`);
  type Dto = { step: string };
  const next = scenario
    ? (d: Dto) => advanceLife(call, reader, scenario, d as ProcedureDto)
    : (d: Dto) => advance(call, reader, d as ProcedureDto);
  let dto: Dto = scenario ? await openLife(call, scenario) : await openIssuance(call);
  process.stdout.write(`at ${dto.step}\n`);
  while (dto.step !== 'completed') {
    const before = dto.step;
    dto = await next(dto);
    process.stdout.write(`done ${before} -> ${dto.step}\n`);
    if (before === stopAfter && dto.step !== before) {
      process.stdout.write('ready\n');
      await new Promise(() => undefined); // until SIGKILL
    }
  }
  await core.close();
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stdout.write(`failed ${(e as Error).message}\n`);
  process.exit(1);
});
