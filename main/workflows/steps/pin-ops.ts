// The secrets on the card: set by the issuer (a fresh value and counter), a value in use checked
// with VERIFY (spends a try when wrong), changed with CHANGE REFERENCE DATA after VERIFY, and the
// tries left of each read without spending one. Values only pass through; the bytes are zeroed.
import type { PinKind } from '../../../preload/contract/dto';
import { pinWrongDetail } from '../../../preload/contract/rules/pins';
import type { IssuerSession } from '../../authority/issuer-authority';
import type { Apdu } from '../../card/apdu';
import { COMMON_AID, COMMON_EF_PIN } from '../../card/apps/common';
import { JPKI_AID, JPKI_EF, readJpkiPinStatus, selectJpki } from '../../card/apps/jpki';
import { JUKI_AID, JUKI_EF_PIN, readJukiPinStatus, selectJuki } from '../../card/apps/juki';
import { TEXT_AID, TEXT_EF_PIN, readTextPinStatus, selectText } from '../../card/apps/text';
import { secretBytes, type Pin, type SigningPassword } from '../../card/domain';
import { changeReferenceData, selectAid, selectEf, verify } from '../../card/iso7816';
import type { Bytes } from '../../card/transport';
import { WorkflowRefusal } from '../refusal';

/** Sets a secret with the issuer's authority: initial setting or reset, with a fresh counter. */
export async function setSecret(
  issuer: IssuerSession,
  kind: PinKind,
  value: Pin | SigningPassword,
): Promise<void> {
  if (kind === 'signing') await issuer.resetPin('signing', value as SigningPassword);
  else await issuer.resetPin(kind, value as Pin);
}

/** Where each secret lives; the 住基 PIN is held by the 住基 and the common application both. */
const LOCATIONS: Readonly<
  Record<PinKind, readonly { aid: Bytes; ef: number; change: 'iso' | 'proprietary' }[]>
> = {
  signing: [{ aid: JPKI_AID, ef: JPKI_EF.signingPin, change: 'iso' }],
  auth: [{ aid: JPKI_AID, ef: JPKI_EF.authPin, change: 'iso' }],
  juki: [
    { aid: JUKI_AID, ef: JUKI_EF_PIN, change: 'proprietary' },
    { aid: COMMON_AID, ef: COMMON_EF_PIN, change: 'proprietary' },
  ],
  text: [{ aid: TEXT_AID, ef: TEXT_EF_PIN, change: 'iso' }],
};

export interface PinTries {
  readonly locked: boolean;
  readonly triesLeft: number;
}

/** The state of each secret, by an empty VERIFY: no try is spent. */
export async function readPinTries(ch: Apdu): Promise<Record<PinKind, PinTries>> {
  const of = (s: { state: string; triesLeft: number }): PinTries => ({
    locked: s.state === 'locked',
    triesLeft: s.triesLeft,
  });
  await selectJpki(ch);
  const signing = of(await readJpkiPinStatus(ch, 'signing'));
  const auth = of(await readJpkiPinStatus(ch, 'auth'));
  await selectJuki(ch);
  const juki = of(await readJukiPinStatus(ch));
  await selectText(ch);
  const text = of(await readTextPinStatus(ch));
  return { signing, auth, juki, text };
}

/**
 * VERIFY of the value in use in every place the secret lives. Wrong: pin-wrong "<kind>:<tries
 * left>" (a try was spent, nothing else changed); locked: pin-locked.
 */
export async function verifyCurrent(
  ch: Apdu,
  kind: PinKind,
  value: Pin | SigningPassword,
): Promise<void> {
  for (const { aid, ef } of LOCATIONS[kind]) {
    await selectAid(ch, aid);
    await selectEf(ch, ef);
    const bytes = secretBytes(value);
    let result;
    try {
      result = await verify(ch, bytes);
    } finally {
      bytes.fill(0);
    }
    if (result.kind === 'verified') continue;
    if (result.kind === 'wrong' && result.triesLeft > 0)
      throw new WorkflowRefusal('pin-wrong', pinWrongDetail({ kind, triesLeft: result.triesLeft }));
    throw new WorkflowRefusal('pin-locked', kind);
  }
}

/**
 * The resident changes a secret knowing the value in use: VERIFY, then CHANGE REFERENCE DATA
 * (`00 24 01 80`; the 住基 and common applications' own `80 32 00 80`), in each place it lives.
 */
export async function changeSecret(
  ch: Apdu,
  kind: PinKind,
  current: Pin | SigningPassword,
  next: Pin | SigningPassword,
): Promise<void> {
  for (const { aid, ef, change } of LOCATIONS[kind]) {
    await selectAid(ch, aid);
    await selectEf(ch, ef);
    const old = secretBytes(current);
    const bytes = secretBytes(next);
    try {
      const result = await verify(ch, old);
      if (result.kind === 'wrong' && result.triesLeft > 0)
        throw new WorkflowRefusal(
          'pin-wrong',
          pinWrongDetail({ kind, triesLeft: result.triesLeft }),
        );
      if (result.kind !== 'verified') throw new WorkflowRefusal('pin-locked', kind);
      if (change === 'iso') await changeReferenceData(ch, bytes);
      else await ch.exchange({ cla: 0x80, ins: 0x32, p1: 0x00, p2: 0x80, data: bytes });
    } finally {
      old.fill(0);
      bytes.fill(0);
    }
  }
}
