// Machine configuration: practice mode with the simulated reader unless IT configures a reader.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  machineConfigProblems,
  parseMachineConfig,
} from '../../../main/config/config';
import { defaultBackupDir, machineConfigPath, modeDataDir } from '../../../main/config/paths';
import { senderInfoOf } from '../../../main/windows/ipc-sender';

describe('machine config', () => {
  it('with no file, starts in practice mode with the simulated reader', () => {
    const c = parseMachineConfig(null);
    expect(c.mode).toBe('practice');
    expect(c.reader).toEqual({ kind: 'simulated' });
    expect(c.exchangeTimeoutMs).toBe(5000);
  });

  it('a configured PC/SC reader means production', () => {
    const c = parseMachineConfig('{"reader":{"kind":"pcsc","name":"SONY FeliCa"}}');
    expect(c.mode).toBe('production');
    expect(c.reader).toEqual({ kind: 'pcsc', name: 'SONY FeliCa' });
  });

  it('takes the municipality printed on receipts, and refuses a code that is not 5 digits', () => {
    const c = parseMachineConfig(
      '{"reader":{"kind":"pcsc"},"municipality":{"code":"13221","name":"東京都狛江市"}}',
    );
    expect(c.municipality).toEqual({ code: '13221', name: '東京都狛江市' });
    expect(() =>
      parseMachineConfig('{"reader":{"kind":"pcsc"},"municipality":{"code":"132210","name":"x"}}'),
    ).toThrow(/municipality/);
  });

  it('takes IT’s setup code for the first administrator, at least 12 characters', () => {
    const c = parseMachineConfig('{"reader":{"kind":"pcsc"},"setupCode":" Kq7-Fv2m-Zt9w "}');
    expect(c.setupCode).toBe('Kq7-Fv2m-Zt9w');
    expect(parseMachineConfig('{"reader":{"kind":"pcsc"}}').setupCode).toBeUndefined();
    expect(() => parseMachineConfig('{"reader":{"kind":"pcsc"},"setupCode":"12345"}')).toThrow(
      /setupCode/,
    );
  });

  it('takes the folder of the audit anchors, and refuses an empty one', () => {
    const c = parseMachineConfig(
      '{"reader":{"kind":"pcsc"},"auditAnchorsDir":" \\\\\\\\audit01\\\\anchors "}',
    );
    expect(c.auditAnchorsDir).toBe('\\\\audit01\\anchors');
    expect(parseMachineConfig(null).auditAnchorsDir).toBeUndefined();
    expect(() => parseMachineConfig('{"auditAnchorsDir":" "}')).toThrow(/auditAnchorsDir/);
  });

  it('refuses a mode and reader that do not belong together', () => {
    expect(() => parseMachineConfig('{"mode":"production"}')).toThrow(ConfigError);
    expect(() => parseMachineConfig('{"mode":"practice","reader":{"kind":"pcsc"}}')).toThrow(
      ConfigError,
    );
  });

  it('refuses broken JSON, unknown keys and out-of-range values, naming where', () => {
    expect(() => parseMachineConfig('{mode:')).toThrow(/not valid JSON/);
    expect(() => parseMachineConfig('{"moed":"practice"}')).toThrow(ConfigError);
    expect(() => parseMachineConfig('{"exchangeTimeoutMs":5}')).toThrow(/exchangeTimeoutMs/);
  });

  it('names the counter once: counterNumber, required with an office database', () => {
    expect(parseMachineConfig('{"counterNumber":3}').counterNumber).toBe(3);
    expect(parseMachineConfig(null).counterNumber).toBeUndefined();
    expect(() => parseMachineConfig('{"counterNumber":1000}')).toThrow(/counterNumber/);
    // The two keys it replaces are refused, not silently ignored.
    expect(() => parseMachineConfig('{"authority":{"counterNumber":3}}')).toThrow(/authority/);
    const office = (more: string) =>
      `{"reader":{"kind":"pcsc"},${more}"database":{"kind":"postgres","host":"db","database":"m",` +
      `"user":"u","passwordFile":"/etc/m/pw","tls":{"caFile":"/etc/m/ca.pem",` +
      `"serverCertSha256":"${'ab'.repeat(32)}"}}}`;
    expect(parseMachineConfig(office('"counterNumber":2,')).counterNumber).toBe(2);
    expect(machineConfigProblems(office(''))).toEqual([
      expect.objectContaining({ path: 'counterNumber', ja: expect.stringContaining('窓口番号') }),
    ]);
    expect(() =>
      parseMachineConfig(
        office('"counterNumber":2,').replace('"user"', '"counterId":"m-1","user"'),
      ),
    ).toThrow(/database/);
  });

  it('is found where IT staff put it, or where MADOGUCHI_CONFIG points', () => {
    expect(machineConfigPath('linux', {}, false)).toBe('/etc/madoguchi/config.json');
    expect(machineConfigPath('win32', { ProgramData: 'D:\\PD' }, false)).toMatch(
      /Madoguchi[\\/]config\.json$/,
    );
    expect(machineConfigPath('linux', { MADOGUCHI_CONFIG: '/tmp/c.json' }, false)).toBe(
      '/tmp/c.json',
    );
    expect(modeDataDir('/u', 'practice')).not.toBe(modeDataDir('/u', 'production'));
  });

  it('ignores MADOGUCHI_CONFIG in a packaged build: the environment cannot pick the config', () => {
    // A user who can set their own environment points the installed app at a config of theirs.
    const forged = { MADOGUCHI_CONFIG: '/home/clerk/forged.json', ProgramData: 'C:\\ProgramData' };
    expect(machineConfigPath('linux', forged, true)).toBe('/etc/madoguchi/config.json');
    expect(machineConfigPath('darwin', forged, true)).toBe(
      '/Library/Application Support/Madoguchi/config.json',
    );
    expect(machineConfigPath('win32', forged, true)).toMatch(
      /^C:\\ProgramData.Madoguchi.config\.json$/,
    );
  });

  it("takes IT's key file and backup folder as absolute paths only", () => {
    const c = parseMachineConfig(
      '{"reader":{"kind":"pcsc"},"dataKeyFile":"/srv/keys/madoguchi.key","backupDir":"/mnt/backup"}',
    );
    expect(c.dataKeyFile).toBe('/srv/keys/madoguchi.key');
    expect(c.backupDir).toBe('/mnt/backup');
    expect(() => parseMachineConfig('{"dataKeyFile":"keys/madoguchi.key"}')).toThrow(/dataKeyFile/);
    expect(() => parseMachineConfig('{"backupDir":""}')).toThrow(/backupDir/);
  });

  it('puts backups beside the data folder, not inside it, when the config names none', () => {
    const data = modeDataDir('/u', 'production');
    expect(defaultBackupDir(data)).toBe('/u/production-backups');
    expect(defaultBackupDir(data).startsWith(`${data}/`)).toBe(false);
  });
});

