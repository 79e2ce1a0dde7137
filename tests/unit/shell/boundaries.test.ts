// The process boundaries and the card layering are enforced by lint: a crossing fails `npm test`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

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
