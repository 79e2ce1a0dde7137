// The few SQL forms that differ between sqlite and PostgreSQL, for the repositories to call.
import type { Queryable } from './connection';

/**
 * A `column GLOB ?` test and its parameter. PostgreSQL has no GLOB: the pattern becomes an
 * anchored regular expression (`*` any run, `?` one character, `[...]` a class as written).
 */
export function globMatch(
  q: Pick<Queryable, 'dialect'>,
  column: string,
  pattern: string,
): { sql: string; param: string } {
  if (q.dialect === 'sqlite') return { sql: `${column} GLOB ?`, param: pattern };
  let re = '^';
  let inClass = false;
  for (const ch of pattern) {
    if (inClass) {
      re += ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      re += ch;
      inClass = true;
    } else if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += /[.^$+(){}|\\]/.test(ch) ? `\\${ch}` : ch;
  }
  return { sql: `${column} ~ ?`, param: `${re}$` };
}

/**
 * `column IN (...)` for a list of integers given as one parameter (a JSON array), so that a long
 * list needs neither one placeholder per value nor a statement of its own length.
 */
export function inIntegerList(
  q: Pick<Queryable, 'dialect'>,
  column: string,
  values: readonly number[],
): { sql: string; param: string } {
  const param = JSON.stringify(values.map((v) => Math.trunc(v)));
  return q.dialect === 'sqlite'
    ? { sql: `${column} IN (SELECT value FROM json_each(?))`, param }
    : { sql: `${column} IN (SELECT value::bigint FROM json_array_elements_text(?::json))`, param };
}
