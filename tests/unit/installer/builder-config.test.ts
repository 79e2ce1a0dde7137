// electron-builder.yml checked by electron-builder's own schema, its fuses, no secret in it, and signing from the environment.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUILDER_CONFIG_FILE,
  builderConfigProblems,
  loadBuilderConfig,
  secretLookingLines,
} from '../../../scripts/installer/builder-config';
import { SigningError, signingFromEnv } from '../../../scripts/installer/signing-config';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-builder-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const projectYml = readFileSync(BUILDER_CONFIG_FILE, 'utf8');

/** The project's electron-builder.yml with one change, loaded as electron-builder loads it. */
async function problemsOfChanged(from: string, to: string): Promise<string[]> {
  expect(projectYml).toContain(from);
  const file = join(dir, `changed-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, projectYml.replace(from, to));
  return builderConfigProblems(await loadBuilderConfig(process.cwd(), file));
}

// electron-builder's config loader and schema: slow to load on a busy machine.
describe('electron-builder.yml', { timeout: 30_000 }, () => {
  it('passes electron-builder’s schema, with the fuses and targets IT deploys', async () => {
    const config = await loadBuilderConfig(process.cwd());
    expect(await builderConfigProblems(config)).toEqual([]);
    expect(config.nsis).toMatchObject({ perMachine: true, runAfterFinish: false });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
    const targets = (config.win?.target as { target: string }[]).map((t) => t.target);
    expect(targets).toEqual(['nsis', 'msi']);
  });

  it('fails on a key electron-builder does not know, at the top or misspelt in a section', async () => {
    const unknown = await problemsOfChanged('asar: true\n', 'asar: true\ninstallerKind: nsis\n');
    expect(unknown.join('\n')).toMatch(/^schema: .*installerKind/s);
    const misspelt = await problemsOfChanged(
      'nsis:\n  oneClick: false\n  perMachine: true',
      'nsis:\n  oneClick: false\n  perMachin: true',
    );
    // electron-builder names the section, not the key: "configuration.nsis should be one of these".
    expect(misspelt.join('\n')).toMatch(/^schema: .*configuration\.nsis should be/s);
  });

  it('fails on a fuse left open, or the app outside an archive', async () => {
    expect(await problemsOfChanged('runAsNode: false', 'runAsNode: true')).toEqual([
      'electronFuses.runAsNode is true, must be false',
    ]);
    expect(await problemsOfChanged('asar: true', 'asar: false')).toEqual([
      'asar is false, must be true',
    ]);
  });

  it('holds no secret-looking value', () => {
    expect(secretLookingLines(projectYml)).toEqual([]);
  });

  it('the secret check finds passwords, thumbprints, keys and tokens, not comments', () => {
    const planted = [
      'win:',
      '  certificatePassword: hunter2',
      '  signtoolOptions:',
      '    certificateSha1: 0123456789ABCDEF0123456789ABCDEF01234567',
      '  # certificateSha1 comes from the environment',
      '  azureSignOptions:',
      '    clientSecret: a~b.c',
      'publish:',
      '  token: ghp_0123',
      'extraResources:',
      '  - -----BEGIN PRIVATE KEY-----',
      `  - ${'QUJD'.repeat(20)}`,
    ].join('\n');
    expect(secretLookingLines(planted).map((l) => l.split(':')[0])).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 6',
      'line 7',
      'line 9',
      'line 11',
      'line 12',
    ]);
  });
});

describe('signing from the build machine’s environment', { timeout: 30_000 }, () => {
  const THUMBPRINT = '0123456789abcdef0123456789ABCDEF01234567';
  const AZURE = {
    MADOGUCHI_SIGN_AZURE_ENDPOINT: 'https://eus.codesigning.azure.net',
    MADOGUCHI_SIGN_AZURE_ACCOUNT: 'madoguchi-signing',
    MADOGUCHI_SIGN_AZURE_PROFILE: 'madoguchi-public-trust',
    MADOGUCHI_SIGN_PUBLISHER: '見本県窓口市',
  };

  it.each([
    ['certificate-thumbprint', { MADOGUCHI_SIGN_CERT_SHA1: THUMBPRINT }],
    ['certificate-subject', { MADOGUCHI_SIGN_CERT_SUBJECT: 'CN=見本県窓口市, O=見本県窓口市' }],
    ['azure-trusted-signing', AZURE],
    ['pfx-from-environment', { WIN_CSC_LINK: 'C:\\signing\\madoguchi.pfx' }],
  ])(
    '%s: option names this electron-builder knows, over electron-builder.yml',
    async (mode, env) => {
      const signing = signingFromEnv(env);
      expect(signing.mode).toBe(mode);
      const file = join(dir, `signing-${mode}.json`);
      writeFileSync(file, JSON.stringify(signing.config));
      const config = await loadBuilderConfig(process.cwd(), file);
      expect(await builderConfigProblems(config)).toEqual([]);
      // Merged over the project's file: its targets and fuses are still there.
      expect((config.win?.target as { target: string }[]).map((t) => t.target)).toEqual([
        'nsis',
        'msi',
      ]);
      if (mode === 'certificate-thumbprint')
        expect(config.win?.signtoolOptions?.certificateSha1).toBe(THUMBPRINT.toUpperCase());
      if (mode === 'azure-trusted-signing')
        expect(config.win?.azureSignOptions).toMatchObject({
          endpoint: AZURE.MADOGUCHI_SIGN_AZURE_ENDPOINT,
          codeSigningAccountName: AZURE.MADOGUCHI_SIGN_AZURE_ACCOUNT,
          certificateProfileName: AZURE.MADOGUCHI_SIGN_AZURE_PROFILE,
          publisherName: AZURE.MADOGUCHI_SIGN_PUBLISHER,
        });
    },
  );

  it('refuses no signing (unless a test build says so), two at once, half of Azure, a bad thumbprint', () => {
    expect(() => signingFromEnv({})).toThrow(SigningError);
    expect(signingFromEnv({ MADOGUCHI_UNSIGNED: '1' }).mode).toBe('unsigned-test-build');
    expect(() =>
      signingFromEnv({ MADOGUCHI_SIGN_CERT_SHA1: THUMBPRINT, WIN_CSC_LINK: 'x.pfx' }),
    ).toThrow(/more than one way/);
    expect(() =>
      signingFromEnv({ MADOGUCHI_SIGN_AZURE_ENDPOINT: AZURE.MADOGUCHI_SIGN_AZURE_ENDPOINT }),
    ).toThrow(/MADOGUCHI_SIGN_AZURE_ACCOUNT/);
    expect(() => signingFromEnv({ MADOGUCHI_SIGN_CERT_SHA1: '0123' })).toThrow(/40 hex digits/);
  });
});
