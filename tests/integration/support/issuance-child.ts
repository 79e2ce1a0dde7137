// A counter app process for the crash tests: runs the 交付 of MD-2026-0001 (or a later procedure on
// its card: release, pin-reset, renewal) through the core's router over PC/SC, printing each step it
// finished; at the step it is told, it says "ready" and waits to be SIGKILLed ("none": it goes on to
// the end, for a kill timed from the card's side). An optional clock offset (ms) moves the app's
// clock, e.g. to the months before the certificates expire for a renewal.
import { createCore } from '../../../main/core';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import type { Result } from '../../../preload/contract/result';
import {
  advance,
  advanceLife,
  openIssuance,
  openLife,
  RELEASE_NEW,
  RENEWAL_KEEP,
  RESET_MIXED,
  type Call,
  type LifeScenario,
} from './issuance-script';

const [dataDir, reader, stopAfter, procedure = 'issuance', offset = '0'] = process.argv.slice(
  2,
) as [string, string, string, string?, string?];
/** The procedures a child can run, by the name the test passes. */
const SCENARIOS: Readonly<Record<string, LifeScenario>> = {
  release: RELEASE_NEW,
  'pin-reset': RESET_MIXED,
  renewal: RENEWAL_KEEP,
};
const ORIGIN = 'http://127.0.0.1:1';

async function main(): Promise<void> {
  const core = createCore({
    mode: 'practice',
    reader: { kind: 'pcsc', name: reader },
    exchangeTimeoutMs: 5000,
    simTiming: false,
    idleLockMinutes: 60,
    version: 'crash-test',
    dataDir,
    trustedOrigins: [ORIGIN],
    now: () => new Date(Date.now() + Number(offset)),
  });
  await core.start();
  for (
    let i = 0;
    !core.cards.readers().readers.some((r) => r.name === reader && r.cardPresent);
    i++
  ) {
    if (i > 100) throw new Error('no card in the reader');
    await new Promise((r) => setTimeout(r, 100));
  }
  const call: Call = async (window, channel, payload) => {
    const sender = { url: `${ORIGIN}/${window}.html`, isMainFrame: true };
    const r = (await core.router.handle(sender, channel, payload)) as Result<unknown>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value;
  };
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
