// The clerk's screens of the card's later life: the rules they apply before asking main.
import { describe, expect, it } from 'vitest';
import type { PinStatusDto } from '../../../preload/contract/dto';
import type { LifeCardDto, ProcedureDto } from '../../../preload/contract/lifecycle';
import {
  actionKey,
  actionOfNext,
  asksForCard,
  defaultPlan,
  fromLocalInput,
  japanToday,
  lifeHeaderIndex,
  lifeHeaderSteps,
  modesOf,
  parseSerial,
  planEntries,
  planProblem,
  proceduresOf,
  reportTimeProblem,
  secretChoices,
  toLocalInput,
} from '../../../renderer/src/workflows/lifecycle/life-view';

const card: LifeCardDto = {
  id: 2,
  serial: '990000000000002',
  state: 'issued',
  expiry: '2035-07-08',
  issuedAt: '2025-07-08T01:00:00Z',
  terminatedAt: null,
  destroyedAt: null,
  replacesSerial: null,
  replacedBySerial: null,
};

function procedure(over: Partial<ProcedureDto>): ProcedureDto {
  return {
    procedureId: 'p-1',
    kind: 'release',
    step: 'documents',
    resident: {
      id: 1,
      kanjiName: '仮名　幸子',
      kanaName: 'カメイ　サチコ',
      birthDate: '1990-04-01',
      age: 36,
      sex: 'female',
      address: '東京都',
    },
    card,
    startedAt: '2026-11-25T00:00:00Z',
    completedAt: null,
    documents: null,
    faceRequired: true,
    face: null,
    matchedSerial: null,
    needsCard: false,
    plan: null,
    pins: null,
    certificates: null,
    suspension: null,
    revocation: null,
    reissue: null,
    renewal: null,
    approvedBy: null,
    notice: null,
    ...over,
  };
}

const pin = (kind: PinStatusDto['kind'], state: PinStatusDto['state']): PinStatusDto => ({
  kind,
  state,
  triesLeft: state === 'locked' ? 0 : 3,
  maxTries: state === 'locked' ? 5 : 3,
});

describe('the header shows each procedure’s own steps', () => {
  it('release always has the face check and new certificates', () => {
    expect(lifeHeaderSteps(procedure({}))).toEqual([
      'documents',
      'card',
      'face',
      'choose',
      'pins',
      'certificates',
    ]);
  });

  it('a PIN reset checks the face only with list B documents, and issues no certificate', () => {
    expect(lifeHeaderSteps(procedure({ kind: 'pin-reset', faceRequired: false }))).toEqual([
      'documents',
      'card',
      'choose',
      'pins',
    ]);
    expect(lifeHeaderSteps(procedure({ kind: 'pin-reset', faceRequired: true }))).toContain('face');
  });

  it('a revocation without the card ends after the approval; a return only punches', () => {
    const revocation = {
      reason: 'lost',
      crlReason: 'keyCompromise',
      cardPresent: false,
      returnOnly: false,
      destroyedAt: null,
    } as const;
    expect(lifeHeaderSteps(procedure({ kind: 'revocation', revocation }))).toEqual([
      'reason',
      'approval',
    ]);
    expect(
      lifeHeaderSteps(
        procedure({ kind: 'revocation', revocation: { ...revocation, cardPresent: true } }),
      ),
    ).toEqual(['reason', 'approval', 'card', 'destroy']);
    expect(
      lifeHeaderSteps(
        procedure({
          kind: 'revocation',
          revocation: { ...revocation, reason: 'found-after-reissue', returnOnly: true },
        }),
      ),
    ).toEqual(['card', 'destroy']);
  });

  it('a free reissue has no fee step', () => {
    const reissue = {
      reason: 'theft',
      express: false,
      fee: { amountYen: 0, lines: [], freeByRule: true },
      feeStatus: 'waived',
      waiverReason: null,
      newNoticeNumber: null,
    } as const;
    expect(lifeHeaderSteps(procedure({ kind: 'reissue', reissue }))).toEqual([
      'reason',
      'approval',
    ]);
    expect(lifeHeaderSteps(procedure({ kind: 'reissue', reissue: null }))).toContain('fee');
  });

  it('a stop shows on its step; completed is past the last', () => {
    expect(lifeHeaderIndex(procedure({ step: 'face-mismatch' }))).toBe(2);
    expect(lifeHeaderIndex(procedure({ step: 'completed' }))).toBe(6);
    expect(lifeHeaderIndex(procedure({ step: 'cancelled' }))).toBe(-1);
  });

  it('asks for the card again only at a card step after a pull or restart', () => {
    expect(asksForCard(procedure({ step: 'pins', needsCard: true }))).toBe(true);
    expect(asksForCard(procedure({ step: 'pins', needsCard: false }))).toBe(false);
    expect(asksForCard(procedure({ step: 'documents', needsCard: true }))).toBe(false);
  });
});

