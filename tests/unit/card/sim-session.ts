// Test helper: runs card-client code against one simulated card through the card service.
import { createCardService } from '../../../main/card/card-service';
import type { CardSession } from '../../../main/card/card-session';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME, SimReader } from '../../../main/card/sim/sim-reader';

/** A reader holding `card`; `run` opens one card session per call, as the workflows do. */
export async function simCounter(card: SimCard) {
  const reader = new SimReader();
  await reader.start();
  reader.insert(card);
  const service = createCardService({
    watcher: reader,
    exchangeTimeoutMs: 10_000,
    now: () => new Date('2026-11-25T01:00:00Z'),
  });
  return {
    reader,
    run: <T>(op: (session: CardSession) => Promise<T>): Promise<T> =>
      service.withCard(SIM_READER_NAME, op),
  };
}
