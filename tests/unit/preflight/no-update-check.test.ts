// Closed network: the app never looks for updates on the internet; IT installs each version.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

/** Names of update machinery: electron-updater and its kin, Electron's own autoUpdater, Squirrel. */
const UPDATERS =
  /electron-updater|autoUpdater|update-electron-app|update\.electronjs\.org|Squirrel/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('no update check', { timeout: 30_000 }, () => {
  it('no source of the app names an updater', () => {
    const files = ['main', 'preload', 'renderer/src'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const naming = files.filter((f) => UPDATERS.test(readFileSync(f, 'utf8')));
    expect(naming).toEqual([]);
  });

  it('no updater package is a dependency', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const names = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.devDependencies ?? {}),
    ];
    expect(names.filter((n) => UPDATERS.test(n))).toEqual([]);
  });

  it('the installers publish nowhere, so no update feed is built into them', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.publish ?? null).toBeNull();
  });
});
