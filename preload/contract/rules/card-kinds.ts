// The kinds of My Number Card (normal, 顔認証) and what each allows, and the card-face facts the
// chip is compared by with the resident record: one rule for main (procedures, card health) and
// the screens.

/**
 * 'standard': the PINs set, the signing certificate when the resident wants it (not under 15).
 * 'face-auth' (顔認証マイナンバーカード): no PIN set and no signing certificate; the
 * authentication certificate is used by face authentication (機器 or 目視) only, e.g. as the
 * health insurance card; 「顔認証」 is noted in the card's 追記欄. Either kind can be switched to
 * the other at the counter, the same day too, free of charge.
 */
export const CARD_KINDS = ['standard', 'face-auth'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export interface CardKindRule {
  /** The four secrets are set on the card. */
  readonly pins: boolean;
  /** A signing certificate may be on the card. */
  readonly signingCertificate: boolean;
  /** The authentication certificate is on the card (both kinds: face-auth uses it by face). */
  readonly authCertificate: boolean;
  /** What the 追記欄 notes for the kind (nothing for a normal card). */
  readonly note: string | null;
}

export const CARD_KIND_RULES: Readonly<Record<CardKind, CardKindRule>> = {
  standard: { pins: true, signingCertificate: true, authCertificate: true, note: null },
  'face-auth': { pins: false, signingCertificate: false, authCertificate: true, note: '顔認証' },
};

/**
 * The kind a chip shows: an authentication certificate with no secret set and no signing
 * certificate is a face-auth card; anything else is read as a normal card (a card before its
 * issuance has no certificate at all and is neither yet: null).
 */
export function cardKindOfChip(chip: {
  readonly anyPinSet: boolean;
  readonly signingPresent: boolean;
  readonly authPresent: boolean;
}): CardKind | null {
  if (!chip.authPresent && !chip.anyPinSet && !chip.signingPresent) return null;
  return chip.authPresent && !chip.anyPinSet && !chip.signingPresent ? 'face-auth' : 'standard';
}

/**
 * The facts the chip is compared by with the resident record (card health, the card step of
 * every procedure on a card): the four facts of the card face. A 券面記載事項の変更 writes the
 * record's four facts to the chip when they differ (a move, a new name).
 */
export const COMPARED_FACTS = ['name', 'address', 'birthDate', 'sex'] as const;
export type ComparedFact = (typeof COMPARED_FACTS)[number];

export type ComparedFacts = Readonly<Record<ComparedFact, string>>;

/** The same facts; names and addresses in NFC, as a card and a keyboard may compose them apart. */
export function sameCardFacts(a: ComparedFacts, b: ComparedFacts): boolean {
  const norm = (f: ComparedFact, v: string) =>
    f === 'name' || f === 'address' ? v.normalize('NFC') : v;
  return COMPARED_FACTS.every((f) => norm(f, a[f]) === norm(f, b[f]));
}

/**
 * What a 券面記載事項の変更 notes in the 追記欄, as the clerk reads it from the resident record's
 * 異動 (a 転居届, a change of name): the new address, the new name.
 */
export const CHANGED_FACTS = ['address', 'name'] as const;
export type ChangedFact = (typeof CHANGED_FACTS)[number];

export const CHANGED_FACT_LABELS: Readonly<Record<ChangedFact, string>> = {
  address: '住所',
  name: '氏名',
};
