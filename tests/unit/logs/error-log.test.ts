// The error log for IT: one line per error under an id, rotated, and never a PIN, a 個人番号 or a
// message that could quote what someone typed.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertSafeDetails } from '../../../main/audit/details-guard';
import { DbNotFoundError } from '../../../main/db/errors';
import { createErrorLog, ERROR_LOG_FILE, newErrorId } from '../../../main/logs/error-log';
import { ERROR_ID_PATTERN } from '../../../preload/contract/errors';
import { makeTempDir } from '../db/support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function logDir(): string {
  const { dir, cleanup } = makeTempDir('madoguchi-logs-');
  cleanups.push(cleanup);
  return join(dir, 'logs');
}

const now = () => new Date('2026-11-25T01:02:03.000Z');

/** What a careless layer could throw: the secrets in its message, its cause and its own fields. */
function leakyError(): Error {
  const cause = new Error('resident typed 5376 8667 7188 and password Abc123XYZ');
  const e = new Error('暗証番号 1234 was wrong for 個人番号 537686677188\nsecond line 9876', {
    cause,
  });
  Object.assign(e, { pin: '1234', myNumber: '537686677188', code: 'BAD_PIN' });
  return e;
}

describe('error log', () => {
  it('writes one JSON line per error and answers its id', () => {
    const dir = logDir();
    const log = createErrorLog({ dir, now });
    const id = log.record(new Error('boom'), { channel: 'audit:export-csv', code: 'internal' });
    expect(id).toMatch(ERROR_ID_PATTERN);
    expect(id.startsWith('E-20261125-')).toBe(true);
    const lines = readFileSync(join(dir, ERROR_LOG_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      id,
      at: '2026-11-25T01:02:03.000Z',
      channel: 'audit:export-csv',
      code: 'internal',
      error: { name: 'Error' },
    });
    // The frames say where; the message of an unknown error is not kept.
    expect(entry.error.frames.length).toBeGreaterThan(0);
    expect(entry.error.frames[0]).toMatch(/^at /);
    expect(entry.error.message).toBeUndefined();
    expect(statSync(join(dir, ERROR_LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('never holds a PIN, a 個人番号, a password or the message lines of a stack', () => {
    const dir = logDir();
    const log = createErrorLog({ dir, now });
    const id = log.record(leakyError(), { channel: 'procedure:open-pin-entry' });
    const text = readFileSync(join(dir, ERROR_LOG_FILE), 'utf8');
    expect(text).toContain(id);
    for (const secret of ['1234', '537686677188', '5376 8667 7188', 'Abc123XYZ', '9876', '暗証']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    // The error's name, code and the cause's frames are there for IT.
    expect(JSON.parse(text)).toMatchObject({ error: { name: 'Error', code: 'BAD_PIN' } });
    expect(JSON.parse(text).error.cause.frames.length).toBeGreaterThan(0);
  });

  it('keeps the message of the database layer, but not a 12-digit run inside it', () => {
    const dir = logDir();
    const log = createErrorLog({ dir, now });
    log.record(new DbNotFoundError('/data/practice/issuance.sqlite3'));
    log.record(new DbNotFoundError('/data/537686677188/issuance.sqlite3'));
    const [plain, leaky] = readFileSync(join(dir, ERROR_LOG_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(plain.error.message).toBe(
      'database file does not exist: /data/practice/issuance.sqlite3',
    );
    expect(leaky.error.message).toBe('[removed]');
    expect(JSON.stringify(leaky)).not.toContain('537686677188');
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = logDir();
    const log = createErrorLog({ dir, now, maxBytes: 2000, files: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(log.record(new Error('x')));
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['errors.1.log', 'errors.2.log', 'errors.log']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(2000);
    // The newest entry is in the current file, the oldest ones are gone.
    expect(readFileSync(join(dir, ERROR_LOG_FILE), 'utf8')).toContain(ids.at(-1));
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(all).not.toContain(ids[0]);
  });

  it('still answers an id when the log cannot be written, and writes the entry once it can', () => {
    const { dir, cleanup } = makeTempDir('madoguchi-logs-');
    cleanups.push(cleanup);
    // A file where the folder should be: nothing can be written there.
    const blocked = join(dir, 'logs');
    writeFileSync(blocked, 'not a folder');
    const log = createErrorLog({ dir: blocked, now });
    const id = log.record(new Error('boom'));
    expect(id).toMatch(ERROR_ID_PATTERN);
    expect(existsSync(join(blocked, ERROR_LOG_FILE))).toBe(false);
    rmSync(blocked);
    log.flush();
    expect(readFileSync(join(blocked, ERROR_LOG_FILE), 'utf8')).toContain(id);
  });

  it('an id never reads as a 12-digit number to the details guard', () => {
    for (let i = 0; i < 200; i++) {
      const id = newErrorId(new Date('2026-11-25T00:00:00Z'));
      expect(() => assertSafeDetails({ id })).not.toThrow();
    }
  });
});
