// A refusal of a workflow is an answer for the clerk (an error Result), not an exception of the app.
import { err, ok, type Result } from '../../../preload/contract/result';
import { UnsafeDetailsError } from '../../audit/details-guard';
import { DocumentError } from '../../documents/errors';
import { WorkflowRefusal } from '../../workflows/refusal';

/** What a channel that writes a file answers when the document could not be made. */
export type DocumentFailure = 'receipt-failed' | 'report-failed';

/**
 * Runs `work`; a workflow's refusal and unsafe audit details become error Results, and so does a
 * document that could not be made when `documentFailure` is given. Anything else is thrown on to
 * the router, which answers it as an unexpected error.
 */
export async function refusals<T>(
  work: () => Promise<T>,
  documentFailure?: DocumentFailure,
): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof WorkflowRefusal)
      return err({ code: e.code, ...(e.detail ? { detail: e.detail } : {}), ...e.facts });
    // A journal or audit row that would have held a 12-digit number or a PIN-like field.
    if (e instanceof UnsafeDetailsError) return err({ code: 'validation', detail: e.field });
    if (documentFailure && e instanceof DocumentError) return err({ code: documentFailure });
    throw e;
  }
}
