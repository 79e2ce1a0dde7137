// Where IT staff put the machine configuration, and where each mode keeps its data and backups.
import { basename, dirname, join } from 'node:path';

/**
 * The machine config file: the per-machine location an installer or a software-distribution tool
 * writes (readable by every user, writable by admins). MADOGUCHI_CONFIG overrides it in
 * development and tests only: in a packaged build anyone who can set a user's environment would
 * otherwise choose the counter's mode, reader and key file.
 */
export function machineConfigPath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  packaged: boolean,
): string {
  if (env.MADOGUCHI_CONFIG && !packaged) return env.MADOGUCHI_CONFIG;
  if (platform === 'win32') {
    return join(env.ProgramData ?? 'C:\\ProgramData', 'Madoguchi', 'config.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Madoguchi/config.json';
  return '/etc/madoguchi/config.json';
}

/** Each mode has its own folder, so practice data and production data never meet. */
export function modeDataDir(userDataDir: string, mode: 'production' | 'practice'): string {
  return join(userDataDir, mode);
}

/**
 * Backups when the machine configuration names no folder: beside the mode's data folder, never in
 * it (`…/production-backups`), so a copy of the data folder is not also a copy of every backup.
 */
export function defaultBackupDir(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}-backups`);
}