describe('IPC sender', () => {
  const mainFrame = { url: 'app://counter/clerk.html' };
  const residentFrame = { url: 'app://counter/resident.html' };
  const event = (id: number, frame: object | null, main: object = mainFrame) =>
    ({ sender: { id, mainFrame: main }, senderFrame: frame }) as never;

  it('trusts only the main frame of our own webContents', () => {
    const own = new Map([[7, 'clerk' as const]]);
    expect(senderInfoOf(event(7, mainFrame), own)).toEqual({
      url: mainFrame.url,
      isMainFrame: true,
    });
    expect(senderInfoOf(event(7, { url: mainFrame.url }), own).isMainFrame).toBe(false);
    expect(senderInfoOf(event(8, mainFrame), own).isMainFrame).toBe(false);
    expect(senderInfoOf(event(7, null), own).isMainFrame).toBe(false);
  });

  it('passes the resident window on with its page, and refuses a page in the wrong window', () => {
    const own = new Map([
      [7, 'clerk' as const],
      [9, 'resident' as const],
    ]);
    expect(senderInfoOf(event(9, residentFrame, residentFrame), own)).toEqual({
      url: residentFrame.url,
      isMainFrame: true,
    });
    // The resident page inside the clerk window, or the clerk page inside the resident window.
    expect(senderInfoOf(event(7, residentFrame, residentFrame), own)).toEqual({
      url: '',
      isMainFrame: false,
    });
    expect(senderInfoOf(event(9, mainFrame), own)).toEqual({ url: '', isMainFrame: false });
  });
});
