// Matching the card in the reader to the card of the database: its serial first, then 照合番号A
// (the card proves it holds the resident's 個人番号) and the basic four facts; and what a failed
// card step tells the clerk.
import type { ErrorCode } from '../../../preload/contract/errors';
import { IssuerSessionRefusedError } from '../../authority/issuer-authority';
import type { CardFaceDto } from '../../../preload/contract/issuance';
import { matchTextContents, readTextContents } from '../../card/apps/text';
import { CardChangedError, cardErrorToAppError } from '../../card/card-errors';
import type { CardSession } from '../../card/card-service';
import { parseIsoDate, type BasicFourFacts, type MyNumber } from '../../card/domain';
import type { Resident } from '../../db/repositories/residents';
import { WorkflowRefusal, WrongCardRefusal } from '../refusal';

/** Something that went wrong, for the clerk: an error code and its detail. */
export interface Notice {
  readonly code: ErrorCode;
  readonly detail?: string;
}

export function residentFacts(r: Resident): BasicFourFacts {
  return {
    name: r.kanjiName,
    address: r.address,
    birthDate: parseIsoDate(r.birthDate),
    sex: r.sex,
  };
}

/** Another card than the one of the procedure: refused before any secret is tried on it. */
export function assertSerial(serial: string, expected: string): void {
  if (serial !== expected) throw new WrongCardRefusal(serial);
}

/**
 * 照合番号A on the text application, then the four facts. 'facts-differ' when the 個人番号 matches
 * but the facts on the card are not the record's (a move or a marriage since the card was
 * issued); the caller decides whether that is refused. Another 個人番号, or facts the card does
 * not let us compare, are refused here.
 */
export async function matchCardContents(
  session: CardSession,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<'match' | 'facts-differ'> {
  const result = await matchTextContents(session, expected, myNumber);
  if (result === 'my-number-differs') throw new WorkflowRefusal('card-facts-mismatch', 'my-number');
  if (result === 'facts-unknown') throw new WorkflowRefusal('card-facts-mismatch', 'facts');
  return result;
}

/**
 * 券面確認: the four facts the chip holds, for the resident to read. Read with 照合番号A like the
 * match; facts that are not the record's, or that the chip does not let us know, are refused (a
 * card written with other facts is not shown as if it were right).
 */
export async function readCardFace(
  session: CardSession,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<CardFaceDto> {
  const { match, facts } = await readTextContents(session, expected, myNumber);
  if (match === 'my-number-differs') throw new WorkflowRefusal('card-facts-mismatch', 'my-number');
  if (match !== 'match' || !facts) throw new WorkflowRefusal('card-facts-mismatch', 'facts');
  return { name: facts.name, address: facts.address, birthDate: facts.birthDate, sex: facts.sex };
}

/** What a failed card step tells the clerk: the card layer's own classification. */
export function cardNotice(e: unknown): Notice {
  if (e instanceof WorkflowRefusal)
    return e.detail ? { code: e.code, detail: e.detail } : { code: e.code };
  // Another card now in the reader is, for a procedure on one card, the wrong card.
  if (e instanceof CardChangedError) return { code: 'wrong-card' };
  // The card trusts another issuer: nothing issuer-privileged can be done on it here.
  if (e instanceof IssuerSessionRefusedError) return { code: 'card-not-issuable' };
  const { code, detail } = cardErrorToAppError(e);
  // Anything else that stopped the card work is reported as a card problem to retry.
  if (code === 'internal') return { code: 'card-error' };
  return code === 'card-error' && detail ? { code, detail } : { code };
}

/** The notice as a refusal of the call. */
export function cardRefusal(e: unknown): WorkflowRefusal {
  // A refusal already says what it is (and a wrong card which card it was).
  if (e instanceof WorkflowRefusal) return e;
  const n = cardNotice(e);
  return new WorkflowRefusal(n.code, n.detail);
}
