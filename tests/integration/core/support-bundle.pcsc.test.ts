// The support bundle holds no PIN, password, 個人番号, setup code or key: planted in the configuration,
// the data folder and the error log, none of them is found in the file the app or the CLI writes.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corePaths, createCore, type Core } from '../../../main/core';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { runPreflightCli } from '../../../main/preflight/cli';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import { call, productionConfig, TEST_SETUP_CODE } from '../support/router-calls';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PIN = '4821';
const PASSWORD = 'Kanri-Himitsu-2026';
const MY_NUMBER = '123456789018';
const MY_NUMBER_GROUPED = '5376 8667 7188';
/** 2026-12-07 08:30:00 in Japan. */
const NOW = new Date('2026-12-06T23:30:00Z');

/** The error log of the data folder, with the secrets where a careless line could put them. */
function plantLog(dataDir: string, keyHex: string): string {
  const logs = corePaths(dataDir).logs;
  mkdirSync(logs, { recursive: true });
  const id = 'E-20261206-KQWXRT';
  const entry = {
    id,
    at: '2026-12-06T23:00:00.000Z',
    channel: 'procedure:open-pin-entry',
    code: 'internal',
    pin: PIN,
    password: PASSWORD,
    error: {
      name: 'Error',
      message: `PIN ${PIN} password ${PASSWORD} 個人番号 ${MY_NUMBER} code ${TEST_SETUP_CODE} key ${keyHex}`,
      frames: [
        'at openPinEntry (/opt/madoguchi/out/main/index.js:100:20)',
        `at ${MY_NUMBER_GROUPED} (${PASSWORD}:1:1)`,
      ],
      cause: { name: 'Error', message: MY_NUMBER_GROUPED, frames: [] },
    },
  };
  writeFileSync(
    join(logs, 'errors.log'),
    `${JSON.stringify(entry)}\nnot json: ${PIN} ${PASSWORD} ${MY_NUMBER}\n`,
  );
  return id;
}

function secretsIn(text: string, keyFile: string): string[] {
  const key = readFileSync(keyFile);
  const secrets = [
    PIN,
    PASSWORD,
    MY_NUMBER,
    MY_NUMBER_GROUPED,
    MY_NUMBER_GROUPED.replaceAll(' ', ''),
    TEST_SETUP_CODE,
    key.toString('hex'),
    key.toString('base64'),
    key.toString('utf8').slice(0, 24),
  ];
  return secrets.filter((s) => text.includes(s));
}

describe('support bundle', () => {
  it('from the admin screen and from the CLI: useful to IT, and none of the planted secrets in it', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'madoguchi-bundle-'));
    dirs.push(userData);
    const dataDir = join(userData, 'production');
    // A folder whose name has a 個人番号's form: the bundle names folders, never such a number.
    const backupDir = join(userData, `backup-${MY_NUMBER}`);
    const keyFile = join(userData, 'keys', 'data.key');
    mkdirSync(join(userData, 'keys'), { recursive: true, mode: 0o700 });
    const config = productionConfig(dataDir, {
      now: () => NOW,
      backupDir,
      keyProtector: new FileKeyProtector(keyFile),
    });
    let core: Core | null = createCore(config);
    await core.start();
    try {
      await call(core, 'auth:setup-admin', {
        loginId: 'kanri',
        displayName: '管理 太郎',
        password: PASSWORD,
        setupCode: TEST_SETUP_CODE,
      });
      const keyHex = readFileSync(keyFile).toString('hex');
      const id = plantLog(dataDir, keyHex);
      const written = await call<FileWrittenDto>(core, 'admin:write-support-bundle', {
        cameras: 1,
      });
      // Japan's time in the name: 08:30 on the 7th, not 23:30 on the 6th.
      expect(basename(written.path)).toBe('support-20261207-083000-000.json');
      const text = readFileSync(written.path, 'utf8');
      expect(Buffer.byteLength(text)).toBe(written.bytes);
      expect(secretsIn(text, keyFile)).toEqual([]);
      const bundle = JSON.parse(text) as {
        versions: { app: string };
        config: { values: { setupCode: string; mode: string } };
        preflight: { checks: { id: string }[] };
        errorLog: { id: string; channel: string; error: { frames: string[] } }[];
        readers: unknown;
      };
      expect(bundle.versions.app).toBe('test');
      expect(bundle.config.values.mode).toBe('production');
      expect(bundle.config.values.setupCode).toContain('内容は含めません');
      expect(bundle.preflight.checks.map((c) => c.id)).toContain('database');
      expect(bundle.readers).not.toBeNull();
      expect(bundle.errorLog).toEqual([
        {
          id,
          at: '2026-12-06T23:00:00.000Z',
          channel: 'procedure:open-pin-entry',
          code: 'internal',
          error: {
            name: 'Error',
            frames: ['at openPinEntry (/opt/madoguchi/out/main/index.js:100:20)'],
            cause: { name: 'Error', frames: [] },
          },
        },
      ]);
    } finally {
      await core.close();
      core = null;
    }

    // The CLI on the same machine: the configuration file holds the setup code.
    const configFile = join(userData, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        mode: 'production',
        reader: { kind: 'pcsc', name: 'Virtual PCD 00 00' },
        setupCode: TEST_SETUP_CODE,
        dataKeyFile: keyFile,
        backupDir,
      }),
    );
    const out = join(userData, 'for-it');
    const lines: string[] = [];
    const code = await runPreflightCli(
      { json: false, bundleDir: out, configFile, dataDir: userData },
      {
        platform: process.platform,
        env: {},
        now: () => NOW,
        appVersion: '0.1.0',
        print: (l) => lines.push(l),
      },
    );
    expect(code).toBe(0);
    expect(readdirSync(out)).toEqual(['support-20261207-083000-000.json']);
    const cliText = readFileSync(join(out, 'support-20261207-083000-000.json'), 'utf8');
    expect(secretsIn(cliText, keyFile)).toEqual([]);
    expect(cliText).toContain('"errorLog"');
    expect(cliText).toContain('Virtual PCD 00 00');
    expect(lines.join('\n')).toContain('support-20261207-083000-000.json');
  });
});
