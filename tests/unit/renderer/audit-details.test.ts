// The audit screen's 詳細 in words: operators by name, codes by their labels, times to the second.
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../renderer/src/i18n';
import {
  auditActionWords,
  auditDetailWords,
  type AuditDetailContext,
} from '../../../renderer/src/workflows/admin/audit-details';

function context(): AuditDetailContext {
  const { t, te } = createAppI18n().global;
  return {
    t: (key, params) => (params ? t(key, params) : t(key)),
    te: (key) => te(key),
    operatorName: (id) => (id === 6 ? '練習01（renshu01）' : null),
    time: (iso) => `T(${iso})`,
  };
}

describe('auditDetailWords', () => {
  it('names an operator by name and login id, not by their number', () => {
    expect(auditDetailWords('{"operator":6,"role":"clerk"}', context())).toBe(
      '職員：練習01（renshu01）、役割：窓口職員',
    );
  });

  it('an operator the list does not hold is still said in words', () => {
    expect(auditDetailWords('{"approver":99}', context())).toBe('承認した責任者：職員番号 99');
  });

  it('puts codes, booleans and times into words', () => {
    const c = context();
    expect(auditDetailWords('{"kind":"revocation","attempt":2}', c)).toBe(
      '種類：カードの廃止（電子証明書の失効）、失敗の回数：2',
    );
    expect(auditDetailWords('{"under15":false,"notice":"MD-2026-0001"}', c)).toBe(
      '15歳未満：いいえ、交付通知書番号：MD-2026-0001',
    );
    expect(auditDetailWords('{"until":"2026-11-25T01:02:03.000Z"}', c)).toBe(
      'ロック解除の時刻：T(2026-11-25T01:02:03.000Z)',
    );
    expect(auditDetailWords('{"purpose":"issuance"}', c)).toBe('目的：交付');
  });

  it('no details, no words; text that is not JSON is shown as it came', () => {
    expect(auditDetailWords('{}', context())).toBe('');
    expect(auditDetailWords('not json', context())).toBe('not json');
  });

  it('every detail key the app writes has Japanese words', () => {
    const c = context();
    // The keys written by main (grep "details:" and the procedure steps' audit data).
    for (const key of ['procedure', 'operator', 'approver', 'role', 'kind', 'serial', 'notice'])
      expect(auditDetailWords(`{"${key}":"x"}`, c), key).not.toMatch(/^[a-z]/);
  });
});

describe('auditActionWords', () => {
  it("says a procedure's step after its kind, and the app's own actions by their words", () => {
    const c = context();
    expect(auditActionWords('issuance.face', c)).toBe('交付：顔写真の確認');
    expect(auditActionWords('issuance.card-face', c)).toBe('交付：券面確認（住民の回答）');
    expect(auditActionWords('reissue.held', c)).toMatch(/：保留$/);
    expect(auditActionWords('operator.login', c)).toBe('ログイン');
  });

  it('shows a code it has no words for as it came, never hides the row', () => {
    expect(auditActionWords('issuance.no-such-step', context())).toBe('issuance.no-such-step');
  });
});
