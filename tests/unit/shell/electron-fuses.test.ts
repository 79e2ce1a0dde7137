// The packaged binary's Electron fuses: read and schema-checked as electron-builder itself reads them.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { REQUIRED_FUSES as FUSES } from '../../../scripts/installer/builder-config';

// electron-builder's config loader and schema: slow to load on a busy machine.
describe('electron fuses', { timeout: 30_000 }, () => {
  it('electron-builder.yml flips every fuse, with names this electron-builder knows', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    for (const [fuse, value] of Object.entries(FUSES)) {
      expect(config.electronFuses?.[fuse as keyof typeof config.electronFuses], fuse).toBe(value);
    }
    // A misspelt fuse name would be silently ignored by the packager: the schema refuses it here.
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // onlyLoadAppFromAsar needs the app in an archive at all.
    expect(config.asar).toBe(true);
  });

  it('the schema check catches a misspelt fuse', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });
});
