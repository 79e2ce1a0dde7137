// window.counter in the resident window: createResidentApi (preload/resident.ts), and calls that always settle.
import type { ResidentApi } from '../../../preload/api';
import type { AppError } from '../../../preload/contract/errors';
import { err, type Result } from '../../../preload/contract/result';

/**
 * The resident preload exposes the resident's object under the same name as the clerk's; the
 * global type (counter.d.ts) describes the clerk's, so this window reads it through its own type.
 */
export function residentApi(): ResidentApi {
  // globalThis is the window here; named so, the store also runs under Node (its unit tests).
  return (globalThis as unknown as { readonly counter: ResidentApi }).counter;
}

/** A transport failure (no preload, main gone) becomes an error value, never an exception. */
export async function callResident<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    return err<AppError>({ code: 'internal', detail: 'transport' });
  }
}
