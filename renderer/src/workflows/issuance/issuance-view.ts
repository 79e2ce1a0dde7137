// Pure rules of the 交付 screens: which header step is current, why 次へ is not yet possible, PIN and certificate progress.
import type {
  IssuanceStepKind,
  RepresentativeRelation,
} from '../../../../preload/contract/issuance';
import {
  DOCUMENTS_A,
  DOCUMENTS_B,
  isListB,
  isValidDocumentSet,
  type DocumentKind,
} from '../../../../preload/contract/rules/documents';
import { stepIndex } from '../steps/step-view';

/** The steps the header shows, in the order the clerk goes through them. */
export const HEADER_STEPS = [
  'documents',
  'card',
  'face',
  'pins',
  'certificates',
  'handover',
] as const satisfies readonly IssuanceStepKind[];
export type HeaderStep = (typeof HEADER_STEPS)[number];

/**
 * Where the header puts the procedure: a stop shows on the step it stopped at (face-mismatch on
 * 顔写真の確認, 後日交付 on 電子証明書の発行); completed is past the last step; cancelled is nowhere.
 */
export function headerIndex(step: IssuanceStepKind): number {
  return stepIndex(HEADER_STEPS, step, { 'face-mismatch': 'face', parked: 'certificates' });
}

/** Why the documents step cannot go on yet, or null when it can; the screen says it in words. */
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
  const b = kinds.filter(isListB).length;
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

export { CERTIFICATE_PHASES, phasesDone, pickReader, pinRowState } from '../steps/step-view';
export type { PinRowState } from '../steps/step-view';

/** Japanese eras as written on municipal forms: name, initial, first day (YYYY-MM-DD). */
const ERAS = [
  { name: '令和', initial: 'R', from: '2019-05-01' },
  { name: '平成', initial: 'H', from: '1989-01-08' },
  { name: '昭和', initial: 'S', from: '1926-12-25' },
  { name: '大正', initial: 'T', from: '1912-07-30' },
  { name: '明治', initial: 'M', from: '1868-10-23' },
] as const;

function isoOf(y: number, m: number, d: number): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 平成4年7月8日, 平成元年1月8日, H4.7.8, S64/1/7: the date, if it lies inside that era. */
function parseEraDate(text: string): string | null {
  const match =
    /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/i.exec(
      text,
    );
  if (!match) return null;
  const index = ERAS.findIndex((e) => e.name === match[1] || e.initial === match[1]!.toUpperCase());
  const era = ERAS[index];
  if (!era) return null;
  const year = match[2] === '元' ? 1 : Number(match[2]);
  const iso = isoOf(Number(era.from.slice(0, 4)) + year - 1, Number(match[3]), Number(match[4]));
  if (!iso || year < 1 || iso < era.from) return null;
  const next = ERAS[index - 1];
  return next && iso >= next.from ? null : iso;
}

/**
 * A birth date as typed at the counter (1992-07-08, 1992/7/8, 1992年7月8日, 19920708, 和暦 as
 * 平成4年7月8日 or H4.7.8, full-width digits too) as YYYY-MM-DD, or null when it is not a real
 * date. A text field rather than <input type="date">, whose order (mm/dd/yyyy or yyyy/mm/dd)
 * follows the machine's locale.
 */
export function parseBirthDate(typed: string): string | null {
  const text = typed.normalize('NFKC').trim();
  const match =
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return parseEraDate(text);
  const y = Number(match[1]);
  if (y < 1900) return null;
  return isoOf(y, Number(match[2]), Number(match[3]));
}

/** Why a typed birth date cannot be searched with: none typed, or not a date; null when it can. */
export function birthDateProblem(typed: string): 'birthDate' | 'badBirthDate' | null {
  if (!typed.trim()) return 'birthDate';
  return parseBirthDate(typed) ? null : 'badBirthDate';
}
