// Card health through the production path: pcsc-mini, a real pcscd, and the vpcd bridge.
import { defineCardHealthSuite } from './support/card-health-suite';
import { createPcscHarness } from './support/pcsc-harness';

defineCardHealthSuite('pcsc-mini + pcscd + vpcd', () => createPcscHarness());
