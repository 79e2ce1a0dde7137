// The card's four secrets: where each lives, their states read without spending a try, and a value
// in use checked (VERIFY) and changed (CHANGE REFERENCE DATA). Values only pass through; the bytes
// sent are zeroed.
import type { PinKind } from '../../preload/contract/dto';
import type { Apdu } from './apdu';
import { COMMON_AID, COMMON_EF_PIN } from './apps/common';
import { JPKI_AID, JPKI_EF, readJpkiPinStatus } from './apps/jpki';
import { JUKI_AID, JUKI_EF_PIN, readJukiPinStatus } from './apps/juki';
import { TEXT_AID, TEXT_EF_PIN, readTextPinStatus } from './apps/text';
import type { CardSession } from './card-session';
import { secretBytes } from './domain';
import type { Pin, PinStatus, SigningPassword } from './domain';
import { changeReferenceData, selectAid, selectEf, verify } from './iso7816';
import type { Bytes } from './transport';

/**
 * One place a secret lives: its application, its key EF, and how a value in use is changed there
 * (ISO CHANGE REFERENCE DATA, or the 住基 and common applications' own command).
 */
export interface SecretLocation {
  readonly aid: Bytes;
  readonly ef: number;
  readonly change: 'iso' | 'proprietary';
}

/** Where each secret lives; the 住基 PIN is held by the 住基 and the common application both. */
export const SECRET_LOCATIONS: Readonly<Record<PinKind, readonly SecretLocation[]>> = {
  signing: [{ aid: JPKI_AID, ef: JPKI_EF.signingPin, change: 'iso' }],
  auth: [{ aid: JPKI_AID, ef: JPKI_EF.authPin, change: 'iso' }],
  juki: [
    { aid: JUKI_AID, ef: JUKI_EF_PIN, change: 'proprietary' },
    { aid: COMMON_AID, ef: COMMON_EF_PIN, change: 'proprietary' },
  ],
  text: [{ aid: TEXT_AID, ef: TEXT_EF_PIN, change: 'iso' }],
};

/** The card refused a value in use: one try was spent, some are left. Carries no digit of it. */
export class PinWrongError extends Error {
  override readonly name = 'PinWrongError';
  constructor(
    readonly kind: PinKind,
    readonly triesLeft: number,
  ) {
    super(`the card refused the ${kind} secret in use (${triesLeft} tries left)`);
  }
}

/** The secret cannot be used: locked (no try left) or never set. Only a reset sets it again. */
export class PinLockedError extends Error {
  override readonly name = 'PinLockedError';
  constructor(readonly kind: PinKind) {
    super(`the ${kind} secret is locked`);
  }
}

/**
 * The state of each secret by an empty VERIFY: no try is spent. An application is selected only
 * when it is not the session's current one (the health read comes here with JPKI selected).
 * The 住基 PIN is read in the 住基 application: its copy in the common one is always written with it.
 */
export async function readPinStates(session: CardSession): Promise<Record<PinKind, PinStatus>> {
  await session.selectApplication(JPKI_AID);
  const signing = await readJpkiPinStatus(session, 'signing');
  const auth = await readJpkiPinStatus(session, 'auth');
  await session.selectApplication(JUKI_AID);
  const juki = await readJukiPinStatus(session);
  await session.selectApplication(TEXT_AID);
  const text = await readTextPinStatus(session);
  return { signing, auth, juki, text };
}

/**
 * VERIFY of the value in use in every place the secret lives. Wrong: PinWrongError (a try was
 * spent, nothing else changed); locked or never set: PinLockedError.
 */
export async function verifyPinInUse(
  ch: Apdu,
  kind: PinKind,
  value: Pin | SigningPassword,
): Promise<void> {
  for (const { aid, ef } of SECRET_LOCATIONS[kind]) {
    await selectAid(ch, aid);
    await selectEf(ch, ef);
    const bytes = secretBytes(value);
    try {
      await verifyOrThrow(ch, kind, bytes);
    } finally {
      bytes.fill(0);
    }
  }
}

/**
 * The resident changes a secret knowing the value in use: VERIFY, then CHANGE REFERENCE DATA
 * (`00 24 01 80`; the 住基 and common applications' own `80 32 00 80`), in each place it lives.
 * A refused value in use throws as verifyPinInUse does, before that place is changed.
 */
export async function changePin(
  ch: Apdu,
  kind: PinKind,
  current: Pin | SigningPassword,
  next: Pin | SigningPassword,
): Promise<void> {
  for (const { aid, ef, change } of SECRET_LOCATIONS[kind]) {
    await selectAid(ch, aid);
    await selectEf(ch, ef);
    const old = secretBytes(current);
    const bytes = secretBytes(next);
    try {
      await verifyOrThrow(ch, kind, old);
      if (change === 'iso') await changeReferenceData(ch, bytes);
      else await ch.exchange({ cla: 0x80, ins: 0x32, p1: 0x00, p2: 0x80, data: bytes });
    } finally {
      old.fill(0);
      bytes.fill(0);
    }
  }
}

async function verifyOrThrow(ch: Apdu, kind: PinKind, bytes: Bytes): Promise<void> {
  const result = await verify(ch, bytes);
  if (result.kind === 'verified') return;
  if (result.kind === 'wrong' && result.triesLeft > 0)
    throw new PinWrongError(kind, result.triesLeft);
  throw new PinLockedError(kind);
}
