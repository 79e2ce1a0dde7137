// app:* — what the windows learn about the app before anything else: mode, version, start-up error.
import type { AppInfoDto } from '../../../preload/contract/dto';
import { ok } from '../../../preload/contract/result';
import type { HandlerPart } from './handler-table';

export function appHandlers(deps: { info(): AppInfoDto }): HandlerPart<'app:get-info'> {
  return {
    'app:get-info': async () => ok(deps.info()),
  };
}
