// Calls into window.counter that always settle as a Result, so a broken transport shows words, not a blank screen.
import type { AppError } from '../../preload/contract/errors';
import { err, type Result } from '../../preload/contract/result';

export async function callCounter<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    // The transport itself failed (no preload, a closed main process): nothing more to tell the clerk.
    return err<AppError>({ code: 'internal', detail: 'transport' });
  }
}
