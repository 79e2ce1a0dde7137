// Where IT staff put the machine configuration, and where each mode keeps its data.
import { join } from 'node:path';

/**
 * The machine config file: MADOGUCHI_CONFIG when set, otherwise the per-machine location an
 * installer or a software-distribution tool writes (readable by every user, writable by admins).
 */
export function machineConfigPath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string {
  if (env.MADOGUCHI_CONFIG) return env.MADOGUCHI_CONFIG;
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
