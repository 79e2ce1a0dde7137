// Builds app.asar with electron-builder's own packager, without an Electron binary, to look inside it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Platform, build } from 'app-builder-lib';

export interface PackedAsar {
  /** `<outDir>/linux-unpacked/resources/app.asar`, with app.asar.unpacked beside it. */
  readonly archive: string;
  readonly unpackedDir: string;
}

/**
 * Packs the app as `npm run dist` would, up to the archive: the same configuration file, the same
 * `files` and `asarUnpack` selection, the same production dependencies (electron-builder asks npm
 * for them) and the same @electron/asar writer. Three things differ, for what cannot happen here:
 * a stand-in file takes the Electron binary's place (the binary is not downloadable on this
 * machine, and only its name is needed), native modules are not rebuilt for Electron (that needs
 * Electron's headers: the archive holds the same files either way), and the fuses are not flipped
 * (they live in the binary; builder-config.ts checks their configuration). The target is the
 * unpacked Linux folder, which needs no installer tools; the archive is the same on every platform
 * apart from the platform's native packages.
 */
export async function packAppAsar(projectDir: string, workDir: string): Promise<PackedAsar> {
  mkdirSync(workDir, { recursive: true });
  const dir = mkdtempSync(join(workDir, 'pack-'));
  const standIn = join(dir, 'electron-stand-in');
  mkdirSync(standIn);
  writeFileSync(join(standIn, 'electron'), '', { mode: 0o755 });
  const output = join(dir, 'release');
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget(['dir'], 1 /* Arch.x64 */),
    publish: 'never',
    // Merged over electron-builder.yml, which electron-builder loads from projectDir as usual.
    config: {
      electronDist: standIn,
      electronVersion: installedElectronVersion(projectDir),
      npmRebuild: false,
      electronFuses: null,
      directories: { output },
    },
  });
  const resources = join(output, 'linux-unpacked', 'resources');
  return {
    archive: join(resources, 'app.asar'),
    unpackedDir: join(resources, 'app.asar.unpacked'),
  };
}

/** The version package.json installs: electron-builder would read it from the binary it is missing. */
function installedElectronVersion(projectDir: string): string {
  const path = join(projectDir, 'node_modules', 'electron', 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}
