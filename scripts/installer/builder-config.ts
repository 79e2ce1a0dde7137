// electron-builder.yml as electron-builder itself reads it: its loader, its schema check, and the fuses the counter needs.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { EXPECTED_FUSES } from '../../main/preflight/fuses';

export const BUILDER_CONFIG_FILE = 'electron-builder.yml';

/**
 * Each fuse as the counter app needs it: the one list the preflight also compares with the running
 * executable (main/preflight/fuses.ts says why each is on or off).
 */
export const REQUIRED_FUSES = EXPECTED_FUSES;

/** The configuration electron-builder would build with (file, package.json's "build", defaults). */
export function loadBuilderConfig(
  projectDir: string,
  file: string = BUILDER_CONFIG_FILE,
): Promise<Configuration> {
  return getConfig(projectDir, file, null);
}

/**
 * What is wrong with a configuration, one line each; empty when nothing is. The schema check is
 * electron-builder's own (app-builder-lib's scheme.json through validateConfiguration): a misspelt
 * key would otherwise be ignored by the packager without a word, and a misspelt fuse left unset.
 */
export async function builderConfigProblems(config: Configuration): Promise<string[]> {
  const problems: string[] = [];
  try {
    await validateConfiguration(config, new DebugLogger(false));
  } catch (e) {
    problems.push(`schema: ${e instanceof Error ? e.message.trim() : String(e)}`);
  }
  for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
    const actual =
      config.electronFuses?.[fuse as keyof NonNullable<Configuration['electronFuses']>];
    if (actual !== wanted)
      problems.push(`electronFuses.${fuse} is ${String(actual)}, must be ${String(wanted)}`);
  }
  // onlyLoadAppFromAsar and the integrity check need the app in an archive at all.
  if (config.asar !== true) problems.push(`asar is ${String(config.asar)}, must be true`);
  return problems;
}

/** Option names whose value is a secret, or names the certificate: they come from the environment. */
const SECRET_KEY =
  /^\s*-?\s*["']?(\w*(password|passphrase|secret|token|apikey|api_key|privatekey|private_key)\w*|certificateFile|certificateSha1|certificateSubjectName|cscLink|cscKeyPassword|azureSignOptions|signtoolOptions)["']?\s*:/i;
/** A key block, or a long run of base64 or hex (a key, a token, a thumbprint, an embedded .pfx). */
const SECRET_VALUE =
  /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----|\b[0-9A-Fa-f]{32,}\b|[A-Za-z0-9+/]{60,}={0,2}/;

/**
 * Lines of a configuration file that look like a secret or a signing identity, comments left out.
 * The signing configuration is made on the build machine (signing-config.ts), never kept here.
 */
export function secretLookingLines(text: string): string[] {
  return text
    .split('\n')
    .map((line, n) => ({ line: line.replace(/(^|\s)#.*$/, ''), n: n + 1 }))
    .filter(({ line }) => SECRET_KEY.test(line) || SECRET_VALUE.test(line))
    .map(({ line, n }) => `line ${n}: ${line.trim()}`);
}
