// `npm run sim:vpcd -- --preset <name>`: the card appears in pcscd's reader, and leaves on SIGTERM.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPcscWatcher } from '../../main/card/pcsc-transport';
import type { ReaderWatcher } from '../../main/card/transport';
import { nextEvent } from './support/pcsc-harness';

describe('sim:vpcd command', () => {
  let watcher: ReaderWatcher;
  const { reader } = inject('pcscd');
  beforeAll(async () => {
    watcher = createPcscWatcher({ retryMs: 0 });
    await watcher.start();
  });
  afterAll(async () => {
    await watcher?.stop();
  });

  it('inserts the preset card, prints one line, and pulls it cleanly on SIGTERM', async () => {
    // A bound for a hang: the child compiles the simulator and makes the preset's RSA keys first,
    // over 20 s on two cores busy with npm test's other lanes.
    const inserted = nextEvent(
      watcher,
      (e) => e.kind === 'card-inserted' && e.reader === reader,
      90_000,
      'card-inserted',
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/card/sim/vpcd-cli.ts', '--preset', 'issued'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const firstLine = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout! }).once('line', resolve),
      );
      expect(firstLine).toBe('[vpcd] card "issued" inserted into vpcd at 127.0.0.1:35963');
      const event = await inserted;
      expect(event.kind === 'card-inserted' && Buffer.from(event.atr).toString('hex')).toBe(
        '3bc5ff8131fb458073c6010000',
      );

      const removed = nextEvent(
        watcher,
        (e) => e.kind === 'card-removed' && e.reader === reader,
        5000,
        'card-removed',
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await removed;
      expect(stderr).toBe('[vpcd] SIGTERM: card removed\n');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it('refuses an unknown preset with exit code 2 and the list of presets', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/card/sim/vpcd-cli.ts', '--preset', 'nope'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown preset "nope"');
    expect(stderr).toContain('issued');
  });
});
