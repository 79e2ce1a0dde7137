// Test harness for the in-process path: the SimReader, with cards put in and pulled directly.
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import { SimReader, SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { ReaderHarness } from './pcsc-harness';

export async function createSimHarness(): Promise<ReaderHarness> {
  const reader = new SimReader();
  await reader.start();
  return {
    reader: SIM_READER_NAME,
    watcher: reader,
    async insert(card: SimCardPort) {
      reader.remove();
      reader.insert(card);
    },
    async remove() {
      reader.remove();
    },
    async close() {
      reader.remove();
      await reader.stop();
    },
  };
}
