// A holder's age on the counter's calendar, and the age the procedures turn on: under 15 a resident
// gets no signing certificate (so sets no signing password) and comes with a legal representative.

/** Signing certificates go only to holders of this age or more at issue. */
export const SIGNING_MIN_AGE = 15;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Completed years on `onDate` (YYYY-MM-DD). A 29 February birthday counts as 1 March in other years. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  let monthDay = birthDate.slice(5);
  if (monthDay === '02-29' && !isLeap(Number(onDate.slice(0, 4)))) monthDay = '03-01';
  return onDate.slice(5) >= monthDay ? years : years - 1;
}

/** Under 15 on `onDate`: no signing certificate, and a legal representative comes too. */
export function isUnder15(birthDate: string, onDate: string): boolean {
  return ageOn(birthDate, onDate) < SIGNING_MIN_AGE;
}
