// Each preflight check passes on what a working counter PC shows and fails (or warns) on what breaks it.
import { describe, expect, it } from 'vitest';
import type { ReadersDto } from '../../../preload/contract/dto';
import {
  auditCheck,
  backupCheck,
  cameraCheck,
  clockCheck,
  configCheck,
  databaseCheck,
  DISK_FAIL_BYTES,
  DISK_WARN_BYTES,
  diskCheck,
  displayCheck,
  encryptionCheck,
  fuseCheck,
  printerCheck,
  readerChecks,
  versionCheck,
  type AuditFacts,
  type DatabaseFacts,
} from '../../../main/preflight/checks';
import { EXPECTED_FUSES } from '../../../main/preflight/fuses';
import type { PreflightCheckDto } from '../../../preload/contract/preflight';

const READER = 'SONY FeliCa Port/PaSoRi 4.0 00 00';
const ready = (readers: ReadersDto['readers']): ReadersDto => ({
  subsystem: { kind: 'ready' },
  readers,
});
const withCard = {
  name: READER,
  cardPresent: true,
  mute: false,
  atrHex: '3B 8C 80 01',
  atrLabel: 'マイナンバーカード',
};
const statusOf = (checks: PreflightCheckDto[]) =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('PC/SC checks', () => {
  it('pass with the service up, the configured reader present and a card answering', () => {
    const checks = readerChecks({
      simulated: false,
      platform: 'linux',
      readers: ready([withCard]),
      configuredName: READER,
    });
    expect(statusOf(checks)).toEqual({
      'pcsc-service': 'pass',
      readers: 'pass',
      'reader-name': 'pass',
      'card-atr': 'pass',
    });
    expect(checks.find((c) => c.id === 'card-atr')?.found).toContain('3B 8C 80 01');
  });

  it('fail when the service is not running, naming SCardSvr on Windows', () => {
    const checks = readerChecks({
      simulated: false,
      platform: 'win32',
      readers: {
        subsystem: { kind: 'pcsc-unavailable', reason: 'service-not-running' },
        readers: [],
      },
    });
    expect(checks[0]).toMatchObject({ id: 'pcsc-service', status: 'fail' });
    expect(checks[0]!.found).toContain('SCardSvr');
    expect(checks.slice(1).every((c) => c.status === 'skip')).toBe(true);
  });

  it('fail without readers, and when the configured name matches none', () => {
    expect(
      statusOf(readerChecks({ simulated: false, platform: 'linux', readers: ready([]) })),
    ).toMatchObject({ readers: 'fail' });
    const wrong = readerChecks({
      simulated: false,
      platform: 'linux',
      readers: ready([withCard]),
      configuredName: 'Other Reader 00 00',
    });
    const name = wrong.find((c) => c.id === 'reader-name')!;
    expect(name.status).toBe('fail');
    expect(name.found).toContain(READER);
  });

  it('fail on a mute card; warn on an empty reader', () => {
    const mute = readerChecks({
      simulated: false,
      platform: 'linux',
      readers: ready([{ ...withCard, mute: true, atrHex: null, atrLabel: null }]),
    });
    expect(statusOf(mute)['card-atr']).toBe('fail');
    const empty = readerChecks({
      simulated: false,
      platform: 'linux',
      readers: ready([{ ...withCard, cardPresent: false, atrHex: null, atrLabel: null }]),
    });
    expect(statusOf(empty)['card-atr']).toBe('warn');
  });

  it('skip in practice mode', () => {
    const checks = readerChecks({ simulated: true, platform: 'linux', readers: ready([]) });
    expect(checks.map((c) => c.status)).toEqual(['skip', 'skip', 'skip', 'skip']);
  });
});

describe('camera, displays, printing', () => {
  it('camera: pass with one, fail with none, skip from the command line', () => {
    expect(cameraCheck(1).status).toBe('pass');
    expect(cameraCheck(0).status).toBe('fail');
    const cli = cameraCheck(null);
    expect(cli.status).toBe('skip');
    expect(cli.found).toContain('コマンドからは確認できません');
  });

  it('displays: pass with two, warn with one (the fallback beside the clerk window)', () => {
    const d = (x: number) => ({
      id: x,
      bounds: { x, y: 0, width: 1920, height: 1080 },
      workArea: { x, y: 0, width: 1920, height: 1040 },
    });
    expect(displayCheck([d(0), d(1920)]).status).toBe('pass');
    const one = displayCheck([d(0)]);
    expect(one.status).toBe('warn');
    expect(one.found).toContain('横');
    expect(displayCheck(null).status).toBe('skip');
  });

  it('printing: pass with a printer and a viewer; fail without a viewer or without a printer', () => {
    expect(printerCheck({ printers: ['受付'], pdfViewer: 'evince.desktop' }).status).toBe('pass');
    expect(printerCheck({ printers: ['受付'], pdfViewer: null }).status).toBe('fail');
    expect(printerCheck({ printers: [], pdfViewer: 'evince.desktop' }).status).toBe('fail');
    expect(printerCheck({ printers: null, pdfViewer: 'evince.desktop' }).status).toBe('warn');
  });
});

