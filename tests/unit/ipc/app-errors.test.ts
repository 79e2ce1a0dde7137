// What the clerk is told about a fault: each storage fault its own code, and every error for IT an
// entry in the error log whose number the clerk is shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createErrorReporter, StartupFailure, toAppError } from '../../../main/app-errors';
import { appendAudit } from '../../../main/audit/audit-log';
import {
  DataKeyError,
  DbCorruptError,
  DbReadOnlyError,
  DbReferenceError,
  DbUnavailableError,
} from '../../../main/db/errors';
import { KeyFileError } from '../../../main/db/key-protector';
import { createIpcRouter, type Handlers } from '../../../main/ipc/router';
import { createErrorLog, ERROR_LOG_FILE } from '../../../main/logs/error-log';
import { AccessError } from '../../../main/operators/operator-session';
import { CHANNELS } from '../../../preload/contract/channels';
import { ERROR_ID_PATTERN } from '../../../preload/contract/errors';
import { ok } from '../../../preload/contract/result';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';
import { makeTempDir, openTestDb } from '../db/support/temp-db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A Node system error as fs throws it. */
function systemError(code: string, syscall = 'write'): Error {
  return Object.assign(new Error(`${code}: failed, ${syscall} '/data/exports/x.csv'`), {
    code,
    errno: -1,
    syscall,
  });
}

function errorLog() {
  const { dir, cleanup } = makeTempDir('madoguchi-app-errors-');
  cleanups.push(cleanup);
  const log = createErrorLog({ dir: join(dir, 'logs') });
  const entries = () =>
    readFileSync(log.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, entries };
}

describe('storage faults: each its own code and message', () => {
  const cases: [string, unknown, string][] = [
    ['a read-only data folder', new DbReadOnlyError('folder', '/data'), 'data-folder-read-only'],
    ['a read-only database file', new DbReadOnlyError('file', '/data/x'), 'db-read-only'],
    ['a missing reference', new DbReferenceError(), 'db-reference-missing'],
    ['the office database out of reach', new DbUnavailableError(), 'db-unavailable'],
    ['a key that does not open the data', new DataKeyError('wrong-key'), 'data-key-wrong'],
    ['a key store that cannot protect', new DataKeyError('unavailable'), 'data-key-unavailable'],
    ['a key file for another database', new KeyFileError('wrong-key', '/k'), 'data-key-wrong'],
    ['a key file of the wrong size', new KeyFileError('size', '/k'), 'data-key-wrong'],
    ['a key file others can read', new KeyFileError('permissions', '/k'), 'data-key-exposed'],
    ['a file write on a full disk', systemError('ENOSPC'), 'disk-full'],
    ['a file write on a read-only disk', systemError('EROFS', 'open'), 'data-folder-read-only'],
    ['a file write without permission', systemError('EACCES', 'open'), 'data-folder-read-only'],
  ];
  for (const [what, error, code] of cases) {
    it(`${what} is ${code}, with words in both languages`, () => {
      expect(toAppError(error)).toEqual({ code });
      expect((ja.errors as Record<string, string>)[code]).toBeTruthy();
      expect((en.errors as Record<string, string>)[code]).toBeTruthy();
    });
  }

  it('a refusal outside the file system (signalling a process) is not taken for a read-only folder', () => {
    expect(toAppError(systemError('EPERM', 'kill'))).toEqual({ code: 'internal' });
  });

  it('a real FOREIGN KEY failure of sqlite is db-reference-missing, not internal', async () => {
    const t = await openTestDb();
    cleanups.push(() => t.dispose());
    const e = await t.db
      .transaction((tx) => appendAudit(tx, { operatorId: 4242, action: 'operator.login' }))
      .catch((err: unknown) => err);
    expect(toAppError(e)).toEqual({ code: 'db-reference-missing' });
  });
});

describe('the error reporter', () => {
  it('an unexpected error goes to the log; the clerk gets its number', () => {
    const { log, entries } = errorLog();
    const report = createErrorReporter(log);
    const error = report(new TypeError('x is undefined'), { channel: 'reports:daily' });
    expect(error.code).toBe('internal');
    expect(error.errorId).toMatch(ERROR_ID_PATTERN);
    expect(entries()).toEqual([
      expect.objectContaining({
        id: error.errorId,
        channel: 'reports:daily',
        code: 'internal',
        error: expect.objectContaining({ name: 'TypeError' }),
      }),
    ]);
  });

  it('a storage fault gets a number too; a refusal the clerk acts on does not', () => {
    const { log, entries } = errorLog();
    const report = createErrorReporter(log);
    expect(report(new DbCorruptError('/data/x')).errorId).toMatch(ERROR_ID_PATTERN);
    expect(report(new AccessError('login-invalid', '4'))).toEqual({
      code: 'login-invalid',
      detail: '4',
    });
    expect(entries()).toHaveLength(1);
  });

  it('a start-up failure answered again keeps the number it was logged under', () => {
    const { log, entries } = errorLog();
    const report = createErrorReporter(log);
    const first = report(new DbCorruptError('/data/x'), { where: 'start' });
    expect(report(new StartupFailure(first))).toBe(first);
    expect(entries()).toHaveLength(1);
  });

  it('through the router: the handler’s exception answers internal with the entry’s number', async () => {
    const { log, entries } = errorLog();
    const report = createErrorReporter(log);
    const handlers = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        async () => {
          if (c === 'audit:verify') throw new Error('暗証番号 1234');
          return ok(null);
        },
      ]),
    ) as unknown as Handlers;
    const router = createIpcRouter({
      trustedOrigins: ['app://counter'],
      handlers,
      authorize: async () => undefined,
      toAppError: (e, { channel }) => report(e, { channel }),
    });
    const r = await router.handle(
      { url: 'app://counter/clerk.html', isMainFrame: true },
      'audit:verify',
      {},
    );
    expect(r.ok).toBe(false);
    const error = r.ok ? null : r.error;
    expect(error?.code).toBe('internal');
    expect(entries()).toEqual([
      expect.objectContaining({ id: error?.errorId, channel: 'audit:verify' }),
    ]);
    expect(readFileSync(log.path, 'utf8')).not.toContain('1234');
    expect(log.path.endsWith(ERROR_LOG_FILE)).toBe(true);
  });
});
