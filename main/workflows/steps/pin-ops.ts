// The workflow side of the card's secrets: set with the issuer's authority, their tries as the
// procedure state keeps them, and what a value in use the card refused tells the resident and the
// clerk. Where the secrets live and how they are checked and changed is the card layer's (pins.ts).
import type { PinKind } from '../../../preload/contract/dto';
import { pinWrongDetail } from '../../../preload/contract/rules/pins';
import type { IssuerSession } from '../../authority/issuer-authority';
import type { CardSession } from '../../card/card-service';
import type { Pin, SigningPassword } from '../../card/domain';
import { PinLockedError, PinWrongError, readPinStates } from '../../card/pins';
import { WorkflowRefusal } from '../refusal';
import type { Notice } from './card-match';

/** Sets a secret with the issuer's authority: initial setting or reset, with a fresh counter. */
export async function setSecret(
  issuer: IssuerSession,
  kind: PinKind,
  value: Pin | SigningPassword,
): Promise<void> {
  if (kind === 'signing') await issuer.resetPin('signing', value as SigningPassword);
  else await issuer.resetPin(kind, value as Pin);
}

export interface PinTries {
  readonly locked: boolean;
  readonly triesLeft: number;
}

/** The tries of each secret, read without spending one. */
export async function readPinTries(session: CardSession): Promise<Record<PinKind, PinTries>> {
  const states = await readPinStates(session);
  const of = (kind: PinKind): PinTries => ({
    locked: states[kind].state === 'locked',
    triesLeft: states[kind].triesLeft,
  });
  return { signing: of('signing'), auth: of('auth'), juki: of('juki'), text: of('text') };
}

/** A value in use the card refused: which secret, and its tries left (0: it cannot be used). */
export interface RefusedCurrent {
  readonly kind: PinKind;
  readonly triesLeft: number;
}

/** The card layer's refusal of a value in use, or null for any other error. */
export function refusedCurrentOf(e: unknown): RefusedCurrent | null {
  if (e instanceof PinWrongError) return { kind: e.kind, triesLeft: e.triesLeft };
  if (e instanceof PinLockedError) return { kind: e.kind, triesLeft: 0 };
  return null;
}

/**
 * What a refused value in use tells the resident and the clerk: pin-wrong with its secret and
 * tries left, or pin-locked with its secret. The one place the pin-wrong detail is written; the
 * renderer reads it as "<kind>:<tries left>".
 */
export function pinNotice(r: RefusedCurrent): Notice {
  if (r.triesLeft === 0) return { code: 'pin-locked', detail: r.kind };
  return { code: 'pin-wrong', detail: pinWrongDetail(r) };
}

/** The notice as the refusal of the call that presented the value. */
export function pinRefusal(r: RefusedCurrent): WorkflowRefusal {
  const n = pinNotice(r);
  return new WorkflowRefusal(n.code, n.detail);
}
