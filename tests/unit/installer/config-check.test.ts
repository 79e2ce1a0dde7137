// `npm run config:check`: IT's machine configuration checked by the app's own check, in Japanese and English.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineConfigProblems, parseMachineConfig } from '../../../main/config/config';
import { runScript } from '../../fixtures/run-script';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configCheck(name: string, text: string | null) {
  const file = join(dir, name);
  if (text !== null) writeFileSync(file, text);
  const run = runScript('scripts/config-check.ts', [file]);
  return { status: run.status, out: run.stdout + run.stderr };
}

/** The example README gives IT under "Configuration for IT staff". */
function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration for IT staff'));
  const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!example) throw new Error('README has no JSON example under Configuration for IT staff');
  return example;
}

describe('config:check', { timeout: 30_000 }, () => {
  it('passes README’s example, as the app reads it (production, its reader)', () => {
    expect(machineConfigProblems(readmeExample())).toEqual([]);
    const run = configCheck('readme.json', readmeExample());
    expect(run.out).toMatch(/問題なし \/ ok \(本番 \/ production, reader PC\/SC SONY/);
    expect(run.status).toBe(0);
  });

  it('names each problem in Japanese and English and exits 1', () => {
    const run = configCheck(
      'bad.json',
      '{"reader":{"kind":"pcsc"},"exchangeTimeoutMs":5,"backupDir":"backups","idleLock":3}',
    );
    expect(run.status).toBe(1);
    expect(run.out).toContain('3 件の問題 / 3 problem(s)');
    expect(run.out).toContain('exchangeTimeoutMs: 小さすぎる値');
    expect(run.out).toContain('Too small: expected number to be >=100');
    expect(run.out).toContain('backupDir: 絶対パスで書いてください');
    expect(run.out).toContain('must be an absolute path');
    expect(run.out).toContain('(root): 認識されていないキー: "idleLock"');
    expect(run.out).toContain('Unrecognized key: "idleLock"');
  });

  it('refuses what the app refuses at start: a mode with the other kind of reader, broken JSON', () => {
    const mixed = '{"mode":"practice","reader":{"kind":"pcsc"}}';
    expect(() => parseMachineConfig(mixed)).toThrow(/practice mode/);
    expect(machineConfigProblems(mixed)).toEqual([
      {
        path: 'reader.kind',
        en: 'practice mode uses the simulated reader only (reader.kind)',
        ja: expect.stringContaining('練習モード'),
      },
    ]);
    const broken = configCheck('broken.json', '{"reader": ');
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('(file): JSONとして読めません');
  });

  it('reads a file PowerShell wrote with a byte order mark, as the app does', () => {
    const withBom = `\uFEFF${readmeExample()}`;
    expect(parseMachineConfig(withBom).mode).toBe('production');
    expect(machineConfigProblems(withBom)).toEqual([]);
  });

  it('exits 2 for a file it cannot read, and for no file at all', () => {
    const missing = configCheck('missing.json', null);
    expect(missing.status).toBe(2);
    expect(missing.out).toContain('ファイルを読めません / cannot read the file (ENOENT)');
    const usage = runScript('scripts/config-check.ts');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run config:check -- <config.json>');
  });
});
