// 交付 survives an app crash: a counter process driving the issuance over pcsc-mini + pcscd + vpcd is
// SIGKILLed after each step and in the middle of each card write; a new process on the same data
// folder resumes the open procedure and completes it, with one key pair and one certificate per kind.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core';
import { loadPreset } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import type { IssuanceDto } from '../../../preload/contract/issuance';
import type { Result } from '../../../preload/contract/result';
import { createPcscHarness, type PcscHarness } from '../support/pcsc-harness';
import { advance, openIssuance, type Call } from '../support/issuance-script';

const ORIGIN = 'http://127.0.0.1:1';
const CHILD = join(import.meta.dirname, '..', 'support', 'issuance-child.ts');
// Inside the project, so that the bundle's require('pcsc-mini') and require('sqlite3') resolve.
const BUNDLE = join(process.cwd(), 'node_modules', '.cache', 'madoguchi', 'issuance-child.cjs');

let h: PcscHarness;

beforeAll(async () => {
  await build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3', 'pcsc-mini', '@cornerstonejs/codec-openjpeg', 'pdfkit'],
    loader: { '.json': 'json' },
    outfile: BUNDLE,
    logLevel: 'error',
  });
  h = await createPcscHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

function practiceConfig(
  dataDir: string,
  reader: { kind: 'pcsc'; name: string } | { kind: 'simulated' },
) {
  return {
    mode: 'practice' as const,
    reader,
    exchangeTimeoutMs: 5000,
    simTiming: false,
    idleLockMinutes: 60,
    version: 'crash-test',
    dataDir,
    trustedOrigins: [ORIGIN],
  };
}

/** A fresh practice data folder (seed + authority) and the prepared card of MD-2026-0001 for it. */
async function prepare(): Promise<{ dataDir: string; card: SimCard }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-crash-data-'));
  const core = createCore(practiceConfig(dataDir, { kind: 'simulated' }));
  await core.start();
  const { issuerPublicKey } = await core.authority();
  await core.close();
  return { dataDir, card: await loadPreset('prepared', { timing: false, issuerPublicKey }) };
}

/** The card as the reader sees it, calling `onCommand` with each command's INS before answering. */
function watched(card: SimCard, onCommand: (ins: number, p1: number) => void): SimCardPort {
  return {
    get atr() {
      return card.atr;
    },
    powerOn: () => card.powerOn(),
    powerOff: () => card.powerOff(),
    reset: () => card.reset(),
    transmit(command) {
      onCommand(command[1] ?? 0, command[2] ?? 0);
      return card.transmit(command);
    },
  };
}

/**
 * Runs the child until it reports `ready` after `stopAfter` (or, with `killOnIns`, until the card
 * sees that command), then SIGKILLs it. Resolves with the child's output.
 */
function runAndKill(
  dataDir: string,
  stopAfter: string,
  killSwitch: { arm: (kill: () => void) => void },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, dataDir, h.reader, stopAfter], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
      cwd: process.cwd(),
    });
    let out = '';
    const kill = () => child.kill('SIGKILL');
    killSwitch.arm(kill);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) kill();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the child ended on its own (code ${String(code)}):\n${out}`));
    });
  });
}

async function finishInProcess(dataDir: string): Promise<{ core: Core; dto: IssuanceDto }> {
  const core = createCore(practiceConfig(dataDir, { kind: 'pcsc', name: h.reader }));
  await core.start();
  const call: Call = async (window, channel, payload) => {
    const sender = { url: `${ORIGIN}/${window}.html`, isMainFrame: true };
    const r = (await core.router.handle(sender, channel, payload)) as Result<unknown>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value;
  };
  for (
    let i = 0;
    !core.cards.readers().readers.some((r) => r.name === h.reader && r.cardPresent);
    i++
  ) {
    if (i > 100) throw new Error('the new process sees no card');
    await new Promise((r) => setTimeout(r, 100));
  }
  let dto = await openIssuance(call);
  for (let i = 0; dto.step !== 'completed'; i += 1) {
    if (i > 12) throw new Error(`no progress: stuck at ${dto.step}`);
    dto = await advance(call, h.reader, dto);
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
  for (const stopAfter of ['documents', 'card', 'face', 'pins']) {
    it(`killed right after the ${stopAfter} step`, async () => {
      const { dataDir, card } = await prepare();
      await h.insert(card);
      const out = await runAndKill(dataDir, stopAfter, { arm: () => undefined });
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
      await h.insert(
        watched(card, (i, q) => {
          if (i !== ins || (p1 !== null && q !== p1) || !kill) return;
          seen += 1;
          // The second such command: part of the write is on the card, part is not.
          if (seen === 2) kill();
        }),
      );
      await runAndKill(dataDir, 'none', { arm: (k) => (kill = k) });
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
