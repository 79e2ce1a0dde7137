// 代理人交付's own facts as data: the first visit's request (the reason, the representative, the
// 照会書 sent) and the second visit's reply, then the documents both people show; one pure
// transition each, so a restart rebuilds them from the journal like the card steps.
import type { CardStep } from './card-state';
import type { ProcedureStep } from '../../../preload/contract/procedure';
import {
  authorityFor,
  DELIVERY_REASONS,
  DELIVERY_RELATIONS,
  INQUIRY_NUMBER_PATTERN,
  isValidAbsentResidentSet,
  isValidRepresentativeSet,
  type DeliveryAuthority,
  type DeliveryReason,
  type DeliveryRelation,
  type DocumentKind,
} from '../../../preload/contract/rules/documents';
import { japanDate } from '../../../preload/contract/rules/validity';
import { refuse } from '../refusal';

/** The first visit's journal row: the request and the 照会書 it sent. */
export interface DeliveryRequestRow {
  readonly reason: DeliveryReason;
  readonly representative: {
    readonly name: string;
    readonly relation: DeliveryRelation;
    readonly kinds: readonly DocumentKind[];
  };
  readonly inquiryNumber: string;
  /** YYYY-MM-DD (Japan) */
  readonly sentOn: string;
  readonly validUntil: string;
}

/** Where a 代理人交付 stands before the card steps: the request, then the 照会書 in the post. */
export type DeliveryStep = Extract<ProcedureStep, 'request' | 'awaiting-reply'>;
export const DELIVERY_STEPS: readonly string[] = ['request', 'awaiting-reply'];

export interface DeliveryFacts {
  readonly request: DeliveryRequestRow | null;
  /** ISO time the 照会書 came back and was accepted. */
  readonly repliedAt: string | null;
  /** The 委任状 or the proof of legal representation seen at the documents step. */
  readonly authority: DeliveryAuthority | null;
}

export const NO_DELIVERY: DeliveryFacts = { request: null, repliedAt: null, authority: null };

export function isDeliveryStep(step: string): step is DeliveryStep {
  return DELIVERY_STEPS.includes(step);
}

/** The request row checked (the reason's age is the action's to check: it needs the birth date). */
export function checkRequest(step: CardStep | DeliveryStep, d: DeliveryRequestRow): void {
  if (step !== 'request') refuse('step-not-allowed', step);
  if (!(DELIVERY_REASONS as readonly string[]).includes(d.reason))
    refuse('delivery-reason-invalid', 'not-listed');
  if (!(DELIVERY_RELATIONS as readonly string[]).includes(d.representative.relation))
    refuse('validation', 'relation');
  if (d.representative.name.trim() === '') refuse('validation', 'name');
  if (!isValidRepresentativeSet(d.representative.kinds))
    refuse('documents-invalid', 'representative');
  if (!INQUIRY_NUMBER_PATTERN.test(d.inquiryNumber)) refuse('validation', 'inquiry');
}

/**
 * The second visit's reply at `at` (ISO): only after the first visit sent the 照会書, only that
 * 照会書 (its number), within its validity, answered by the resident with the PIN sheet sealed.
 */
export function checkReply(
  step: CardStep | DeliveryStep,
  facts: DeliveryFacts,
  reply: { inquiryNumber: string; answered: boolean; pinSheetSealed: boolean },
  at: string,
): void {
  if (step === 'request') refuse('inquiry-not-sent');
  if (step !== 'awaiting-reply' || !facts.request) refuse('step-not-allowed', step);
  if (reply.inquiryNumber.trim().toUpperCase() !== facts.request.inquiryNumber)
    refuse('inquiry-mismatch');
  if (japanDate(new Date(at)) > facts.request.validUntil)
    refuse('inquiry-expired', facts.request.validUntil);
  if (!reply.answered || !reply.pinSheetSealed)
    refuse('inquiry-unanswered', reply.answered ? 'sealed-sheet' : 'answers');
}

/**
 * The documents of the second visit: the resident's (A×2, A+B, B×3 with a photo), the
 * representative's (A×2, A+B), the same relation as the request, and the 委任状 or the proof of
 * legal representation that fits it.
 */
export function checkDeliveryDocuments(
  facts: DeliveryFacts,
  record: {
    readonly kinds: readonly DocumentKind[];
    readonly representative: {
      readonly relation: string;
      readonly kinds: readonly DocumentKind[];
    } | null;
    readonly authority?: DeliveryAuthority | null;
  },
): DeliveryAuthority {
  if (!facts.request) refuse('inquiry-not-sent');
  if (!isValidAbsentResidentSet(record.kinds)) refuse('documents-invalid', 'resident');
  const rep = record.representative;
  if (!rep) refuse('representative-required');
  if (!isValidRepresentativeSet(rep.kinds)) refuse('documents-invalid', 'representative');
  const relation = facts.request.representative.relation;
  if (rep.relation !== relation) refuse('documents-invalid', 'relation');
  const needed = authorityFor(relation);
  if (record.authority !== needed) refuse('documents-invalid', 'authority');
  return needed;
}
