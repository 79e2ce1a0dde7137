// 本人確認書類: one of list A, or two different of list B.
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_KINDS,
  DOCUMENTS_A,
  DOCUMENTS_B,
  isListA,
  isListB,
  isValidDocumentSet,
} from '../../../preload/contract/rules/documents';

describe('identity documents', () => {
  it('are list A and list B, with no document in both', () => {
    expect(DOCUMENT_KINDS).toEqual([...DOCUMENTS_A, ...DOCUMENTS_B]);
    expect(new Set(DOCUMENT_KINDS).size).toBe(DOCUMENTS_A.length + DOCUMENTS_B.length);
    for (const k of DOCUMENT_KINDS) expect(isListA(k) !== isListB(k), k).toBe(true);
  });

  it('one of list A suffices', () => {
    for (const k of DOCUMENTS_A) expect(isValidDocumentSet([k]), k).toBe(true);
  });

  it('list B needs two different ones', () => {
    expect(isValidDocumentSet(['health-insurance'])).toBe(false);
    expect(isValidDocumentSet(['health-insurance', 'pension-book'])).toBe(true);
    expect(isValidDocumentSet(['health-insurance', 'health-insurance'])).toBe(false);
  });

  it('nothing, or the same document twice, is not a set', () => {
    expect(isValidDocumentSet([])).toBe(false);
    expect(isValidDocumentSet(['passport', 'passport'])).toBe(false);
    expect(isValidDocumentSet(['passport', 'health-insurance'])).toBe(true);
  });
});
