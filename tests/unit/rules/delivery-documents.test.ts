// 代理人交付's rules: the resident's documents the representative brings, the representative's
// own, the listed reasons (75歳以上 by age) and the 照会書's validity.
import { describe, expect, it } from 'vitest';
import {
  authorityFor,
  deliveryReasonRefusal,
  DOCUMENTS_A,
  hasPhoto,
  inquiryValidUntil,
  isValidAbsentResidentSet,
  isValidRepresentativeSet,
} from '../../../preload/contract/rules/documents';

describe('代理人交付: the resident’s documents', () => {
  it('two of list A, or one of A and one of B', () => {
    expect(isValidAbsentResidentSet(['driving-licence', 'passport'])).toBe(true);
    expect(isValidAbsentResidentSet(['driving-licence', 'health-insurance'])).toBe(true);
  });

  it('one of list A alone is not enough when the resident is not there', () => {
    for (const k of DOCUMENTS_A) expect(isValidAbsentResidentSet([k]), k).toBe(false);
  });

  it('three of list B only with a photo among them', () => {
    expect(isValidAbsentResidentSet(['health-insurance', 'pension-book', 'long-term-care'])).toBe(
      false,
    );
    expect(isValidAbsentResidentSet(['health-insurance', 'pension-book', 'student-id'])).toBe(true);
    expect(isValidAbsentResidentSet(['health-insurance', 'pension-book'])).toBe(false);
    expect(hasPhoto('employee-id')).toBe(true);
    expect(hasPhoto('bankbook')).toBe(false);
  });

  it('the same document twice is not a set', () => {
    expect(isValidAbsentResidentSet(['driving-licence', 'driving-licence'])).toBe(false);
  });
});

describe('代理人交付: the representative’s documents', () => {
  it('two of list A, or one of A and one of B; never list B alone', () => {
    expect(isValidRepresentativeSet(['driving-licence', 'passport'])).toBe(true);
    expect(isValidRepresentativeSet(['passport', 'pension-book'])).toBe(true);
    expect(isValidRepresentativeSet(['driving-licence'])).toBe(false);
    expect(
      isValidRepresentativeSet(['health-insurance', 'pension-book', 'student-id', 'employee-id']),
    ).toBe(false);
  });

  it('a legal representative shows proof of it, anyone else a 委任状', () => {
    expect(authorityFor('legal-representative')).toBe('legal-proof');
    expect(authorityFor('child')).toBe('power-of-attorney');
  });
});

describe('代理人交付: reasons and the 照会書', () => {
  it('only listed reasons; 75歳以上 only from 75', () => {
    expect(deliveryReasonRefusal('illness', 40)).toBeNull();
    expect(deliveryReasonRefusal('busy', 40)).toBe('not-listed');
    expect(deliveryReasonRefusal('age-75', 74)).toBe('under-75');
    expect(deliveryReasonRefusal('age-75', 75)).toBeNull();
  });

  it('is valid for 30 days from the day it was made, across a month and a year', () => {
    expect(inquiryValidUntil('2026-11-25')).toBe('2026-12-25');
    expect(inquiryValidUntil('2026-12-07')).toBe('2027-01-06');
  });
});
