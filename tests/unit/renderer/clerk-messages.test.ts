// The clerk window's two message sets: the same keys in Japanese and English, and nothing vue-i18n would misread.
import { describe, expect, it } from 'vitest';
import {
  ERROR_DETAIL_PARAMS,
  ERROR_MESSAGE_PARAMS,
} from '../../../renderer/src/components/error-message-params';
import { en } from '../../../renderer/src/i18n/en';
import type { ErrorCode } from '../../../preload/contract/errors';
import { ja } from '../../../renderer/src/i18n/ja';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      for (const [key, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(key, text);
  return out;
}

const jaLeaves = leaves(ja);
const enLeaves = leaves(en);

/** The {names} a message takes: both languages must take the same ones. */
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('clerk window messages', () => {
  it('English has exactly the Japanese keys', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort());
  });

  it('every message takes the same parameters in both languages', () => {
    // Dates pick their own parts per language (the month's name in English).
    const DATE_FORMATS = new Set(['date', 'dateTime', 'dateTimeSeconds']);
    const differing = [...jaLeaves].filter(
      ([key, text]) =>
        !DATE_FORMATS.has(key) && params(text).join() !== params(enLeaves.get(key) ?? '').join(),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('every error message gets each figure it states from the shared rules', () => {
    const missing = [...jaLeaves]
      .filter(([key]) => key.startsWith('errors.'))
      .flatMap(([key, text]) => {
        const code = key.slice('errors.'.length) as ErrorCode;
        const given = { ...ERROR_MESSAGE_PARAMS[code], [ERROR_DETAIL_PARAMS[code] ?? '']: '' };
        return params(text)
          .filter((name) => name !== undefined && !(name in given))
          .map((name) => `${key}: {${name}}`);
      });
    expect(missing).toEqual([]);
    // The lock's figures are the rule's, not words typed into the message.
    expect(ERROR_MESSAGE_PARAMS['login-locked']).toEqual({ tries: 5, minutes: 15 });
  });

  it('no message uses a character vue-i18n reads as syntax (| @ $)', () => {
    const bad = [...jaLeaves, ...enLeaves].filter(([, text]) => /[|@$]/.test(text));
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it('the later life’s procedures are named in Japanese as on municipal forms', () => {
    expect(ja.life.kinds).toMatchObject({
      suspension: '一時停止の登録',
      release: '一時停止の解除',
      'pin-reset': '暗証番号の初期化・再設定',
      revocation: '廃止',
      reissue: '再交付',
      renewal: '電子証明書の更新',
    });
    expect(ja.life.steps.destroy).toBe('穴あけ（廃棄）');
  });
});
