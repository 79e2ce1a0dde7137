// The clerk's 交付 screens: the rules they apply before asking main (documents, birth date, progress).
import { describe, expect, it } from 'vitest';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import {
  CERTIFICATE_PHASES,
  HEADER_STEPS,
  documentsProblem,
  headerIndex,
  orderedKinds,
  parseBirthDate,
  phasesDone,
  pickReader,
  pinRowState,
} from '../../../renderer/src/workflows/issuance/issuance-view';

const adult = { needsRepresentative: false, relation: null, representativeKinds: [] } as const;

describe('issuance documents: 次へ only with a valid set, and the screen says why not', () => {
  it('nothing ticked asks for one of list A or two of list B', () => {
    expect(documentsProblem({ ...adult, kinds: [] })).toBe('choose-documents');
  });

  it('one list B document asks for one more', () => {
    expect(documentsProblem({ ...adult, kinds: ['health-insurance'] })).toBe('one-more-b');
  });

  it('one list A document, or two of list B, is enough for an adult', () => {
    expect(documentsProblem({ ...adult, kinds: ['passport'] })).toBeNull();
    expect(documentsProblem({ ...adult, kinds: ['health-insurance', 'pension-book'] })).toBeNull();
  });

  it('a resident under 15 needs the representative: relation first, then their documents', () => {
    const child = { kinds: ['health-insurance', 'student-id'] as const, needsRepresentative: true };
    expect(documentsProblem({ ...child, relation: null, representativeKinds: [] })).toBe(
      'choose-relation',
    );
    expect(documentsProblem({ ...child, relation: 'parent', representativeKinds: [] })).toBe(
      'representative-documents',
    );
    expect(
      documentsProblem({ ...child, relation: 'parent', representativeKinds: ['bankbook'] }),
    ).toBe('representative-one-more-b');
    expect(
      documentsProblem({ ...child, relation: 'parent', representativeKinds: ['driving-licence'] }),
    ).toBeNull();
  });

  it('the resident’s own documents are asked for before the representative’s', () => {
    expect(
      documentsProblem({
        kinds: [],
        needsRepresentative: true,
        relation: null,
        representativeKinds: [],
      }),
    ).toBe('choose-documents');
  });

  it('records the kinds in the order of the lists, whatever order they were ticked in', () => {
    expect(orderedKinds(new Set(['bankbook', 'passport', 'health-insurance']))).toEqual([
      'passport',
      'health-insurance',
      'bankbook',
    ]);
  });
});

describe('issuance find: the birth date as typed at the counter', () => {
  it('reads the usual ways of writing it, full-width digits too', () => {
    for (const typed of [
      '1992-07-08',
      '1992/7/8',
      '19920708',
      '1992年7月8日',
      '１９９２／０７／０８',
    ])
      expect(parseBirthDate(typed), typed).toBe('1992-07-08');
  });

  it('reads 和暦 as clerks write it, and refuses a date outside its era', () => {
    expect(parseBirthDate('平成4年7月8日')).toBe('1992-07-08');
    expect(parseBirthDate('H4.7.8')).toBe('1992-07-08');
    expect(parseBirthDate('ｈ０４／０７／０８')).toBe('1992-07-08');
    expect(parseBirthDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseBirthDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseBirthDate('R2.8.14')).toBe('2020-08-14');
    expect(parseBirthDate('大正13年4月1日')).toBe('1924-04-01');
    for (const typed of [
      '昭和64年1月8日',
      '平成31年5月1日',
      '平成元年1月7日',
      '令和0年1月1日',
      'X4.7.8',
    ])
      expect(parseBirthDate(typed), typed).toBeNull();
  });

  it('refuses what is not a real date or not year first', () => {
    for (const typed of ['', '7月8日', '08/07/1992', '1992-02-30', '1992-13-01', '920708'])
      expect(parseBirthDate(typed), typed).toBeNull();
  });
});

describe('issuance header and progress', () => {
  it('a stop shows on the step it stopped at; completed is past the last step', () => {
    expect(HEADER_STEPS[headerIndex('face-mismatch')]).toBe('face');
    expect(HEADER_STEPS[headerIndex('parked')]).toBe('certificates');
    expect(headerIndex('completed')).toBe(HEADER_STEPS.length);
    expect(headerIndex('cancelled')).toBe(-1);
    expect(headerIndex('pins')).toBe(3);
  });

  it('counts the certificate phases finished, from waiting to done', () => {
    expect(phasesDone('waiting')).toBe(0);
    expect(phasesDone('setting-pins')).toBe(0);
    expect(phasesDone('writing')).toBe(3);
    expect(phasesDone('done')).toBe(CERTIFICATE_PHASES.length);
  });

  it('shows each secret as accepted, being entered, or waiting; never more', () => {
    const pins: ProcedureDto['pins'] = {
      required: ['signing', 'auth', 'juki', 'text'],
      entryOpen: true,
      current: 'auth',
      attempts: { signing: 2 },
      accepted: ['signing'],
    };
    expect(pins.required.map((k) => pinRowState(pins, k))).toEqual([
      'accepted',
      'current',
      'waiting',
      'waiting',
    ]);
    expect(pinRowState({ ...pins, entryOpen: false }, 'auth')).toBe('waiting');
  });

  it('uses the reader holding a card, else the only one there is', () => {
    expect(
      pickReader([
        { name: 'A', cardPresent: false },
        { name: 'B', cardPresent: true },
      ]),
    ).toBe('B');
    expect(pickReader([{ name: 'A', cardPresent: false }])).toBe('A');
    expect(pickReader([])).toBeNull();
  });
});
