// Revocation and reissue reasons, the CRL reason of each revocation, and their one set of words
// that the screens (both languages) and the printed documents share.
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';
import { FEE_LINE_LABELS } from '../../../preload/contract/rules/fees';
import {
  CRL_REASON_LABELS,
  CRL_REASON_OF,
  CRL_REASONS,
  labelsIn,
  REISSUE_REASON_LABELS,
  REISSUE_REASONS,
  REVOCATION_OF_REISSUE,
  REVOCATION_REASON_LABELS,
  REVOCATION_REASONS,
  type Label,
} from '../../../preload/contract/rules/reasons';

describe('revocation reasons and their CRL reasons', () => {
  it('a card out of the holder’s hands is keyCompromise; a replaced one superseded', () => {
    expect(CRL_REASON_OF.lost).toBe('keyCompromise');
    expect(CRL_REASON_OF.stolen).toBe('keyCompromise');
    expect(CRL_REASON_OF.damaged).toBe('superseded');
    expect(CRL_REASON_OF['number-changed']).toBe('superseded');
    expect(CRL_REASON_OF['found-after-reissue']).toBe('superseded');
  });

  it('a holder without a card is cessationOfOperation; a deleted record privilegeWithdrawn', () => {
    for (const r of ['returned', 'expired', 'moved-abroad', 'death'] as const)
      expect(CRL_REASON_OF[r], r).toBe('cessationOfOperation');
    expect(CRL_REASON_OF['record-deleted']).toBe('privilegeWithdrawn');
  });

  it('every revocation reason has a CRL reason the authority knows', () => {
    for (const r of REVOCATION_REASONS) expect(CRL_REASONS, r).toContain(CRL_REASON_OF[r]);
  });

  it('a reissue records a revocation reason for the old card', () => {
    expect(REVOCATION_OF_REISSUE).toMatchObject({
      lost: 'lost',
      theft: 'stolen',
      'own-wish': 'returned',
      'missed-renewal': 'expired',
      disaster: 'lost',
    });
    for (const r of REISSUE_REASONS)
      expect(REVOCATION_REASONS, r).toContain(REVOCATION_OF_REISSUE[r]);
  });
});

describe('the words of the reasons', () => {
  const tables: [string, Readonly<Record<string, Label>>, readonly string[]][] = [
    ['revocation', REVOCATION_REASON_LABELS, REVOCATION_REASONS],
    ['reissue', REISSUE_REASON_LABELS, REISSUE_REASONS],
    ['crl', CRL_REASON_LABELS, [...CRL_REASONS, 'certificateHold']],
    ['fee lines', FEE_LINE_LABELS, ['card', 'certificates', 'express']],
  ];

  it('name every code in both languages, with nothing vue-i18n reads as syntax', () => {
    for (const [name, table, codes] of tables) {
      expect(Object.keys(table).sort(), name).toEqual([...codes].sort());
      for (const [code, label] of Object.entries(table)) {
        expect(label.ja, `${name} ${code}`).toMatch(/\S/);
        expect(label.en, `${name} ${code}`).toMatch(/\S/);
        expect(`${label.ja}${label.en}`, `${name} ${code}`).not.toMatch(/[|@${}]/);
      }
    }
  });

  it('the reissue reasons are worded as on the screens and the receipt alike', () => {
    expect(REISSUE_REASON_LABELS['missed-renewal'].ja).toBe('継続利用の手続きをしなかった');
    expect(REISSUE_REASON_LABELS['full-notes'].ja).toBe('追記欄の余白がない');
    expect(REVOCATION_REASON_LABELS.lost.ja).toBe('紛失（発見されず）');
    expect(FEE_LINE_LABELS.card.ja).toBe('カード再交付');
  });

  it('one language at a time for a message set', () => {
    expect(labelsIn('ja', REISSUE_REASON_LABELS).theft).toBe('盗難');
    expect(labelsIn('en', REISSUE_REASON_LABELS).theft).toBe('Theft');
  });

  it('are the clerk window’s words in both languages', () => {
    expect(ja.life.revocationReasons).toEqual(labelsIn('ja', REVOCATION_REASON_LABELS));
    expect(en.life.revocationReasons).toEqual(labelsIn('en', REVOCATION_REASON_LABELS));
    expect(ja.life.reissueReasons).toEqual(labelsIn('ja', REISSUE_REASON_LABELS));
    expect(en.life.reissueReasons).toEqual(labelsIn('en', REISSUE_REASON_LABELS));
    expect(ja.life.crlReasons).toEqual(labelsIn('ja', CRL_REASON_LABELS));
    expect(en.life.crlReasons).toEqual(labelsIn('en', CRL_REASON_LABELS));
    expect(ja.life.fee.lines).toEqual(labelsIn('ja', FEE_LINE_LABELS));
    expect(en.life.fee.lines).toEqual(labelsIn('en', FEE_LINE_LABELS));
  });
});
