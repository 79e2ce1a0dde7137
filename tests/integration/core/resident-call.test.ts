// 「職員を呼ぶ」 through the real router: the resident page's press reaches the clerk's window as an event
// and an audit row; the clerk's page, a foreign page and any request but the empty one are refused,
// and nothing is told or recorded for them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { StaffCallDto } from '../../../preload/contract/issuance';
import { call, CLERK, raw, RESIDENT, startCore } from '../support/router-calls';

let core: Core;
let told: unknown[];

beforeEach(async () => {
  core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-call-')));
  told = [];
  core.onEvent((event, payload) => {
    if (event === 'resident:staff-called') told.push(payload);
  });
});
afterEach(async () => {
  await core.close();
});

async function login(): Promise<void> {
  await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
}

async function auditRows(): Promise<{ action: string; details: string }[]> {
  return core.db()!.all<{
    action: string;
    details: string;
  }>(`SELECT action, details FROM audit_log WHERE action = 'resident.staff-called'`);
}

describe('resident:call-staff', () => {
  it('tells the clerk and is audited under the operator at the counter', async () => {
    await login();
    const answer = await call<StaffCallDto>(core, 'resident:call-staff', {}, RESIDENT);
    expect(Number.isNaN(Date.parse(answer.at))).toBe(false);
    expect(told).toEqual([answer]);
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details)).toEqual({ entryOpen: false });
  });

  it('refuses hostile requests before anything is told or recorded', async () => {
    await login();
    const hostile: unknown[] = [
      { message: '<img src=x onerror=alert(1)>' },
      { at: '2026-01-01T00:00:00Z' },
      'call',
      ['call'],
      null,
      { padding: 'x'.repeat(100_000) },
    ];
    for (const payload of hostile) {
      const r = await raw(core, 'resident:call-staff', payload, RESIDENT);
      expect(r.ok, JSON.stringify(payload).slice(0, 40)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation');
    }
    expect(told).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it("answers the resident's page only: the clerk's page, a frame and a foreign origin are refused", async () => {
    await login();
    const senders = [
      CLERK,
      { ...RESIDENT, isMainFrame: false },
      { url: 'http://127.0.0.1:2/resident.html', isMainFrame: true },
    ];
    for (const sender of senders) {
      const r = await raw(core, 'resident:call-staff', {}, sender);
      expect(r).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(told).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it('needs a counter operator logged in beside the window', async () => {
    const r = await raw(core, 'resident:call-staff', {}, RESIDENT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not-logged-in');
    expect(told).toEqual([]);
  });
});
