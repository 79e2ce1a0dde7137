// A database a newer app has migrated is refused at start, untouched, with both app versions named.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corePaths, createCore } from '../../../main/core';
import { openDatabase } from '../../../main/db/connection';
import { LATEST_SCHEMA_VERSION } from '../../../main/db/migrations';
import { parseTooNewDetail } from '../../../preload/contract/errors';
import { ja } from '../../../renderer/src/i18n/ja';
import { productionConfig, raw } from '../support/router-calls';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a database from a newer app', () => {
  it('is refused at start naming both versions, and not a byte of it changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-newer-'));
    dirs.push(dataDir);
    // Version 0.2.0 opens the file (and records itself), then adds a migration of its own.
    const newer = productionConfig(dataDir, { version: '0.2.0' });
    const first = createCore(newer);
    await first.start();
    expect(first.startupError()).toBeNull();
    await first.close();
    const db = await openDatabase(corePaths(dataDir).database);
    await db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    await db.close();
    const bytes = readFileSync(corePaths(dataDir).database);

    // This version (0.1.0) starts on it, with the same keys.
    const older = createCore({ ...newer, version: '0.1.0' });
    await older.start();
    try {
      const error = older.startupError();
      expect(error).toMatchObject({ code: 'db-too-new', detail: '0.2.0 > 0.1.0' });
      expect(error?.errorId).toMatch(/^E-\d{8}-[A-Z]{6}$/);
      // The windows learn it from app:get-info, the one call open during the fault.
      const info = await raw<{ startupError: unknown }>(older, 'app:get-info');
      expect(info.ok && info.value.startupError).toMatchObject({ code: 'db-too-new' });
      expect((await raw(older, 'auth:login', { loginId: 'x', password: 'y' })).ok).toBe(false);
      // The screen's words name both versions.
      const versions = parseTooNewDetail(error?.detail);
      expect(versions).toEqual({ database: '0.2.0', app: '0.1.0' });
      const words = ja.errorBox.tooNewVersions
        .replaceAll('{database}', versions!.database)
        .replaceAll('{app}', versions!.app);
      expect(words).toContain('新しい版のアプリ（0.2.0）');
      expect(words).toContain('この版（0.1.0）');
    } finally {
      await older.close();
    }
    expect(readFileSync(corePaths(dataDir).database).equals(bytes)).toBe(true);
  });
});
