// reader:* and card:* — the readers, and a card's health as the chip and the database tell it.
import { ok } from '../../../preload/contract/result';
import type { RecordAudit } from '../../audit/operator-audit';
import { matchTextContents } from '../../card/apps/text';
import { cardFaceDiffers } from '../../card/apps/visual';
import {
  withAuthorityStatus,
  withDatabaseState,
  withRecordFacts,
  type AuthorityStatusLookup,
  type DatabaseCardState,
} from '../../card/card-health';
import { parseIsoDate } from '../../card/domain';
import type { MyNumberCipher } from '../../db/my-number-crypto';
import { revealMyNumber } from '../../db/repositories/residents';
import type { CardService } from '../../card/card-service';
import type { Db } from '../../db/connection';
import { findRevocationOfCard } from '../../db/repositories/card-events';
import { findCardBySerial, findReplacementOfCard, type Card } from '../../db/repositories/cards';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import { getResident } from '../../db/repositories/residents';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export interface CardHandlerDeps {
  readonly cards: CardService;
  db(): Db;
  readonly audit: RecordAudit;
  /** Refuses another resident's card while a procedure holds the counter, naming the card's holder. */
  readonly counterFor: (residentId: number, what: string, cardHolder: string) => Promise<void>;
  /** The issuing authority's status responder; absent: health shows the chip and database only. */
  readonly authorityStatus?: AuthorityStatusLookup;
  /** The 個人番号 cipher, to present 照合番号A when comparing the chip's facts with the record. */
  cipher(): MyNumberCipher;
  operatorId(): number;
}

export function cardHandlers(
  deps: CardHandlerDeps,
): HandlerPart<'reader:list-readers' | 'card:read-health'> {
  const { cards, db } = deps;
  return {
    'reader:list-readers': async () => ok(cards.readers()),
    'card:read-health': async ({ reader }) => {
      const chip = await cards.readHealth(reader);
      // The chip and the database together: a card 廃止 in the database is never usable again.
      const known = await findCardBySerial(db(), chip.serial);
      if (known) {
        const refused = await refusals(async () =>
          deps.counterFor(
            known.residentId,
            'card',
            (await getResident(db(), known.residentId)).kanjiName,
          ),
        );
        if (!refused.ok) return refused;
      }
      const facts = known && (await databaseFacts(db(), known));
      const withDb = withDatabaseState(chip, facts);
      // Suspension and revocation live at the authority: its responder has the last word.
      const withStatus = deps.authorityStatus
        ? await withAuthorityStatus(withDb, facts?.certificates, deps.authorityStatus)
        : withDb;
      const health = withRecordFacts(
        withStatus,
        known ? await compareFacts(deps, reader, known) : null,
      );
      await deps.audit('card.health-read', {
        serial: health.serial,
        ...(health.holder ? { residentId: health.holder.residentId } : {}),
      });
      return ok(health);
    },
  };
}

/** All the database says of a card it knows: state, holder, 廃止, replacement, certificates. */
async function databaseFacts(db: Db, card: Card): Promise<DatabaseCardState> {
  const resident = await getResident(db, card.residentId);
  const revocation = await findRevocationOfCard(db, card.id);
  return {
    state: card.state,
    destroyed: card.destroyedAt !== null,
    replaced: (await findReplacementOfCard(db, card.id)) !== undefined,
    holder: {
      residentId: resident.id,
      kanjiName: resident.kanjiName,
      kanaName: resident.kanaName,
      birthDate: resident.birthDate,
    },
    ...(revocation
      ? { revocation: { reason: revocation.reason, revokedAt: revocation.revokedAt } }
      : {}),
    certificates: await listCertificatesOfCard(db, card.id),
  };
}

/**
 * The chip's four facts against the record, for an issued or suspended card the database gives
 * a resident: 照合番号A (the holder's 個人番号, which the card matched by its serial holds) opens the
 * text application; nothing else is presented. A card that does not answer as expected is left
 * uncompared (null): health says what the chip says, and the procedures check again.
 */
async function compareFacts(
  deps: CardHandlerDeps,
  reader: string,
  card: Card,
): Promise<'match' | 'facts-differ' | null> {
  if (card.state !== 'issued' && card.state !== 'suspended') return null;
  const resident = await getResident(deps.db(), card.residentId);
  const myNumber = await revealMyNumber(deps.db(), deps.cipher(), {
    residentId: resident.id,
    operatorId: deps.operatorId(),
    purpose: 'card-health-facts',
  });
  const facts = {
    name: resident.kanjiName,
    address: resident.address,
    birthDate: parseIsoDate(resident.birthDate),
    sex: resident.sex,
  };
  try {
    const match = await deps.cards.withCard(reader, async (session) => {
      if (session.serial !== card.serial) return null;
      const text = await matchTextContents(session, facts, myNumber);
      if (text !== 'match') return text;
      // The card face shows them too: a face known to show other facts needs the change as well.
      return (await cardFaceDiffers(session, facts, myNumber)) ? 'facts-differ' : 'match';
    });
    return match === 'match' || match === 'facts-differ' ? match : null;
  } catch (e) {
    console.warn(`[CardHealth] facts not compared: ${e instanceof Error ? e.name : 'unknown'}`);
    return null;
  }
}
