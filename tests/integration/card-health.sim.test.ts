// Card health through the in-process simulated reader.
import { defineCardHealthSuite } from './support/card-health-suite';
import { createSimHarness } from './support/sim-harness';

defineCardHealthSuite('the in-process SimReader', createSimHarness);
