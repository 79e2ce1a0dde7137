// 交付 survives an app crash: a counter process driving the issuance over pcsc-mini + pcscd + vpcd is
// SIGKILLed after each step and in the middle of each card write; a new process on the same data
// folder resumes the open procedure and completes it, with one key pair and one certificate per kind.
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core';
import { loadPreset } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import { childOverPcsc } from '../support/pcsc-harness';
import { advance, openIssuance } from '../support/issuance-script';
import {
  cardSeen,
  practiceConfig,
  routerCall,
  runAndKill,
  seededDataDir,
  watched,
  type ChildRun,
} from '../support/lifecycle-setup';

const counter = childOverPcsc('issuance-child');

/** A fresh practice data folder (seed + authority) and the prepared card of MD-2026-0001 for it. */
async function prepare(): Promise<{ dataDir: string; card: SimCard }> {
  const { dataDir, issuerPublicKey } = await seededDataDir();
  return { dataDir, card: await loadPreset('prepared', { timing: false, issuerPublicKey }) };
}

/** The child's issuance run on the PC/SC reader, stopped after `stopAfter` (or by the armed kill). */
function run(dataDir: string, stopAfter: string, arm?: (kill: () => void) => void): ChildRun {
  return {
    bundle: counter.bundle,
    dataDir,
    reader: counter.harness.reader,
    stopAfter,
    procedure: 'issuance',
    arm,
  };
}

async function finishInProcess(dataDir: string): Promise<{ core: Core; dto: ProcedureDto }> {
  const core = createCore(practiceConfig(dataDir, { kind: 'pcsc', name: counter.harness.reader }));
  await core.start();
  const call = routerCall(core);
  await cardSeen(core, counter.harness.reader);
  let dto = await openIssuance(call);
  for (let i = 0; dto.step !== 'completed'; i += 1) {
    if (i > 12) throw new Error(`no progress: stuck at ${dto.step}`);
    dto = await advance(call, counter.harness.reader, dto);
  }
  return { core, dto };
}

async function expectOneOfEach(core: Core, card: SimCard, maxKeygens = 1): Promise<void> {
  const rows = await core.db()!.all<{ kind: string; n: number }>(
    `SELECT c.kind AS kind, count(*) AS n FROM certificates c JOIN cards k ON k.id = c.card_id
     WHERE k.serial = '990000000000001' GROUP BY c.kind ORDER BY c.kind`,
  );
  expect(rows).toEqual([
    { kind: 'auth', n: 1 },
    { kind: 'signing', n: 1 },
  ]);
  const state = await core
    .db()!
    .all<{ state: string }>(`SELECT state FROM cards WHERE serial = '990000000000001'`);
  expect(state).toEqual([{ state: 'issued' }]);
  for (const kind of ['sign', 'auth'] as const) {
    expect(card.keyGenerations(kind)).toBeGreaterThanOrEqual(1);
    expect(card.keyGenerations(kind)).toBeLessThanOrEqual(maxKeygens);
  }
}

describe('issuance: SIGKILL at each step, then a restart completes it', () => {
  for (const stopAfter of ['documents', 'card', 'face', 'card-face', 'pins']) {
    it(`killed right after the ${stopAfter} step`, async () => {
      const { dataDir, card } = await prepare();
      await counter.harness.insert(card);
      const out = await runAndKill(run(dataDir, stopAfter));
      expect(out).toContain(`done ${stopAfter}`);
      const { core, dto } = await finishInProcess(dataDir);
      try {
        expect(dto.step).toBe('completed');
        await expectOneOfEach(core, card);
      } finally {
        await core.close();
      }
    }, 90_000);
  }

  const MID_WRITE = [
    { what: 'setting the PINs', ins: 0x2c, p1: 0x02 },
    { what: 'generating the keys', ins: 0x47, p1: 0x80 },
    { what: 'writing the certificates', ins: 0xd6, p1: null },
  ];
  for (const { what, ins, p1 } of MID_WRITE) {
    it(`killed while ${what}`, async () => {
      const { dataDir, card } = await prepare();
      let kill: (() => void) | null = null;
      let seen = 0;
      await counter.harness.insert(
        watched(card, (i, q) => {
          if (i !== ins || (p1 !== null && q !== p1) || !kill) return;
          seen += 1;
          // The second such command: part of the write is on the card, part is not.
          if (seen === 2) kill();
        }),
      );
      await runAndKill(run(dataDir, 'none', (k) => (kill = k)));
      kill = null;
      expect(seen).toBeGreaterThanOrEqual(2);
      const { core, dto } = await finishInProcess(dataDir);
      try {
        expect(dto.step).toBe('completed');
        // Killed mid-keygen, the card made a key the journal never heard of: that one key is
        // made again (the card holds one pair per kind); every other write is never repeated.
        await expectOneOfEach(core, card, ins === 0x47 ? 2 : 1);
      } finally {
        await core.close();
      }
    }, 90_000);
  }
});
