// Card health through the in-process simulated reader.
import { describe, expect, it } from 'vitest';
import { cardErrorToAppError } from '../../main/card/card-errors';
import { createCardService } from '../../main/card/card-service';
import { loadPreset } from '../../main/card/sim/presets';
import { defineCardHealthSuite } from './support/card-health-suite';
import { createSimHarness } from './support/sim-harness';

defineCardHealthSuite('the in-process SimReader', createSimHarness);

// A reader sees a card that gives no ATR at all only in-process: vpcd counts a card without an ATR
// as no card, so this preset is not inserted through pcscd.
describe('card health of the tamper presets through the in-process SimReader', () => {
  it('no ATR reads as card-mute, ATR then silence as card-tampered', async () => {
    const h = await createSimHarness();
    const service = createCardService({ watcher: h.watcher, exchangeTimeoutMs: 1500 });
    const codeOf = async (id: 'tampered' | 'tampered-no-atr'): Promise<string> => {
      await h.insert(await loadPreset(id, { timing: false }));
      return service.readHealth(h.reader).then(
        () => 'ok',
        (e: unknown) => cardErrorToAppError(e).code,
      );
    };
    try {
      expect(await codeOf('tampered-no-atr')).toBe('card-mute');
      expect(await codeOf('tampered')).toBe('card-tampered');
    } finally {
      await h.close();
    }
  });
});
