// The documents step: 次へ only with a valid set, and the screen says why not.
import { describe, expect, it } from 'vitest';
import {
  documentsProblem,
  orderedKinds,
} from '../../../renderer/src/workflows/steps/documents-view';

const adult = { needsRepresentative: false, relation: null, representativeKinds: [] } as const;

describe('documents: 次へ only with a valid set, and the screen says why not', () => {
  it('nothing ticked asks for one of list A or two of list B', () => {
    expect(documentsProblem({ ...adult, kinds: [] })).toBe('choose-documents');
  });

  it('one list B document asks for one more', () => {
    expect(documentsProblem({ ...adult, kinds: ['health-insurance'] })).toBe('one-more-b');
  });

  it('one list A document, or two of list B, is enough for an adult', () => {
    expect(documentsProblem({ ...adult, kinds: ['passport'] })).toBeNull();
    expect(documentsProblem({ ...adult, kinds: ['health-insurance', 'pension-book'] })).toBeNull();
  });

  it('a resident under 15 needs the representative: relation first, then their documents', () => {
    const child = { kinds: ['health-insurance', 'student-id'] as const, needsRepresentative: true };
    expect(documentsProblem({ ...child, relation: null, representativeKinds: [] })).toBe(
      'choose-relation',
    );
    expect(documentsProblem({ ...child, relation: 'parent', representativeKinds: [] })).toBe(
      'representative-documents',
    );
    expect(
      documentsProblem({ ...child, relation: 'parent', representativeKinds: ['bankbook'] }),
    ).toBe('representative-one-more-b');
    expect(
      documentsProblem({ ...child, relation: 'parent', representativeKinds: ['driving-licence'] }),
    ).toBeNull();
  });

  it('the resident’s own documents are asked for before the representative’s', () => {
    expect(
      documentsProblem({
        kinds: [],
        needsRepresentative: true,
        relation: null,
        representativeKinds: [],
      }),
    ).toBe('choose-documents');
  });

  it('records the kinds in the order of the lists, whatever order they were ticked in', () => {
    expect(orderedKinds(new Set(['bankbook', 'passport', 'health-insurance']))).toEqual([
      'passport',
      'health-insurance',
      'bankbook',
    ]);
  });
});
