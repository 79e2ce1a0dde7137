// 電子証明書の更新 (renewal): new keys and certificates on the same card, both (from 3 months before
// they expire) or the signing one alone when the four facts changed (it carries them); the secrets
// of the renewed keys each kept or set anew; the face check with list B. The old certificates are
// revoked: superseded, or affiliationChanged for the signing-only reissue.
import { X509Certificate } from 'node:crypto';
import { renewalRefusal } from '../../../preload/contract/rules/card-actions';
import { certificateRenewalOpensOn, isRenewalOpen } from '../../../preload/contract/rules/validity';
import type { Queryable } from '../../db/connection';
import { listCertificatesOfCard, type Certificate } from '../../db/repositories/certificates';
import { certificatesOfCancelledProcedures } from '../../db/repositories/journal';
import { refuse, WorkflowRefusal } from '../refusal';
import { cardProcedureSpec } from '../steps/card-steps';
import type { CardRules } from '../steps/card-state';
import { requiredKeyKinds, type KeyKind } from '../steps/card-work';
import { revokeCertificates } from '../steps/certificate-status';
import { recordedCardKind } from '../steps/card-kind-record';
import { startOnCard } from './card-start';
import { checkKeyPlan } from './release';

/**
 * Refuses a renewal before the window of the first certificate to expire (`notAfter`, an ISO
 * instant; null: nothing to go by) opens. The refusal's detail is the day it opens, Japan time.
 */
export function checkRenewalWindow(notAfter: string | null, now: Date): void {
  if (!notAfter || isRenewalOpen(new Date(notAfter), now)) return;
  throw new WorkflowRefusal('renewal-too-early', certificateRenewalOpensOn(new Date(notAfter)));
}

/**
 * The last valid instant of the first certificate still due among `kinds`: of each kind the newest
 * one recorded (issued, or expired) that a cancelled procedure did not leave behind (`unfinished`,
 * serials in lower case). A renewal cut off after its certificates were recorded has put one of
 * them on the card at most: the old ones it came for are still the ones due. Null when the
 * database knows none (the chip tells).
 */
export function dueCertificateExpiry(
  certificates: readonly Pick<Certificate, 'kind' | 'serial' | 'status' | 'notAfter'>[],
  kinds: readonly KeyKind[],
  unfinished: ReadonlySet<string>,
): string | null {
  const due = kinds.flatMap((kind) => {
    const newest = certificates
      .filter(
        (c) =>
          c.kind === kind &&
          (c.status === 'issued' || c.status === 'expired') &&
          !unfinished.has(c.serial.toLowerCase()),
      )
      .at(-1);
    return newest ? [newest.notAfter] : [];
  });
  return due.sort()[0] ?? null;
}

/** The serials (lower case) of the certificates the card's cancelled procedures recorded. */
async function unfinishedSerials(deps: { db(): Queryable }, cardId: number): Promise<Set<string>> {
  const serials = new Set<string>();
  for (const d of await certificatesOfCancelledProcedures(deps.db(), cardId))
    for (const der of [d.signing, d.auth])
      if (typeof der === 'string')
        serials.add(new X509Certificate(Buffer.from(der, 'base64')).serialNumber.toLowerCase());
  return serials;
}

export const RENEWAL_RULES: CardRules = {
  kind: 'renewal',
  representative: false,
  face: 'without-list-a',
  cardFace: false,
  fixedPlan: () => null,
  certificateKinds(plan, scope, under15) {
    if (scope === null) refuse('plan-invalid', 'scope');
    if (scope === 'signing-only' && under15) refuse('plan-invalid', 'signing-under-15');
    const kinds: readonly KeyKind[] = scope === 'both' ? requiredKeyKinds(under15) : ['signing'];
    checkKeyPlan(plan, kinds);
    return kinds;
  },
  handover: false,
  parkOnAuthorityFailure: false,
  setAgainOnResume: false,
};

export const renewalSpec = cardProcedureSpec<{
  readonly cardId: number;
  readonly factsChanged?: boolean;
}>({
  rules: RENEWAL_RULES,
  idPrefix: 'ren',
  // The reason for a signing-only renewal: the card's facts are not the record's any more.
  firstRead: { tries: true, factsChange: 'allow' },
  // Refused at start, before the documents and the card, when the database already knows the
  // window is not open (the same rule the screens offer renewal by); a change of facts, which only
  // the chip can confirm, goes on to the choice of the signing certificate alone.
  start: (deps, { cardId, factsChanged }) =>
    startOnCard(deps, 'renewal', cardId, async (card) => {
      if (card.state === 'terminated') refuse('card-revoked', 'reissue');
      if (card.state !== 'issued') refuse('card-not-issued', card.state);
      // A 顔認証 card has no PIN to renew its keys with: it is switched back first.
      if ((await recordedCardKind(deps.db(), card.id)) === 'face-auth') refuse('face-auth-card');
      if (factsChanged === true) return;
      const early = renewalRefusal(await listCertificatesOfCard(deps.db(), card.id), deps.now());
      if (early) refuse(early.code, early.detail ?? undefined);
    }),
  header: (s) =>
    s.faceRequired
      ? ['documents', 'card', 'face', 'choose', 'pins', 'certificates']
      : ['documents', 'card', 'choose', 'pins', 'certificates'],
  async checkChoice(ctx, card, plan, scope) {
    const s = ctx.state;
    if (scope === 'signing-only') {
      // The signing certificate carries the facts the card was issued with (the text
      // application's): renewed alone only when they are no longer the record's.
      if (!s.factsDiffer) refuse('facts-unchanged');
      return;
    }
    const kinds = RENEWAL_RULES.certificateKinds(plan, scope, s.under15);
    // The database's certificates still due; for a card whose certificates it never recorded
    // (seeded practice cards), the authentication certificate read from the chip.
    const first =
      dueCertificateExpiry(
        await listCertificatesOfCard(ctx.deps.db(), card.id),
        kinds,
        await unfinishedSerials(ctx.deps, card.id),
      ) ?? s.chipCertificateExpiry;
    checkRenewalWindow(first, ctx.deps.now());
  },
  async finish({ ctx, card, newSerials }) {
    const s = ctx.state;
    const revoked = await revokeCertificates(
      ctx.deps,
      card.id,
      s.scope === 'signing-only' ? 'affiliationChanged' : 'superseded',
      { kinds: s.certificateKinds, keep: newSerials },
    );
    return { data: { revoked: revoked.count, scope: s.scope }, effects: revoked.inTx };
  },
  extraParts: (s) => ({ renewal: s.scope ? { scope: s.scope } : null }),
});
