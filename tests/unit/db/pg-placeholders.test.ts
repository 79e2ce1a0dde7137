// The pg adapter's rewriting of the repositories' SQL: parameters, and aliases keeping their case.
import { describe, expect, it } from 'vitest';
import { toPgPlaceholders } from '../../../main/db/pg-connection';

describe('SQL for PostgreSQL', () => {
  it('numbers ? parameters, leaving literals, comments and casts alone', () => {
    expect(
      toPgPlaceholders(`SELECT '?' AS q, x::text FROM t -- what?\n WHERE a = ? AND b = ?`).text,
    ).toBe(`SELECT '?' AS q, x::text FROM t -- what?\n WHERE a = $1 AND b = $2`);
  });

  it('gives each named parameter one number, however often it is used', () => {
    const t = toPgPlaceholders('SELECT * FROM t WHERE a = :id OR b = :id OR c = :other');
    expect(t.text).toBe('SELECT * FROM t WHERE a = $1 OR b = $1 OR c = $2');
    expect(t.names).toEqual(['id', 'other']);
  });

  it('quotes a mixed-case alias, as sqlite keeps its case; types and literals stay', () => {
    expect(
      toPgPlaceholders(
        `SELECT min(not_after) AS notAfter, CAST(x AS BLOB) AS bytes, 'AS fooBar' FROM c`,
      ).text,
    ).toBe(`SELECT min(not_after) AS "notAfter", CAST(x AS BLOB) AS bytes, 'AS fooBar' FROM c`);
  });
});
