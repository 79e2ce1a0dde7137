// 券面記載事項の変更 (a change of the card's facts): after a move or a new name, the resident record's
// four facts are written to the chip's text and card-face applications through an issuer session,
// the signing certificate (which carries the old facts) is revoked affiliationChanged and, if the
// resident wants it, reissued with a new password they set on their window; the clerk writes the
// 追記欄 from the printed note. A card whose facts are the record's already has nothing to change (facts-unchanged).
import { CHANGED_FACTS, type ChangedFact } from '../../../preload/contract/rules/card-kinds';
import { matchTextContents, readIntegrityRecord, readTextContents } from '../../card/apps/text';
import {
  matchCardFace,
  parseCardFaceFacts,
  readCardFaceFacts,
  readCardFaceFile,
} from '../../card/apps/visual';
import { getCard } from '../../db/repositories/cards';
import { getResident } from '../../db/repositories/residents';
import { refuse, WorkflowRefusal } from '../refusal';
import { assertSerial, cardRefusal, residentFacts } from '../steps/card-match';
import { recordedCardKind } from '../steps/card-kind-record';
import { cardProcedureSpec, type CardContext } from '../steps/card-steps';
import type { CardRules } from '../steps/card-state';
import { myNumberFor } from '../steps/card-work';
import { revokeCertificates } from '../steps/certificate-status';
import { writeCardNote } from '../steps/printed-documents';
import { refuseWhileCertificateProcedureOpen, startOnCard } from './card-start';
import { checkKeyPlan } from './release';

export const CARD_CHANGE_RULES: CardRules = {
  kind: 'card-change',
  representative: false,
  face: 'without-list-a',
  cardFace: false,
  ownStep: () => 'write-card',
  fixedPlan: () => null,
  // Reached only when the signing certificate is reissued: its password and key alone.
  certificateKinds(plan, _scope, under15) {
    if (under15) refuse('plan-invalid', 'signing-under-15');
    checkKeyPlan(plan, ['signing']);
    return ['signing'];
  },
  handover: false,
  parkOnAuthorityFailure: false,
  setAgainOnResume: false,
};

/**
 * Writes the record's facts to the card (unless a write before a pulled card already did), reads
 * them back, then revokes the signing certificate: its facts are the old ones.
 */
async function writeCardFacts(
  ctx: CardContext,
  changed: readonly ChangedFact[],
  reader: string,
  reissueSigning: boolean,
): Promise<void> {
  const s = ctx.state;
  if (s.step !== 'write-card') refuse('step-not-allowed', s.step);
  if (changed.length === 0 || changed.some((c) => !CHANGED_FACTS.includes(c)))
    refuse('plan-invalid', 'changed');
  if (reissueSigning && s.under15) refuse('plan-invalid', 'signing-under-15');
  const deps = ctx.deps;
  const card = await getCard(deps.db(), ctx.live.cardId);
  if (reissueSigning && (await recordedCardKind(deps.db(), card.id)) === 'face-auth')
    refuse('face-auth-card');
  ctx.preview('card-written', { reissueSigning, changed: [...changed] });
  const facts = residentFacts(await getResident(deps.db(), ctx.live.residentId));
  const myNumber = await myNumberFor(deps, ctx.live.residentId, 'card-change-write');
  const authority = await deps.authority();
  try {
    await deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      const { match } = await readTextContents(session, facts, myNumber);
      if (match === 'my-number-differs')
        throw new WorkflowRefusal('card-facts-mismatch', 'my-number');
      // Each application written only if it does not hold the facts yet: a card pulled after a
      // write (before the row) is not written again.
      if (match !== 'match') {
        // Still in the text application with 照合番号A: its integrity record, whose 個人番号 digest stays.
        const integrity = await readIntegrityRecord(session);
        const issuer = await authority.openIssuerSession(session);
        await issuer.writeTextFacts(facts, integrity);
        if ((await matchTextContents(session, facts, myNumber)) !== 'match')
          throw new WorkflowRefusal('card-facts-mismatch', 'written');
      }
      // The card face shows the name and address too (as images): rewritten with the same facts.
      const cardFace = await readCardFaceFile(session, myNumber);
      if (matchCardFace(parseCardFaceFacts(cardFace), facts) === 'match') return;
      const issuer = await authority.openIssuerSession(session);
      await issuer.writeCardFace(facts, cardFace);
      if (matchCardFace(await readCardFaceFacts(session, myNumber), facts) !== 'match')
        throw new WorkflowRefusal('card-facts-mismatch', 'written-card-face');
    });
  } catch (e) {
    throw cardRefusal(e);
  }
  const revoked = await revokeCertificates(deps, card.id, 'affiliationChanged', {
    kinds: ['signing'],
  });
  await ctx.commit(
    'card-written',
    { changed: [...changed], reissueSigning, revoked: revoked.count },
    { effects: revoked.inTx, ...(reissueSigning ? {} : { end: 'completed' as const }) },
  );
}

export const cardChangeSpec = cardProcedureSpec<{ readonly cardId: number }>({
  rules: CARD_CHANGE_RULES,
  idPrefix: 'chg',
  // The chip must differ from the record: that difference is the reason for the procedure.
  firstRead: { tries: false, factsChange: 'require' },
  start: (deps, { cardId }) =>
    startOnCard(deps, 'card-change', cardId, async (card) => {
      if (card.state === 'terminated') refuse('card-revoked', 'reissue');
      if (card.state !== 'issued') refuse('card-not-issued', card.state);
      await refuseWhileCertificateProcedureOpen(deps, card.id, 'card-change');
    }),
  header: (s) => [
    'documents',
    'card',
    ...(s.faceRequired ? (['face'] as const) : []),
    'write-card',
    ...(s.written?.reissueSigning === false ? [] : (['pins', 'certificates'] as const)),
  ],
  async finish() {
    return { data: { reissued: 'signing' }, effects: async () => undefined };
  },
  allowed: (s) => (s.written ? ['print-card-note'] : []),
  extraActions: {
    writeCardFacts: (ctx, { reader, changed, reissueSigning }) =>
      writeCardFacts(ctx, changed, reader, reissueSigning),
    printCardNote: async (ctx) => {
      if (!ctx.state.written) refuse('step-not-allowed', 'card-note');
      const written = await writeCardNote(ctx.deps, ctx.live.procedure.id, null);
      await ctx.audit('card-note-printed', { bytes: written.bytes });
      return written;
    },
  },
  extraParts: (s) => ({
    cardChange: {
      changed: s.written?.changed ?? [],
      reissueSigning: s.written?.reissueSigning ?? null,
      written: s.written !== null,
    },
  }),
});
