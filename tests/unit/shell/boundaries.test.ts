// The process boundaries of ARCHITECTURE.md are enforced by lint: a crossing fails `npm test`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesOf(rule: string, filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === rule).length;
}

const restrictedImports = (filePath: string, code: string) =>
  messagesOf('no-restricted-imports', filePath, code);

// Linting loads the whole config and parsers: slow on a busy two-core machine.
describe('import boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['renderer/src/x.ts', "import { readFile } from 'fs';"],
    ['renderer/src/x.ts', "import { createCore } from '../../main/core';"],
    ['preload/contract/x.ts', "import { join } from 'node:path';"],
    ['main/card/apdu.ts', "import { Client } from 'pcsc-mini';"],
    ['main/card/sim/sim-card.ts', "import { Client } from 'pcsc-mini';"],
    ['main/core.ts', "import sqlite3 from 'sqlite3';"],
    ['main/db/repositories/cards.ts', "import sqlite3 from 'sqlite3';"],
    ['main/core.ts', "import { app } from 'electron';"],
    ['main/card/card-service.ts', "import { app } from 'electron';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['main/card/pcsc-transport.ts', "import { Client } from 'pcsc-mini';"],
    ['main/db/connection.ts', "import sqlite3 from 'sqlite3';"],
    ['main/index.ts', "import { app } from 'electron';"],
    ['preload/index.ts', "import { contextBridge } from 'electron';"],
    ['renderer/src/x.ts', "import type { CardHealthDto } from '../../preload/contract';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(0);
  });
});

// The renderer's screens reach main through its stores only.
describe('window.counter outside the stores', { timeout: 60_000 }, () => {
  const vue = (script: string) => `<script setup lang="ts">\n${script}\n</script>\n`;
  const counterCalls = (filePath: string, code: string) =>
    messagesOf('no-restricted-syntax', filePath, code);

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
