// Refuses audit and journal details that could carry a PIN, a 個人番号 or a face image.
// docs/architecture.md, Data: "No PIN, ever, in the database, logs, audit details ...".

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type Details = { readonly [key: string]: JsonValue };

/** Why details were refused. Names the field path only, never the value. */
export class UnsafeDetailsError extends Error {
  override readonly name = 'UnsafeDetailsError';
  constructor(
    readonly field: string,
    readonly reason: 'secret-field' | 'my-number' | 'image' | 'not-json',
  ) {
    super(`refused details field '${field}': ${reason}`);
  }
}

const SECRET_WORDS = new Set(['pin', 'pins', 'password', 'passwords', 'passcode', 'passwd', 'pwd']);
// Exactly twelve digits, alone or written with spaces or hyphens (5376 8667 7188).
const TWELVE_DIGITS = /(?<![0-9])[0-9](?:[ \-\u3000]?[0-9]){11}(?![0-9])/;
const FULLWIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const DATA_IMAGE = /data:image\//i;

/** Splits camelCase, snake_case, kebab-case and dotted names into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function isSecretName(name: string): boolean {
  return name.includes('暗証') || words(name).some((w) => SECRET_WORDS.has(w));
}

function checkText(text: string, field: string): void {
  const ascii = text.replace(FULLWIDTH_DIGITS, (d) =>
    String.fromCharCode(d.charCodeAt(0) - 0xfee0),
  );
  if (TWELVE_DIGITS.test(ascii)) throw new UnsafeDetailsError(field, 'my-number');
  if (DATA_IMAGE.test(text)) throw new UnsafeDetailsError(field, 'image');
}

function walk(value: unknown, field: string): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') return checkText(value, field);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnsafeDetailsError(field, 'not-json');
    return checkText(String(value), field);
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${field}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const path = field ? `${field}.${k}` : k;
      if (isSecretName(k)) throw new UnsafeDetailsError(path, 'secret-field');
      checkText(k, path);
      walk(v, path);
    }
    return;
  }
  // Buffers, typed arrays, dates, functions: binary could be an image, and none is plain JSON.
  throw new UnsafeDetailsError(field || '(root)', 'not-json');
}

/** Throws UnsafeDetailsError for a PIN-like field name, a 12-digit number or a data: image. */
export function assertSafeDetails(details: unknown): asserts details is Details {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    throw new UnsafeDetailsError('(root)', 'not-json');
  }
  walk(details, '');
}

/** Canonical JSON: object keys sorted, no spaces, so the same details always hash the same. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k] as JsonValue)}`).join(',')}}`;
}
