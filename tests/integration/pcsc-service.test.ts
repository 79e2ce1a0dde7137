// The watcher when the PC/SC service is not there: no throw, a state the UI can name, and recovery.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { PCSCD_SOCKET } from '../../scripts/pcscd';

const dir = mkdtempSync(join(tmpdir(), 'pcsc-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PC/SC service missing, then back', () => {
  it('reports pcsc-unavailable/service-not-running without throwing, then finds pcscd when it appears', async () => {
    // libpcsclite takes its socket path from PCSCLITE_CSOCK_NAME: a path with nothing behind it is
    // exactly what a client sees when pcscd is not running, without stopping the suite's pcscd.
    const socket = join(dir, 'pcscd.comm');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/integration/support/watcher-probe.ts'],
      {
        env: { ...process.env, PCSCLITE_CSOCK_NAME: socket },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const messages: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    lines.on('line', (line) => {
      messages.push(JSON.parse(line) as Record<string, unknown>);
      waiters.shift()?.();
    });
    const nextMessage = async () => {
      if (messages.length === 0) await new Promise<void>((r) => waiters.push(r));
      return messages.shift()!;
    };
    try {
      expect(await nextMessage()).toEqual({ phase: 'connect', error: 'PcscUnavailableError' });
      expect(await nextMessage()).toEqual({
        phase: 'started',
        state: { kind: 'pcsc-unavailable', reason: 'service-not-running' },
        readers: [],
      });

      // pcscd "comes back": the socket path now leads to the suite's pcscd.
      symlinkSync(PCSCD_SOCKET, socket);
      const back = await nextMessage();
      expect(back.phase).toBe('changed');
      expect(back.state).toEqual({ kind: 'ready' });
      expect(back.readers).toContain('Virtual PCD 00 00');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
