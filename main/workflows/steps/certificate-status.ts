// A card's certificates put on hold or revoked: by the authority first (doing it again with the same
// reason changes nothing, so a resumed step is safe), then in the database inside the step's
// transaction. A certificate the authority never issued (a practice card seeded before the
// authority existed) is changed in the database only.
import type { CrlReason } from '../../../preload/contract/rules/reasons';
import { UnknownCertificateError } from '../../authority/issuer-authority';
import type { Tx } from '../../db/connection';
import {
  listCertificatesOfCard,
  setCertificateStatus,
  type Certificate,
} from '../../db/repositories/certificates';
import type { ProcedureDeps } from '../procedure/spec';
import type { KeyKind } from './card-work';

/** What a step writes in its transaction once the authority has done its part. */
export interface StatusChange {
  readonly count: number;
  inTx(tx: Tx): Promise<void>;
}

type Deps = Pick<ProcedureDeps, 'db' | 'authority' | 'now'>;

async function byAuthority(
  certificates: readonly Certificate[],
  change: (serial: string) => Promise<void>,
): Promise<void> {
  for (const c of certificates) {
    try {
      await change(c.serial);
    } catch (e) {
      if (!(e instanceof UnknownCertificateError)) throw e;
      console.warn('[Certificates] one unknown to the authority is changed in the database only');
    }
  }
}

/** The card's issued certificates put on hold (一時停止). */
export async function holdCertificates(deps: Deps, cardId: number): Promise<StatusChange> {
  const held = (await listCertificatesOfCard(deps.db(), cardId)).filter(
    (c) => c.status === 'issued',
  );
  const authority = await deps.authority();
  await byAuthority(held, (serial) => authority.hold(serial, deps.now()));
  return {
    count: held.length,
    inTx: async (tx) => {
      for (const c of held) await setCertificateStatus(tx, c.id, 'on_hold', null, deps.now);
    },
  };
}

/**
 * The card's live certificates (issued or on hold) revoked with `reason`: all of them, or those
 * of `kinds` except the ones issued in this procedure (`keep`, serials in hex).
 */
export async function revokeCertificates(
  deps: Deps,
  cardId: number,
  reason: CrlReason,
  only: { readonly kinds?: readonly KeyKind[]; readonly keep?: readonly string[] } = {},
): Promise<StatusChange> {
  // The database holds serials in lower case.
  const kept = new Set((only.keep ?? []).map((k) => k.toLowerCase()));
  const revoked = (await listCertificatesOfCard(deps.db(), cardId)).filter(
    (c) =>
      (c.status === 'issued' || c.status === 'on_hold') &&
      (only.kinds === undefined || only.kinds.includes(c.kind)) &&
      !kept.has(c.serial.toLowerCase()),
  );
  const authority = await deps.authority();
  await byAuthority(revoked, (serial) => authority.revoke(serial, reason, deps.now()));
  return {
    count: revoked.length,
    inTx: async (tx) => {
      for (const c of revoked) await setCertificateStatus(tx, c.id, 'revoked', reason, deps.now);
    },
  };
}
