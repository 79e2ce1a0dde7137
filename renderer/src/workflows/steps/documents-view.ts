// The documents step's checklist: why 次へ is not yet possible (the screen says it in words), and
// the order the kinds are recorded in.
import type { RepresentativeRelation } from '../../../../preload/contract/issuance';
import {
  DOCUMENTS_A,
  DOCUMENTS_B,
  isValidDocumentSet,
  type DocumentKind,
} from '../../../../preload/contract/rules/documents';

/** Why the documents step cannot go on yet, or null when it can. */
export type DocumentsProblem =
  | 'choose-documents'
  | 'one-more-b'
  | 'choose-relation'
  | 'representative-documents'
  | 'representative-one-more-b';

export interface DocumentsChoice {
  readonly kinds: readonly DocumentKind[];
  /** Under 15 or under guardianship: a legal representative is checked too. */
  readonly needsRepresentative: boolean;
  readonly relation: RepresentativeRelation | null;
  readonly representativeKinds: readonly DocumentKind[];
}

function setProblem(kinds: readonly DocumentKind[]): 'none' | 'one-more-b' | null {
  if (isValidDocumentSet(kinds)) return null;
  const b = kinds.filter((k) => (DOCUMENTS_B as readonly string[]).includes(k)).length;
  return b === 1 ? 'one-more-b' : 'none';
}

export function documentsProblem(choice: DocumentsChoice): DocumentsProblem | null {
  const own = setProblem(choice.kinds);
  if (own === 'none') return 'choose-documents';
  if (own === 'one-more-b') return 'one-more-b';
  if (!choice.needsRepresentative) return null;
  if (!choice.relation) return 'choose-relation';
  const theirs = setProblem(choice.representativeKinds);
  if (theirs === 'none') return 'representative-documents';
  if (theirs === 'one-more-b') return 'representative-one-more-b';
  return null;
}

/** Keeps the order of the lists (A then B), whatever order the boxes were ticked in. */
export function orderedKinds(chosen: ReadonlySet<DocumentKind>): DocumentKind[] {
  return [...DOCUMENTS_A, ...DOCUMENTS_B].filter((k) => chosen.has(k));
}
