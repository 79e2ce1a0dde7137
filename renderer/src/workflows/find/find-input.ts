// What the clerk types into the searches, read as main takes it: a birth date (西暦 or 和暦) and a card serial.

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

/** A card serial as typed (full-width digits, spaces, hyphens allowed), or null unless 15 letters or digits. */
export function parseSerial(typed: string): string | null {
  const text = typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{15}$/.test(text) ? text : null;
}
