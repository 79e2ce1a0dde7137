// The Windows signing configuration, from the build machine's environment: nothing about the certificate is in the repository.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Configuration } from 'app-builder-lib';

/**
 * How the release is signed, chosen by which variables the build machine sets. Names of
 * electron-builder 26's options (app-builder-lib's scheme.json): `win.signtoolOptions` for
 * signtool.exe, `win.azureSignOptions` for Azure Trusted Signing.
 */
export type SigningMode =
  | 'certificate-thumbprint'
  | 'certificate-subject'
  | 'azure-trusted-signing'
  | 'pfx-from-environment'
  | 'unsigned-test-build';

export interface Signing {
  readonly mode: SigningMode;
  /** Merged over electron-builder.yml (it `extends` it): the file the release passes to --config. */
  readonly config: Configuration & { extends: string };
}

export class SigningError extends Error {
  override readonly name = 'SigningError';
}

type Env = Readonly<Record<string, string | undefined>>;

const AZURE = {
  endpoint: 'MADOGUCHI_SIGN_AZURE_ENDPOINT',
  codeSigningAccountName: 'MADOGUCHI_SIGN_AZURE_ACCOUNT',
  certificateProfileName: 'MADOGUCHI_SIGN_AZURE_PROFILE',
  publisherName: 'MADOGUCHI_SIGN_PUBLISHER',
} as const;

const set = (env: Env, name: string): string | null => {
  const value = env[name]?.trim();
  return value ? value : null;
};

/**
 * The signing configuration the environment asks for. Exactly one way must be set; none at all
 * is refused unless MADOGUCHI_UNSIGNED=1 says this is a test build that is never deployed.
 */
export function signingFromEnv(env: Env): Signing {
  const base = { extends: 'file:electron-builder.yml' };
  const timestamp = set(env, 'MADOGUCHI_SIGN_TIMESTAMP_URL');
  const signtool = (certificate: Record<string, string>) => ({
    ...base,
    win: {
      signtoolOptions: {
        ...certificate,
        signingHashAlgorithms: ['sha256' as const],
        ...(timestamp ? { rfc3161TimeStampServer: timestamp } : {}),
        ...(set(env, 'MADOGUCHI_SIGN_PUBLISHER')
          ? { publisherName: set(env, 'MADOGUCHI_SIGN_PUBLISHER') }
          : {}),
      },
    },
  });
  const ways: Signing[] = [];
  const sha1 = set(env, 'MADOGUCHI_SIGN_CERT_SHA1');
  if (sha1) {
    if (!/^[0-9A-Fa-f]{40}$/.test(sha1.replace(/\s/g, '')))
      throw new SigningError('MADOGUCHI_SIGN_CERT_SHA1 must be the 40 hex digits of a thumbprint');
    ways.push({
      mode: 'certificate-thumbprint',
      config: signtool({ certificateSha1: sha1.replace(/\s/g, '').toUpperCase() }),
    });
  }
  const subject = set(env, 'MADOGUCHI_SIGN_CERT_SUBJECT');
  if (subject)
    ways.push({
      mode: 'certificate-subject',
      config: signtool({ certificateSubjectName: subject }),
    });
  const azureSet = Object.values(AZURE).filter((name) => set(env, name));
  if (set(env, AZURE.endpoint) || set(env, AZURE.codeSigningAccountName)) {
    const missing = Object.values(AZURE).filter((name) => !azureSet.includes(name));
    if (missing.length > 0)
      throw new SigningError(`Azure Trusted Signing also needs ${missing.join(', ')}`);
    const azureSignOptions = Object.fromEntries(
      Object.entries(AZURE).map(([option, name]) => [option, set(env, name) as string]),
    ) as Record<keyof typeof AZURE, string>;
    ways.push({
      mode: 'azure-trusted-signing',
      config: {
        ...base,
        win: {
          azureSignOptions: {
            ...azureSignOptions,
            ...(timestamp ? { timestampRfc3161: timestamp } : {}),
          },
        },
      },
    });
  }
  if (set(env, 'WIN_CSC_LINK') || set(env, 'CSC_LINK'))
    ways.push({ mode: 'pfx-from-environment', config: { ...base } });
  if (ways.length > 1)
    throw new SigningError(
      `more than one way to sign is set (${ways.map((w) => w.mode).join(', ')}): keep one`,
    );
  const [way] = ways;
  if (way) return way;
  if (set(env, 'MADOGUCHI_UNSIGNED') === '1')
    return { mode: 'unsigned-test-build', config: { ...base } };
  throw new SigningError(
    'no signing configured: set MADOGUCHI_SIGN_CERT_SHA1, MADOGUCHI_SIGN_CERT_SUBJECT, ' +
      'the MADOGUCHI_SIGN_AZURE_* variables or WIN_CSC_LINK (or MADOGUCHI_UNSIGNED=1 for a test ' +
      'build that is never deployed)',
  );
}

// `tsx scripts/installer/signing-config.ts <file>`: writes the configuration for --config.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/installer/signing-config.ts <signing config file.json>');
    process.exit(2);
  }
  try {
    const signing = signingFromEnv(process.env);
    writeFileSync(file, `${JSON.stringify(signing.config, null, 2)}\n`);
    console.log(signing.mode);
  } catch (e) {
    if (!(e instanceof SigningError)) throw e;
    console.error(`signing: ${e.message}`);
    process.exit(1);
  }
}
