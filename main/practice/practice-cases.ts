// The residents of the practice cases kept in their own modules beside seed.json: one list that
// the seed and the portrait script both read, so a new case is added in one place.
import { REPRESENTATIVE_RESIDENTS } from './representative-cases';
import { CARD_KIND_RESIDENTS } from './seed-card-kinds';

export const CASE_RESIDENTS: readonly unknown[] = [
  ...REPRESENTATIVE_RESIDENTS,
  ...CARD_KIND_RESIDENTS,
];
