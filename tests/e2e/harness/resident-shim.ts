// Runs in the resident page before the app: window.counter = createResidentApi, as preload/resident.ts sets it.
import { createResidentApi } from '../../../preload/api';
import { RESIDENT_EVENT_NAMES } from '../../../preload/contract/channels';
import { installShim } from './shim-transport';

installShim(createResidentApi, RESIDENT_EVENT_NAMES);
