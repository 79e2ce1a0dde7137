// The resident window's languages: each has every text Japanese has, none empty, and the PIN rules
// say the same numbers in every language.
import { describe, expect, it } from 'vitest';
import {
  LOCALE_TAGS,
  RESIDENT_LOCALES,
  RESIDENT_MESSAGES,
  type Text,
} from '../../../renderer/src/resident/i18n';

/** Every leaf of a Messages object by its path; a function leaf is called with 2 (tries, count). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'function') {
    out.set(path, plain((value as (n: number) => Text)(2)));
  } else if (typeof value === 'string' || Array.isArray(value)) {
    out.set(path, plain(value as Text));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [p, text] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, text);
    }
  }
  return out;
}

/** A text as read (furigana left out). */
function plain(text: Text): string {
  return typeof text === 'string'
    ? text
    : text.map((part) => (typeof part === 'string' ? part : part.base)).join('');
}

const JAPANESE = leaves(RESIDENT_MESSAGES.ja);

describe('resident window languages', () => {
  it('offers the four new languages and やさしい日本語 beside the six', () => {
    expect(RESIDENT_LOCALES).toEqual([
      'ja',
      'ja-easy',
      'en',
      'zh',
      'ko',
      'vi',
      'tl',
      'ne',
      'id',
      'es',
      'pt',
    ]);
    expect(Object.keys(RESIDENT_MESSAGES).sort()).toEqual([...RESIDENT_LOCALES].sort());
    expect(Object.keys(LOCALE_TAGS).sort()).toEqual([...RESIDENT_LOCALES].sort());
  });

  it.each(RESIDENT_LOCALES)('%s has every text Japanese has, and none empty', (locale) => {
    const texts = leaves(RESIDENT_MESSAGES[locale]);
    expect([...texts.keys()].sort()).toEqual([...JAPANESE.keys()].sort());
    const empty = [...texts].filter(([, text]) => text.trim() === '').map(([path]) => path);
    expect(empty).toEqual([]);
  });

  it.each(RESIDENT_LOCALES)(
    '%s names the PIN and password rules exactly: 4, 6 to 16, A–Z, 0–9',
    (locale) => {
      const texts = leaves(RESIDENT_MESSAGES[locale]);
      expect(texts.get('rule.pin')).toContain('4');
      for (const path of ['rule.password', 'violation.password-format']) {
        const rule = texts.get(path) ?? '';
        expect(rule, path).toMatch(/6/);
        expect(rule, path).toMatch(/16/);
        expect(rule, path).toMatch(/A[–〜～~-]Z/);
        expect(rule, path).toMatch(/0[–〜～~-]9/);
      }
    },
  );

  it('every language has its own name on its button', () => {
    const names = RESIDENT_LOCALES.map((l) => RESIDENT_MESSAGES[l].languageName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('やさしい日本語 puts furigana on every kanji it shows', () => {
    const bare: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'function') return walk((value as (n: number) => Text)(2), path);
      if (Array.isArray(value)) {
        for (const part of value)
          if (typeof part === 'string' && /\p{Script=Han}/u.test(part))
            bare.push(`${path}: ${part}`);
        return;
      }
      if (typeof value === 'string') {
        if (/\p{Script=Han}/u.test(value)) bare.push(`${path}: ${value}`);
        return;
      }
      if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    const { progress, keys, ...shown } = RESIDENT_MESSAGES['ja-easy'];
    walk(shown, 'ja-easy');
    walk(progress.stages, 'ja-easy.progress.stages');
    // The keypad's name and the progress bar's are read out by screen readers, not shown.
    walk({ ok: keys.ok, erase: keys.erase, clear: keys.clear }, 'ja-easy.keys');
    expect(bare).toEqual([]);
  });
});
