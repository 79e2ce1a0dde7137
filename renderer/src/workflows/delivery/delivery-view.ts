// 代理人交付's screens: why a visit's form cannot go on yet, in the rule module's terms (the same
// rules main checks again).
import {
  DELIVERY_MIN_AGE,
  hasPhoto,
  isListA,
  isValidAbsentResidentSet,
  isValidRepresentativeSet,
  type DeliveryReason,
  type DeliveryRelation,
  type DocumentKind,
} from '../../../../preload/contract/rules/documents';

export type RequestProblem = 'reason' | 'under-75' | 'name' | 'relation' | 'documents';

export function requestProblem(r: {
  readonly reason: DeliveryReason | null;
  readonly age: number;
  readonly name: string;
  readonly relation: DeliveryRelation | null;
  readonly kinds: readonly DocumentKind[];
}): RequestProblem | null {
  if (!r.reason) return 'reason';
  if (r.reason === 'age-75' && r.age < DELIVERY_MIN_AGE) return 'under-75';
  if (r.name.trim() === '') return 'name';
  if (!r.relation) return 'relation';
  if (!isValidRepresentativeSet(r.kinds)) return 'documents';
  return null;
}

export type ReplyProblem = 'number' | 'answered' | 'sealed';

export function replyProblem(r: {
  readonly number: string;
  readonly answered: boolean;
  readonly sealed: boolean;
}): ReplyProblem | null {
  if (r.number.trim() === '') return 'number';
  if (!r.answered) return 'answered';
  if (!r.sealed) return 'sealed';
  return null;
}

export type DeliveryDocumentsProblem = 'resident' | 'photo' | 'representative' | 'authority';

export function deliveryDocumentsProblem(d: {
  readonly kinds: readonly DocumentKind[];
  readonly representativeKinds: readonly DocumentKind[];
  readonly authoritySeen: boolean;
}): DeliveryDocumentsProblem | null {
  if (!isValidAbsentResidentSet(d.kinds)) {
    // Three of list B without a photo among them: the one thing missing is said.
    const b = d.kinds.filter((k) => !isListA(k)).length;
    return b >= 3 && !d.kinds.some(hasPhoto) ? 'photo' : 'resident';
  }
  if (!isValidRepresentativeSet(d.representativeKinds)) return 'representative';
  if (!d.authoritySeen) return 'authority';
  return null;
}
