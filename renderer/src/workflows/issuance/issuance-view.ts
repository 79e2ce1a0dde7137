// Pure rules of the 交付 screens: which header step is current, why 次へ is not yet possible, PIN and certificate progress.
import type { PinKind } from '../../../../preload/contract/dto';
import {
  DOCUMENTS_A,
  DOCUMENTS_B,
  isValidDocumentSet,
  type CertificatePhase,
  type DocumentKind,
  type IssuanceDto,
  type IssuanceStepKind,
  type RepresentativeRelation,
} from '../../../../preload/contract/issuance';

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
  switch (step) {
    case 'face-mismatch':
      return HEADER_STEPS.indexOf('face');
    case 'parked':
      return HEADER_STEPS.indexOf('certificates');
    case 'completed':
      return HEADER_STEPS.length;
    case 'cancelled':
      return -1;
    default:
      return HEADER_STEPS.indexOf(step);
  }
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

export type PinRowState = 'accepted' | 'current' | 'waiting';

/** One line of the clerk's PIN progress: never a digit, only where the resident is and retries. */
export function pinRowState(pins: IssuanceDto['pins'], kind: PinKind): PinRowState {
  if (pins.accepted.includes(kind)) return 'accepted';
  if (pins.entryOpen && pins.current === kind) return 'current';
  return 'waiting';
}

/** The certificate step's phases the progress bar counts, in order ('waiting' and 'done' are its ends). */
export const CERTIFICATE_PHASES = [
  'setting-pins',
  'generating-keys',
  'issuing',
  'writing',
  'verifying',
] as const satisfies readonly CertificatePhase[];

/** How many phases are finished: 0 while waiting, all of them when done. */
export function phasesDone(phase: CertificatePhase): number {
  if (phase === 'waiting') return 0;
  if (phase === 'done') return CERTIFICATE_PHASES.length;
  return CERTIFICATE_PHASES.indexOf(phase);
}

/** The reader to use: the one holding a card, else the only one there is; null when none. */
export function pickReader(
  readers: readonly { readonly name: string; readonly cardPresent: boolean }[],
): string | null {
  return (readers.find((r) => r.cardPresent) ?? readers[0])?.name ?? null;
}

/**
 * A birth date as typed at the counter (1992-07-08, 1992/7/8, 1992年7月8日, 19920708, full-width
 * digits too) as YYYY-MM-DD, or null when it is not a real date. A text field rather than
 * <input type="date">, whose order (mm/dd/yyyy or yyyy/mm/dd) follows the machine's locale.
 */
export function parseBirthDate(typed: string): string | null {
  const text = typed.normalize('NFKC').trim();
  const match =
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  if (y < 1900) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
