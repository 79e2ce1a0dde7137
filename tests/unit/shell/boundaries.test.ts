// The process boundaries and the card layering are enforced by lint (a crossing fails `npm test`),
// and SQL stays in main/db.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function reports(ruleId: string, filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === ruleId).length;
}

const restrictedImports = (filePath: string, code: string) =>
  reports('no-restricted-imports', filePath, code);
const sqlOutsideDb = (filePath: string, code: string) =>
  reports('madoguchi/sql-in-db-only', filePath, code);

// Linting loads the whole config and parsers: slow on a busy two-core machine.
describe('import boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['renderer/src/x.ts', "import { readFile } from 'fs';"],
    ['renderer/src/x.ts', "import { createCore } from '../../main/core';"],
    ['preload/contract/x.ts', "import { join } from 'node:path';"],
    ['preload/contract/rules/x.ts', "import { join } from 'node:path';"],
    [
      'preload/contract/rules/x.ts',
      "import { nextActions } from '../../../main/card/card-health';",
    ],
    ['preload/contract/rules/x.ts', "import { app } from 'electron';"],
    ['main/card/apdu.ts', "import { Client } from 'pcsc-mini';"],
    ['main/card/sim/sim-card.ts', "import { Client } from 'pcsc-mini';"],
    ['main/core.ts', "import sqlite3 from 'sqlite3';"],
    ['main/db/repositories/cards.ts', "import sqlite3 from 'sqlite3';"],
    ['main/core.ts', "import { app } from 'electron';"],
    ['main/card/card-service.ts', "import { app } from 'electron';"],
    ['main/workflows/steps/x.ts', "import type { Apdu } from '../../card/apdu';"],
    ['main/workflows/steps/x.ts', "import { selectEf } from '../../card/iso7816';"],
    ['main/workflows/x/y.ts', "import { parseTlv } from '../../card/tlv';"],
    ['main/workflows/steps/x.ts', "import { SW } from '../../card/status-words';"],
    ['main/workflows/refusal.ts', "import type { Bytes } from '../card/transport';"],
    ['main/workflows/steps/x.ts', "import sqlite3 from 'sqlite3';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['main/card/pcsc-transport.ts', "import { Client } from 'pcsc-mini';"],
    ['main/db/connection.ts', "import sqlite3 from 'sqlite3';"],
    ['main/index.ts', "import { app } from 'electron';"],
    ['preload/index.ts', "import { contextBridge } from 'electron';"],
    ['renderer/src/x.ts', "import type { CardHealthDto } from '../../preload/contract';"],
    ['main/workflows/steps/x.ts', "import type { CardSession } from '../../card/card-service';"],
    ['main/workflows/steps/x.ts', "import { matchTextContents } from '../../card/apps/text';"],
    ['main/workflows/steps/x.ts', "import { verifyPinInUse } from '../../card/pins';"],
    ['main/workflows/steps/x.ts', "import { CardChangedError } from '../../card/card-errors';"],
    ['main/card/pins.ts', "import { selectEf } from './iso7816';"],
    ['main/authority/issuer-session.ts', "import { SW } from '../card/status-words';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(0);
  });
});

describe('SQL only in main/db', { timeout: 60_000 }, () => {
  it.each([
    ['main/core.ts', "const q = 'SELECT 1 FROM cards WHERE replaces_card_id = ?';"],
    ['main/workflows/x.ts', 'const q = `SELECT ${COLUMNS} FROM cards WHERE id = ?`;'],
    ['main/reports/daily.ts', 'const q = `\n    select count(*) AS n FROM fees`;'],
    ['main/reports/daily.ts', "const q = 'SELECT coalesce(sum(amount_yen), 0) AS yen FROM fees';"],
    ['main/practice/x.ts', "const q = 'INSERT INTO cards (serial) VALUES (?)';"],
    ['main/practice/x.ts', "const q = 'insert or replace into meta (key) values (?)';"],
    ['main/workflows/x.ts', "const q = 'UPDATE revocations SET destroyed_at = ?';"],
    ['main/workflows/x.ts', "const q = 'DELETE FROM cards WHERE id = ?';"],
    ['main/core.ts', "const q = 'PRAGMA quick_check';"],
    ['main/core.ts', "const q = 'CREATE TABLE t (k TEXT)';"],
    ['main/core.ts', "const q = 'create unique index t_k on t (k)';"],
    ['main/core.ts', "const q = 'WITH open AS (SELECT 1) SELECT * FROM open';"],
    ['main/core.ts', "const q = 'SELECT ' + columns + ' FROM cards';"],
    ['preload/contract/x.ts', "const q = 'SELECT * FROM cards';"],
    ['renderer/src/x.ts', "const q = 'DELETE FROM cards';"],
  ])('%s may not hold SQL: %s', async (file, code) => {
    expect(await sqlOutsideDb(file, `${code}\nexport { q };\n`)).toBe(1);
  });

  it.each([
    ['main/db/repositories/cards.ts', "const q = 'SELECT 1 FROM cards WHERE id = ?';"],
    ['main/db/repositories/x.ts', 'const q = `UPDATE cards SET state = ? WHERE id = ?`;'],
    ['main/db/migrations/0009-x.ts', "const q = 'CREATE TABLE t (k TEXT)';"],
    ['main/db/connection.ts', "const q = 'PRAGMA foreign_keys = ON';"],
    ['main/core.ts', "const q = 'Select the reader in the list';"],
    ['main/core.ts', "const q = 'Insert the card into the reader';"],
    ['main/core.ts', "const q = 'With list B documents, a face check follows.';"],
    ['main/core.ts', "const q = ['update', 'delete', 'create', 'select', 'with'];"],
    ['main/core.ts', 'const q = `Created ${n} cards; selected ${m}`;'],
    ['renderer/src/i18n/x.ts', "const q = { erase: 'Delete one', insert: 'Insert card' };"],
  ])('%s may: %s', async (file, code) => {
    expect(await sqlOutsideDb(file, `${code}\nexport { q };\n`)).toBe(0);
  });
});

// The renderer's screens reach main through its stores only.
describe('window.counter outside the stores', { timeout: 60_000 }, () => {
  const vue = (script: string) => `<script setup lang="ts">\n${script}\n</script>\n`;
  const counterCalls = (filePath: string, code: string) =>
    reports('no-restricted-syntax', filePath, code);

  it.each([
    ['renderer/src/workflows/x/x-view.ts', 'void window.counter.getAppInfo({});\nexport {};\n'],
    ['renderer/src/use-x.ts', 'const { counter } = window;\nvoid counter.getAppInfo({});\n'],
    [
      'renderer/src/workflows/x/XView.vue',
      vue('void window.counter.lookup.history({ residentId: 1 });'),
    ],
    ['renderer/src/components/X.vue', vue('void globalThis.counter.getAppInfo({});')],
  ])('%s may not call main itself', async (file, code) => {
    expect(await counterCalls(file, code)).toBe(1);
  });

  it.each([
    ['renderer/src/stores/x-store.ts', 'void window.counter.getAppInfo({});\nexport {};\n'],
    [
      'renderer/src/workflows/x/XView.vue',
      vue(
        "import { useLookupStore } from '../../stores/lookup-store';\nvoid useLookupStore().history(1);",
      ),
    ],
  ])('%s may', async (file, code) => {
    expect(await counterCalls(file, code)).toBe(0);
  });
});
