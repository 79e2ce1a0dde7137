// A card that gives its ATR and then answers nothing, through pcscd + vpcd: the bridge gives up as a reader does, pcscd stays free.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../../main/card/sim/presets';
import { blockWaitingTimeMs } from '../../main/card/sim/timing';
import { createPcscHarness, type PcscHarness } from './support/pcsc-harness';

const SELECT_JPKI = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));

describe('a tampered card (ATR, then mute) through pcscd + vpcd', () => {
  let h: PcscHarness;
  beforeAll(async () => {
    h = await createPcscHarness({ releaseTimeoutMs: 500 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a transmit fails after the block waiting time and three reader retries, instead of hanging pcscd', async () => {
    const card = await loadPreset('tampered', { timing: false });
    await h.insert(card);
    const connection = await h.watcher.connect(h.reader);
    await connection.begin();
    const started = performance.now();
    const outcome = await connection.transmit(SELECT_JPKI).then(
      (response) => ({ failed: false, response }),
      () => ({ failed: true, response: null }),
    );
    const elapsed = performance.now() - started;
    // pcscd passes vpcd's empty answer on as a failed exchange or as no response bytes at all.
    expect(outcome.failed || (outcome.response?.length ?? 0) < 2).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(4 * blockWaitingTimeMs(card.atr) - 50);
    await connection.disconnect().catch(() => undefined);

    // pcscd still serves the reader: the next card reads.
    const issued = await loadPreset('issued', { timing: false });
    await h.insert(issued);
    const next = await h.watcher.connect(h.reader);
    await next.begin();
    const response = await next.transmit(SELECT_JPKI);
    expect(Buffer.from(response.subarray(-2)).toString('hex')).toBe('9000');
    await next.disconnect();
  });
});
