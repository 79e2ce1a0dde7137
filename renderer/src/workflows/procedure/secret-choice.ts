// The choose step (解除, 初期化・再設定, 更新): the secrets it offers, how each may be entered, where the
// choice starts from the card as read, and why it cannot be sent yet.
import type { PinKind, PinStatusDto } from '../../../../preload/contract/dto';
import type {
  PinEntryMode,
  PinPlanEntry,
  RenewalScope,
} from '../../../../preload/contract/lifecycle';
import type { ProcedureKind } from '../../../../preload/contract/procedure';

/** A secret the choice offers, and how it may be entered. */
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
  kind: ProcedureKind,
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
  kind: ProcedureKind,
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
  kind: ProcedureKind,
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
