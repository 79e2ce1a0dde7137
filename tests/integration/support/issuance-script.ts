// The 交付 of 窓口花子 (MD-2026-0001, card 990000000000001), and the later procedures on that card,
// driven through the core's router the way the two windows do it: one action for whatever step the
// procedure is at, so a run that starts after a crash picks the open procedure up where it stands.
import type { Channel } from '../../../preload/contract/channels';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { answerCardFace } from './card-face';

export type Call = (
  window: 'clerk' | 'resident',
  channel: Channel,
  payload: unknown,
) => Promise<unknown>;

export const NOTICE = 'MD-2026-0001';
export const BIRTH_DATE = '1992-07-08';
/** The values the resident types (a secret scan looks for exactly these). */
export const TYPED = { signing: 'MADO2026KEY', auth: '7395', juki: '2846', text: '5017' } as const;

/** Logs the practice clerk in and opens (or resumes) the issuance of MD-2026-0001. */
export async function openIssuance(call: Call): Promise<ProcedureDto> {
  await call('clerk', 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  const found = (await call('clerk', 'lookup:by-notice', {
    noticeNumber: NOTICE,
    birthDate: BIRTH_DATE,
  })) as ResidentMatchDto;
  return (await call('clerk', 'procedure:start', {
    kind: 'issuance',
    applicationId: found.applications[0]!.id,
  })) as ProcedureDto;
}

/** Does the one thing the current step needs, and returns the procedure after it. */
export async function advance(
  call: Call,
  reader: string,
  dto: ProcedureDto,
): Promise<ProcedureDto> {
  const procedureId = dto.procedureId;
  const clerk = async (channel: Channel, payload: Record<string, unknown>) =>
    (await call('clerk', channel, { procedureId, ...payload })) as ProcedureDto;
  if (dto.needsCard || dto.step === 'card') return clerk('procedure:check-card', { reader });
  switch (dto.step) {
    case 'documents':
      return clerk('procedure:record-documents', {
        kinds: ['driving-licence'],
        guardianship: false,
        representative: null,
      });
    case 'face':
      return clerk('procedure:record-face', { decision: 'match' });
    case 'card-face':
      return answerCardFace(call, procedureId, reader);
    case 'pins':
    case 'parked': {
      if (!dto.pins?.entryOpen) return clerk('procedure:open-pin-entry', { reader });
      for (const [kind, value] of Object.entries(TYPED)) {
        await call('resident', 'resident:check-pin', { kind, value, confirmation: value });
      }
      await call('resident', 'resident:submit-pins', {
        signing: { value: TYPED.signing, confirmation: TYPED.signing },
        auth: { value: TYPED.auth, confirmation: TYPED.auth },
        juki: { value: TYPED.juki, confirmation: TYPED.juki },
        text: { value: TYPED.text, confirmation: TYPED.text },
      });
      return clerk('procedure:get', {});
    }
    case 'handover':
      return clerk('procedure:complete', {
        handover: { collectedJukiCard: false, collectedNotificationCard: true },
      });
    default:
      throw new Error(`nothing to do at step ${dto.step}`);
  }
}

// ---- the card's later life: 一時停止の解除, 暗証番号の初期化・再設定, 電子証明書の更新 on the same card ----

/** The card 窓口花子 receives in the 交付 above. */
export const CARD_SERIAL = '990000000000001';

export type LifeCardKind = 'release' | 'pin-reset' | 'renewal';
type SecretKind = keyof typeof TYPED;

/** One procedure on 花子's card as the clerk and the resident go through it. */
export interface LifeScenario {
  readonly kind: LifeCardKind;
  readonly documents: readonly string[];
  readonly plan: readonly {
    readonly kind: SecretKind;
    readonly mode: 'new' | 'current' | 'change';
  }[];
  readonly scope?: 'both' | 'signing-only';
  /** The values in use before the procedure (what the 交付 set, or what a test put on the card). */
  readonly current: Readonly<Partial<Record<SecretKind, string>>>;
  /** The values the resident sets (modes new and change). */
  readonly fresh: Readonly<Partial<Record<SecretKind, string>>>;
}

/** The values set by the procedures below (fixture values, like TYPED). */
export const FRESH = { signing: 'KAIJO2027PW', auth: '6184', juki: '3962', text: '8051' } as const;

/** Release with new values for both JPKI secrets: two issuer resets, two keys, two certificates. */
export const RELEASE_NEW: LifeScenario = {
  kind: 'release',
  documents: ['driving-licence'],
  plan: [
    { kind: 'signing', mode: 'new' },
    { kind: 'auth', mode: 'new' },
  ],
  current: TYPED,
  fresh: FRESH,
};

/**
 * 暗証番号の初期化・再設定 with two list B documents (so with the face check): the signing password
 * reset by the authority (a fresh counter), the auth PIN changed by the resident with the value in
 * use (VERIFY, then CHANGE REFERENCE DATA).
 */
export const RESET_MIXED: LifeScenario = {
  kind: 'pin-reset',
  documents: ['health-insurance', 'pension-book'],
  plan: [
    { kind: 'signing', mode: 'new' },
    { kind: 'auth', mode: 'change' },
  ],
  current: TYPED,
  fresh: FRESH,
};

/** Renewal of both certificates, the resident keeping the values in use. */
export const RENEWAL_KEEP: LifeScenario = {
  kind: 'renewal',
  documents: ['driving-licence'],
  plan: [
    { kind: 'signing', mode: 'current' },
    { kind: 'auth', mode: 'current' },
  ],
  scope: 'both',
  current: TYPED,
  fresh: FRESH,
};

/** Logs the practice clerk in and opens (or resumes, from the open list) the procedure on the card. */
export async function openLife(call: Call, s: LifeScenario): Promise<ProcedureDto> {
  await call('clerk', 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  const open = (await call('clerk', 'procedure:list-open', {})) as ProcedureDto[];
  const mine = open.find((p) => p.kind === s.kind && p.card.serial === CARD_SERIAL);
  if (mine) return mine;
  const found = (await call('clerk', 'lookup:by-serial', {
    serial: CARD_SERIAL,
  })) as ResidentMatchDto;
  const card = found.cards.find((c) => c.serial === CARD_SERIAL);
  if (!card) throw new Error(`no card ${CARD_SERIAL} in the lookup`);
  return (await call('clerk', 'procedure:start', {
    kind: s.kind,
    cardId: card.id,
  })) as ProcedureDto;
}

/**
 * What the resident types for each secret the prompt asks, as it asks it. A secret asked as
 * 'current' although the plan set or changed it was already written before a pull or a crash:
 * its value in use is then the new one (the resident knows it: she typed it).
 */
function residentEntries(s: LifeScenario, prompt: ResidentPromptDto): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const kind of prompt.required as SecretKind[]) {
    const mode = prompt.modes[kind] ?? 'new';
    const planned = s.plan.find((e) => e.kind === kind)?.mode ?? 'new';
    const fresh = s.fresh[kind] ?? TYPED[kind];
    const current = planned === 'current' ? (s.current[kind] ?? TYPED[kind]) : fresh;
    if (mode === 'new') entries[kind] = { value: fresh, confirmation: fresh };
    else if (mode === 'current') entries[kind] = { value: current, confirmation: current, current };
    else entries[kind] = { value: fresh, confirmation: fresh, current: s.current[kind] };
  }
  return entries;
}

