// The card's four secrets, in the order the clerk sees them on card health: a rule of its own so
// that the dated rule table can name them without reaching back into the DTOs.
export const PIN_KINDS = ['signing', 'auth', 'juki', 'text'] as const;
export type PinKind = (typeof PIN_KINDS)[number];