describe('what a card offers on the resident’s page', () => {
  it('an issued card: suspension and every counter procedure, reissue once', () => {
    expect(proceduresOf(card).map(actionKey)).toEqual([
      'suspension',
      'pin-reset',
      'renewal',
      'revocation',
      'reissue',
    ]);
    expect(
      proceduresOf({ ...card, replacedBySerial: '990000000000009' }).map(actionKey),
    ).not.toContain('reissue');
  });

  it('a suspended card is released, not suspended again', () => {
    const keys = proceduresOf({ ...card, state: 'suspended' }).map(actionKey);
    expect(keys).toContain('release');
    expect(keys).not.toContain('suspension');
  });

  it('a terminated card not yet destroyed offers the return; once destroyed, only reissue', () => {
    const terminated = {
      ...card,
      state: 'terminated' as const,
      terminatedAt: '2026-01-01T00:00:00Z',
    };
    expect(proceduresOf(terminated).map(actionKey)).toEqual(['return', 'reissue']);
    expect(
      proceduresOf({ ...terminated, destroyedAt: '2026-01-02T00:00:00Z' }).map(actionKey),
    ).toEqual(['reissue']);
  });

  it('next actions lead to their procedure; record-return is the return-only revocation', () => {
    expect(actionOfNext('release-suspension')).toEqual({ kind: 'release' });
    expect(actionOfNext('record-return')).toEqual({ kind: 'revocation', returnOnly: true });
    expect(actionOfNext('issue-card')).toEqual({ kind: 'issuance' });
    expect(actionOfNext('none')).toBeNull();
  });
});

describe('choosing the secrets and how they are entered', () => {
  it('a PIN reset offers all four, set anew or changed; a child has no signing password', () => {
    expect(secretChoices('pin-reset', 36).map((c) => c.kind)).toEqual([
      'signing',
      'auth',
      'juki',
      'text',
    ]);
    expect(secretChoices('pin-reset', 12).map((c) => c.kind)).not.toContain('signing');
    expect(secretChoices('pin-reset', 36)[0]?.modes).toEqual(['new', 'change']);
  });

  it('a signing-only renewal asks for the signing password alone', () => {
    expect(secretChoices('renewal', 36, 'signing-only').map((c) => c.kind)).toEqual(['signing']);
    expect(secretChoices('release', 36).map((c) => c.modes)).toEqual([
      ['current', 'new'],
      ['current', 'new'],
    ]);
  });

  it('a reset starts from the locked secrets; a release keeps what is not locked', () => {
    const pins = [
      pin('signing', 'locked'),
      pin('auth', 'ok'),
      pin('juki', 'ok'),
      pin('text', 'ok'),
    ];
    expect(defaultPlan('pin-reset', secretChoices('pin-reset', 36), pins)).toEqual({
      signing: 'new',
      auth: null,
      juki: null,
      text: null,
    });
    expect(defaultPlan('release', secretChoices('release', 36), pins)).toEqual({
      signing: 'new',
      auth: 'current',
    });
  });

  it('says why the choice cannot be sent: nothing chosen, a mode missing, a locked one changed', () => {
    const pins = [pin('signing', 'locked'), pin('auth', 'ok')];
    const reset = secretChoices('pin-reset', 36);
    expect(planProblem('pin-reset', reset, {}, pins)).toBe('choose-one');
    expect(planProblem('pin-reset', reset, { signing: 'change' }, pins)).toBe('locked-needs-new');
    expect(planProblem('pin-reset', reset, { signing: 'new', auth: 'change' }, pins)).toBeNull();
    expect(planProblem('release', secretChoices('release', 36), { signing: 'new' }, pins)).toBe(
      'choose-mode',
    );
  });

  it('sends the chosen secrets in the order of the screen, and shows their modes', () => {
    const plan = planEntries(secretChoices('pin-reset', 36), { text: 'new', auth: 'change' });
    expect(plan).toEqual([
      { kind: 'auth', mode: 'change' },
      { kind: 'text', mode: 'new' },
    ]);
    expect(modesOf(plan)).toEqual({ auth: 'change', text: 'new' });
  });
});

describe('the report of a loss, the serial, the day of the 日報', () => {
  it('a datetime field’s value goes to main as the same moment in ISO', () => {
    const at = new Date(2026, 10, 25, 9, 30);
    expect(fromLocalInput(toLocalInput(at))).toBe(at.toISOString().replace('.000Z', 'Z'));
    expect(fromLocalInput('2026-02-30T09:00')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
  });

  it('a report cannot be dated in the future', () => {
    const now = new Date(2026, 10, 25, 9, 30);
    expect(reportTimeProblem(toLocalInput(now), now)).toBeNull();
    expect(reportTimeProblem(toLocalInput(new Date(2026, 10, 25, 11, 0)), now)).toBe('future');
    expect(reportTimeProblem('', now)).toBe('no-time');
  });

  it('reads a serial as typed at the counter, and refuses a wrong length', () => {
    expect(parseSerial('９９００ ０００００００ ０００２')).toBe('990000000000002');
    expect(parseSerial('99000000000002')).toBeNull();
  });

  it('the 日報’s today is Japan’s: 23:30 UTC is already the next day', () => {
    expect(japanToday(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(japanToday(new Date('2026-11-25T14:59:00Z'))).toBe('2026-11-25');
  });
});
