// Runs in the clerk page before the app: window.counter from the preload's own createCounterApi, over a Playwright binding.
import { createCounterApi } from '../../../preload/api';
import { EVENT_NAMES } from '../../../preload/contract/channels';
import { installShim } from './shim-transport';

installShim(createCounterApi, EVENT_NAMES);
