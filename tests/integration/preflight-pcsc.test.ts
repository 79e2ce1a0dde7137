// The preflight's PC/SC checks against a real pcscd (the suite's, with the vpcd reader), and without one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadPreset } from '../../main/card/sim/presets';
import { runPreflightCli } from '../../main/preflight/cli';
import type { RunProgram } from '../../main/preflight/host';
import type { PreflightReportDto } from '../../preload/contract/preflight';
import { createPcscHarness } from './support/pcsc-harness';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-preflight-pcsc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A production configuration naming `reader`. */
function configFile(name: string, reader: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ reader: { kind: 'pcsc', name: reader } }));
  return path;
}

/** The OS as a counter PC answers: a printer and a PDF viewer (other programs: not there). */
const counterPc: RunProgram = async (command) =>
  command === 'lpstat' ? '受付プリンター\n' : command === 'xdg-mime' ? 'evince.desktop\n' : null;

async function preflight(config: string): Promise<{ code: number; report: PreflightReportDto }> {
  const lines: string[] = [];
  const code = await runPreflightCli(
    { json: true, bundleDir: null, configFile: config, dataDir: join(dir, 'user-data') },
    {
      platform: 'linux',
      env: {},
      now: () => new Date(),
      appVersion: '0.1.0',
      run: counterPc,
      print: (l) => lines.push(l),
    },
  );
  return { code, report: JSON.parse(lines.join('')) as PreflightReportDto };
}

const statusOf = (report: PreflightReportDto, id: string) =>
  report.checks.find((c) => c.id === id)?.status;

describe('preflight with pcscd', () => {
  it('finds the service and the configured reader; the card answers its ATR once inserted', async () => {
    const { reader } = inject('pcscd');
    const right = configFile('right.json', reader);
    const empty = await preflight(right);
    expect(statusOf(empty.report, 'pcsc-service')).toBe('pass');
    expect(statusOf(empty.report, 'readers')).toBe('pass');
    expect(statusOf(empty.report, 'reader-name')).toBe('pass');
    expect(statusOf(empty.report, 'card-atr')).toBe('warn');

    const harness = await createPcscHarness();
    try {
      await harness.insert(await loadPreset('issued', { timing: false }));
      const withCard = await preflight(right);
      expect(statusOf(withCard.report, 'card-atr')).toBe('pass');
      expect(withCard.report.checks.find((c) => c.id === 'card-atr')?.found).toMatch(/ATR 3B/);
      // Nothing failed: warnings (no database yet, no backup) do not fail the run.
      expect(withCard.report.worst).not.toBe('fail');
      expect(withCard.code).toBe(0);

      const wrong = await preflight(configFile('wrong.json', 'SONY FeliCa Port/PaSoRi 4.0 00 00'));
      expect(statusOf(wrong.report, 'reader-name')).toBe('fail');
      expect(wrong.report.checks.find((c) => c.id === 'reader-name')?.found).toContain(reader);
      expect(wrong.code).toBe(1);
    } finally {
      await harness.remove();
      await harness.close();
    }
  });
});

describe('preflight without pcscd', () => {
  it('says pcscd is not running and exits 1', async () => {
    // libpcsclite takes its socket from PCSCLITE_CSOCK_NAME: a path with nothing behind it is what
    // a client sees when pcscd is not running, without stopping the suite's pcscd.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/preflight.ts',
        '--json',
        '--config',
        configFile('no-pcscd.json', inject('pcscd').reader),
        '--user-data',
        join(dir, 'user-data'),
      ],
      {
        env: { ...process.env, PCSCLITE_CSOCK_NAME: join(dir, 'no-pcscd.comm') },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    const report = JSON.parse(out) as PreflightReportDto;
    const service = report.checks.find((c) => c.id === 'pcsc-service');
    expect(service?.status).toBe('fail');
    expect(service?.found).toContain('pcscd');
    expect(service?.action).toContain('systemctl');
    expect(statusOf(report, 'readers')).toBe('skip');
    expect(code).toBe(1);
  });
});
