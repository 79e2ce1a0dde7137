// Pure rules of the card's later life on screen: the header's steps per procedure, what a card offers next,
// the choice of secrets and how they are entered, the report time, the fee and the 日報 date.
import type { PinKind, PinStatusDto } from '../../../../preload/contract/dto';
import type {
  LifeCardDto,
  LifeKind,
  LifeNextAction,
  LifeProcedureDto,
  LifeStep,
  PinEntryMode,
  PinPlanEntry,
  RenewalScope,
} from '../../../../preload/contract/lifecycle';
import { stepIndex } from '../steps/step-view';

/** The steps the header shows for this procedure, in order (completed is past the last). */
export function lifeHeaderSteps(dto: LifeProcedureDto): readonly LifeStep[] {
  switch (dto.kind) {
    case 'suspension':
      return ['report'];
    case 'release':
      return ['documents', 'card', 'face', 'choose', 'pins', 'certificates'];
    case 'pin-reset':
      return dto.faceRequired
        ? ['documents', 'card', 'face', 'choose', 'pins']
        : ['documents', 'card', 'choose', 'pins'];
    case 'renewal':
      return dto.faceRequired
        ? ['documents', 'card', 'face', 'choose', 'pins', 'certificates']
        : ['documents', 'card', 'choose', 'pins', 'certificates'];
    case 'revocation':
      if (dto.revocation?.returnOnly) return ['card', 'destroy'];
      // Before the reason is chosen the card may still come: its steps are shown until it is known absent.
      return dto.revocation && !dto.revocation.cardPresent
        ? ['reason', 'approval']
        : ['reason', 'approval', 'card', 'destroy'];
    case 'reissue':
      return dto.reissue?.fee.freeByRule ? ['reason', 'approval'] : ['reason', 'approval', 'fee'];
  }
}

export function lifeHeaderIndex(dto: LifeProcedureDto): number {
  return stepIndex(lifeHeaderSteps(dto), dto.step, { 'face-mismatch': 'face' });
}

/** Steps that cannot go on without the card: a pulled card or a restart asks for it first. */
const CARD_STEPS: ReadonlySet<LifeStep> = new Set([
  'face',
  'choose',
  'pins',
  'certificates',
  'destroy',
]);

export function asksForCard(dto: LifeProcedureDto): boolean {
  if (!dto.needsCard || !CARD_STEPS.has(dto.step)) return false;
  // 穴あけ of a card not handed back (absent) needs no reader.
  return dto.step !== 'destroy' || dto.revocation?.cardPresent !== false;
}

/** What the clerk can start on the resident's page: a procedure of the later life, or 交付. */
export type CardAction =
  | { readonly kind: 'suspension' }
  | { readonly kind: Exclude<LifeKind, 'suspension'>; readonly returnOnly?: boolean }
  | { readonly kind: 'issuance' };

/** The procedure a next action of the resident's page leads to; null for 'none'. */
export function actionOfNext(next: LifeNextAction): CardAction | null {
  switch (next) {
    case 'none':
      return null;
    case 'issue-card':
      return { kind: 'issuance' };
    case 'release-suspension':
      return { kind: 'release' };
    case 'renew-certificates':
      return { kind: 'renewal' };
    case 'reissue':
      return { kind: 'reissue' };
    case 'record-return':
      return { kind: 'revocation', returnOnly: true };
    case 'revoke':
      return { kind: 'revocation' };
  }
}

/**
 * Every procedure this card's state allows (main checks again): 一時停止 and the counter ones for an
 * issued card; 解除 for a suspended one; 返納 for a terminated card not yet destroyed; 再交付 once per
 * card. A card before 交付 has only 交付.
 */
export function proceduresOf(card: LifeCardDto): readonly CardAction[] {
  const reissue: CardAction[] = card.replacedBySerial ? [] : [{ kind: 'reissue' }];
  switch (card.state) {
    case 'received':
    case 'prepared':
      return [{ kind: 'issuance' }];
    case 'issued':
      return [
        { kind: 'suspension' },
        { kind: 'pin-reset' },
        { kind: 'renewal' },
        { kind: 'revocation' },
        ...reissue,
      ];
    case 'suspended':
      return [{ kind: 'release' }, { kind: 'revocation' }, ...reissue];
    case 'terminated':
      return [
        ...(card.destroyedAt ? [] : [{ kind: 'revocation', returnOnly: true } as const]),
        ...reissue,
      ];
  }
}

/** The words key of an action: 返納・廃棄の記録 is the return-only 廃止. */
export function actionKey(action: CardAction): string {
  return action.kind === 'revocation' && action.returnOnly ? 'return' : action.kind;
}

/** The secrets a procedure's choice offers, and how each may be entered. */
export interface SecretChoice {
  readonly kind: PinKind;
  readonly modes: readonly PinEntryMode[];
}