/** Does the one thing the procedure's current step needs, and returns the procedure after it. */
export async function advanceLife(
  call: Call,
  reader: string,
  s: LifeScenario,
  dto: ProcedureDto,
): Promise<ProcedureDto> {
  const procedureId = dto.procedureId;
  const clerk = async (channel: Channel, payload: Record<string, unknown>) =>
    (await call('clerk', channel, { procedureId, ...payload })) as ProcedureDto;
  if (dto.needsCard || dto.step === 'card') return clerk('procedure:check-card', { reader });
  switch (dto.step) {
    case 'documents':
      return clerk('procedure:record-documents', { kinds: s.documents });
    case 'face':
      return clerk('procedure:record-face', { decision: 'match' });
    case 'choose':
      return clerk('procedure:choose', { plan: s.plan, ...(s.scope ? { scope: s.scope } : {}) });
    case 'pins':
    case 'certificates': {
      if (!dto.pins?.entryOpen) return clerk('procedure:open-pin-entry', { reader });
      const prompt = (await call(
        'resident',
        'resident:get-prompt',
        {},
      )) as ResidentPromptDto | null;
      if (!prompt || prompt.procedureId !== procedureId) throw new Error('no PIN prompt open');
      const entries = residentEntries(s, prompt);
      for (const [kind, entry] of Object.entries(entries)) {
        const { value, confirmation } = entry as { value: string; confirmation: string };
        if (prompt.modes[kind as SecretKind] === 'current') continue; // nothing new to check
        await call('resident', 'resident:check-pin', { kind, value, confirmation });
      }
      // Every value she types is right: a refused value in use would be a try lost to a bug.
      await call('resident', 'resident:submit-pins', entries);
      return clerk('procedure:get', {});
    }
    default:
      throw new Error(`nothing to do at step ${dto.step}`);
  }
}
