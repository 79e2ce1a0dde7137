// The holder's sex: the values the app uses and the codes the card, its certificates and the
// simulated cards write (JIS X 0303: 1 male, 2 female, 9 not applicable, 0 unknown). One table.

export const SEXES = ['male', 'female', 'not-applicable', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_CODES = ['1', '2', '9', '0'] as const;
export type SexCode = (typeof SEX_CODES)[number];

const CODE_OF: Readonly<Record<Sex, SexCode>> = {
  male: '1',
  female: '2',
  'not-applicable': '9',
  unknown: '0',
};

/** The card's code for a sex. */
export function sexCodeOf(sex: Sex): SexCode {
  return CODE_OF[sex];
}

/** The sex a card's code stands for; null for anything that is not one of the four codes. */
export function sexOfCode(code: string): Sex | null {
  return SEXES.find((s) => CODE_OF[s] === code) ?? null;
}