/**
 * Release and renewal: the certificates' secrets (no signing password under 15; the signing one
 * alone for a signing-only renewal), kept ('current') or set anew. PIN reset: all four, set anew
 * (初期化) or changed with the current value (変更).
 */
export function secretChoices(
  kind: LifeKind,
  age: number,
  scope: RenewalScope = 'both',
): readonly SecretChoice[] {
  const jpki: PinKind[] = age < 15 ? ['auth'] : ['signing', 'auth'];
  switch (kind) {
    case 'release':
      return jpki.map((k) => ({ kind: k, modes: ['current', 'new'] }));
    case 'renewal':
      return (scope === 'signing-only' ? (['signing'] as PinKind[]) : jpki).map((k) => ({
        kind: k,
        modes: ['current', 'new'],
      }));
    case 'pin-reset':
      return (['signing', 'auth', 'juki', 'text'] as const)
        .filter((k) => age >= 15 || k !== 'signing')
        .map((k) => ({ kind: k, modes: ['new', 'change'] }));
    default:
      return [];
  }
}

/** A mode that needs the current value cannot be used on a locked secret (VERIFY would be refused). */
export function modeAllowed(mode: PinEntryMode, pin: PinStatusDto | undefined): boolean {
  return mode === 'new' || pin?.state !== 'locked';
}

/** The choice a screen starts from: a PIN reset picks the locked secrets; release and renewal keep all. */
export function defaultPlan(
  kind: LifeKind,
  choices: readonly SecretChoice[],
  pins: readonly PinStatusDto[],
): Partial<Record<PinKind, PinEntryMode | null>> {
  const plan: Partial<Record<PinKind, PinEntryMode | null>> = {};
  for (const c of choices) {
    const pin = pins.find((p) => p.kind === c.kind);
    if (kind === 'pin-reset') plan[c.kind] = pin?.state === 'locked' ? 'new' : null;
    else plan[c.kind] = modeAllowed('current', pin) ? 'current' : 'new';
  }
  return plan;
}

export type PlanProblem = 'choose-one' | 'choose-mode' | 'locked-needs-new';

/**
 * Why the choice cannot be sent yet, or null. Release and renewal need every offered secret; a
 * reset needs at least one; a locked secret can only be set anew.
 */
export function planProblem(
  kind: LifeKind,
  choices: readonly SecretChoice[],
  plan: Partial<Record<PinKind, PinEntryMode | null>>,
  pins: readonly PinStatusDto[],
): PlanProblem | null {
  const chosen = choices.filter((c) => plan[c.kind]);
  if (kind === 'pin-reset' && chosen.length === 0) return 'choose-one';
  if (kind !== 'pin-reset' && chosen.length < choices.length) return 'choose-mode';
  for (const c of chosen) {
    const mode = plan[c.kind];
    if (
      mode &&
      !modeAllowed(
        mode,
        pins.find((p) => p.kind === c.kind),
      )
    )
      return 'locked-needs-new';
  }
  return null;
}

/** The plan main takes: the chosen secrets in the order of the choices. */
export function planEntries(
  choices: readonly SecretChoice[],
  plan: Partial<Record<PinKind, PinEntryMode | null>>,
): PinPlanEntry[] {
  const entries: PinPlanEntry[] = [];
  for (const c of choices) {
    const mode = plan[c.kind];
    if (mode) entries.push({ kind: c.kind, mode });
  }
  return entries;
}

/** The modes of a plan by secret, for the PIN progress display. */
export function modesOf(
  plan: readonly PinPlanEntry[] | null,
): Partial<Record<PinKind, PinEntryMode>> {
  return Object.fromEntries((plan ?? []).map((e) => [e.kind, e.mode]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as <input type="datetime-local"> shows it, in the machine's (the counter's) time. */
export function toLocalInput(at: Date): string {
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(
    at.getHours(),
  )}:${pad(at.getMinutes())}`;
}

/** The value of a datetime-local field as an ISO timestamp (UTC), or null when it is not a moment. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  if (at.getMonth() !== mo - 1 || at.getDate() !== d) return null;
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type ReportProblem = 'no-time' | 'future';

/** The report of a loss cannot be dated after now (a minute's grace for the clock the clerk read). */
export function reportTimeProblem(value: string, now: Date): ReportProblem | null {
  const iso = fromLocalInput(value);
  if (!iso) return 'no-time';
  return new Date(iso).getTime() > now.getTime() + 60_000 ? 'future' : null;
}

/** Today in Japan (YYYY-MM-DD): the 日報's day is the town hall's, whatever the machine's zone. */
export function japanToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** A card serial as typed (full-width digits, spaces, hyphens allowed), or null unless 15 letters or digits. */
export function parseSerial(typed: string): string | null {
  const text = typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{15}$/.test(text) ? text : null;
}
