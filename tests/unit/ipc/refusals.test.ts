// Which exceptions of a workflow become error Results for the clerk: decided by the error's class.
import { describe, expect, it } from 'vitest';
import { UnsafeDetailsError } from '../../../main/audit/details-guard';
import { DocumentError, DocumentFontError } from '../../../main/documents/errors';
import { refusals } from '../../../main/ipc/handlers/refusals';
import { WorkflowRefusal } from '../../../main/workflows/refusal';

const failing = (e: unknown) => () => Promise.reject(e);

describe('refusals', () => {
  it('answers the value of work that succeeds', async () => {
    expect(await refusals(async () => 42)).toEqual({ ok: true, value: 42 });
  });

  it('answers a workflow refusal with its code and detail', async () => {
    expect(await refusals(failing(new WorkflowRefusal('application-not-found')))).toEqual({
      ok: false,
      error: { code: 'application-not-found' },
    });
    expect(await refusals(failing(new WorkflowRefusal('validation', 'date')))).toEqual({
      ok: false,
      error: { code: 'validation', detail: 'date' },
    });
  });

  it('answers unsafe audit details as a validation error naming the field only', async () => {
    const e = new UnsafeDetailsError('note', 'my-number');
    expect(await refusals(failing(e))).toEqual({
      ok: false,
      error: { code: 'validation', detail: 'note' },
    });
  });

  it('answers a document error with the channel’s failure code, font errors included', async () => {
    const forbidden = new DocumentError('forbidden-content', 'twelve digits');
    expect(await refusals(failing(forbidden), 'receipt-failed')).toEqual({
      ok: false,
      error: { code: 'receipt-failed' },
    });
    const font = new DocumentFontError(['/nowhere/font.ttc']);
    expect(await refusals(failing(font), 'report-failed')).toEqual({
      ok: false,
      error: { code: 'report-failed' },
    });
  });

  it('throws a document error on where the channel writes no document', async () => {
    const e = new DocumentError('invalid-date', 'a date could not be read');
    await expect(refusals(failing(e))).rejects.toBe(e);
  });

  it('goes by the class, not the name: an error merely named like a document error is thrown on', async () => {
    const lookalike = new Error('not a document');
    lookalike.name = 'DocumentError';
    await expect(refusals(failing(lookalike), 'receipt-failed')).rejects.toBe(lookalike);
    const other = new TypeError('boom');
    await expect(refusals(failing(other), 'receipt-failed')).rejects.toBe(other);
  });
});
