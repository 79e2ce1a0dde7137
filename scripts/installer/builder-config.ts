// electron-builder.yml as electron-builder itself reads it: its loader, its schema check, and the fuses the counter needs.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util/out/DebugLogger';

export const BUILDER_CONFIG_FILE = 'electron-builder.yml';

/**
 * Each fuse as the counter app needs it. Off: ELECTRON_RUN_AS_NODE (the app binary as a Node
 * shell for anyone who can start it), NODE_OPTIONS (code injected through the environment),
 * --inspect (a debugger on the main process, which holds the data keys), extra file:// powers.
 * On: the app only from app.asar, that archive checked against the binary, cookies encrypted.
 */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

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
    const actual = config.electronFuses?.[fuse as keyof typeof REQUIRED_FUSES];
    if (actual !== wanted)
      problems.push(`electronFuses.${fuse} is ${String(actual)}, must be ${String(wanted)}`);
  }
  // onlyLoadAppFromAsar and the integrity check need the app in an archive at all.
  if (config.asar !== true) problems.push(`asar is ${String(config.asar)}, must be true`);
  return problems;
}