describe('disk, backups, database, audit, configuration', () => {
  it('free space: pass, warn, fail, and fail when it cannot be read', () => {
    expect(diskCheck('disk-data', '/d', DISK_WARN_BYTES).status).toBe('pass');
    expect(diskCheck('disk-data', '/d', DISK_WARN_BYTES - 1).status).toBe('warn');
    expect(diskCheck('disk-backup', '/b', DISK_FAIL_BYTES - 1).status).toBe('fail');
    expect(diskCheck('disk-backup', '/b', null).status).toBe('fail');
  });

  it('backups: pass when recent and readable; warn when old or none; fail when unreadable', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const newest = (days: number, readable: boolean | null) => ({
      name: 'issuance-x.sqlite3',
      at: at(days),
      readable,
    });
    expect(backupCheck({ dir: '/b', newest: newest(1, true), now }).status).toBe('pass');
    expect(backupCheck({ dir: '/b', newest: newest(8, true), now }).status).toBe('warn');
    expect(backupCheck({ dir: '/b', newest: null, now }).status).toBe('warn');
    expect(backupCheck({ dir: '/b', newest: newest(1, false), now }).status).toBe('fail');
  });

  const db: DatabaseFacts = {
    path: '/d/issuance.sqlite3',
    error: null,
    version: 7,
    latest: 7,
    appVersion: '0.1.0',
    mode: 'production',
    expectedMode: 'production',
    problems: [],
  };
  it('database: pass when current and whole; fail when newer (both versions named), damaged, the other mode or unopenable', () => {
    expect(databaseCheck(db).status).toBe('pass');
    const newer = databaseCheck({ ...db, version: 8, writtenBy: '0.2.0' });
    expect(newer.status).toBe('fail');
    expect(newer.found).toContain('0.2.0');
    expect(newer.found).toContain('0.1.0');
    expect(databaseCheck({ ...db, problems: ['*** in database main ***'] }).status).toBe('fail');
    expect(databaseCheck({ ...db, mode: 'practice' }).status).toBe('fail');
    expect(databaseCheck({ ...db, error: 'db-locked' }).status).toBe('fail');
    expect(databaseCheck({ ...db, missing: true }).status).toBe('warn');
  });

  const audit: AuditFacts = {
    production: true,
    alarm: false,
    anchorsConfigured: true,
    anchorsFile: '/share/audit-anchors-pc-production.jsonl',
    anchorsError: null,
    lastAnchorAt: '2026-12-06T23:00:00.000Z',
  };
  it('audit: pass with anchors kept; fail on an alarm, an anchor ahead of the log, an unwritable folder; warn unconfigured in production', () => {
    expect(auditCheck(audit).status).toBe('pass');
    expect(auditCheck({ ...audit, alarm: true }).status).toBe('fail');
    expect(auditCheck({ ...audit, anchorAhead: { anchorSeq: 90, lastSeq: 40 } }).status).toBe(
      'fail',
    );
    expect(auditCheck({ ...audit, anchorsError: 'EACCES' }).status).toBe('fail');
    expect(auditCheck({ ...audit, anchorsConfigured: false }).status).toBe('warn');
    expect(auditCheck({ ...audit, production: false, anchorsConfigured: false }).status).toBe(
      'pass',
    );
  });

  it('configuration: pass naming its file; fail when invalid; warn when there is none', () => {
    const ok = configCheck({
      file: '/etc/madoguchi/config.json',
      exists: true,
      error: null,
      mode: 'production',
    });
    expect(ok.status).toBe('pass');
    expect(ok.found).toContain('/etc/madoguchi/config.json');
    expect(
      configCheck({
        file: '/c',
        exists: true,
        error: 'machine config is not valid JSON',
        mode: null,
      }).status,
    ).toBe('fail');
    expect(configCheck({ file: '/c', exists: false, error: null, mode: null }).status).toBe('warn');
    expect(configCheck({ file: null, exists: false, error: null, mode: null }).status).toBe('warn');
  });
});

describe('encryption, clock, versions, fuses', () => {
  it('encryption: pass when encrypted, warn when not or unknown (the data is 特定個人情報)', () => {
    const f = { platform: 'win32' as const, dir: 'C:\\data', detail: 'C:' };
    expect(encryptionCheck({ ...f, encrypted: true }).status).toBe('pass');
    const off = encryptionCheck({ ...f, encrypted: false });
    expect(off.status).toBe('warn');
    expect(off.action).toContain('特定個人情報');
    expect(off.action).toContain('BitLocker');
    expect(encryptionCheck({ ...f, encrypted: null }).status).toBe('warn');
  });

  it('clock: pass in Asia/Tokyo; warn in another zone; fail when behind the last record', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const tokyo = { now, timeZone: 'Asia/Tokyo', offsetMinutes: 540, lastRecordAt: null };
    expect(clockCheck(tokyo)).toMatchObject({ status: 'pass' });
    expect(clockCheck(tokyo).found).toContain('2026-12-07 09:00:00（日本時間）');
    expect(clockCheck({ ...tokyo, timeZone: 'UTC', offsetMinutes: 0 }).status).toBe('warn');
    expect(clockCheck({ ...tokyo, lastRecordAt: '2026-12-08T00:00:00.000Z' }).status).toBe('fail');
  });

  it('versions: the app, Electron and Node.js', () => {
    const v = versionCheck({ app: '0.1.0', electron: '45.5.0', node: '22.1.0', packaged: true });
    expect(v.status).toBe('pass');
    expect(v.found).toContain('0.1.0');
    expect(v.found).toContain('Electron 45.5.0');
  });

  it('fuses: pass as built; fail on a flipped fuse or an unreadable wire; skip when not packaged', () => {
    const base = { packaged: true, expected: EXPECTED_FUSES, error: null };
    expect(fuseCheck({ ...base, actual: { ...EXPECTED_FUSES } }).status).toBe('pass');
    const flipped = fuseCheck({ ...base, actual: { ...EXPECTED_FUSES, runAsNode: true } });
    expect(flipped.status).toBe('fail');
    expect(flipped.found).toContain('runAsNode');
    expect(fuseCheck({ ...base, actual: null, error: 'no fuse wire' }).status).toBe('fail');
    expect(fuseCheck({ ...base, packaged: false, actual: null }).status).toBe('skip');
  });
});
