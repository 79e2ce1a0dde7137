// SQL of cards and their life: received → prepared → issued ⇄ suspended → terminated (final).
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import { globMatch } from '../dialect';
import type { Queryable, Tx } from '../connection';
import { DuplicateRecordError, InvalidTransitionError, RecordNotFoundError } from '../errors';

export type CardState = 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';

export interface Card {
  readonly id: number;
  readonly serial: string;
  readonly residentId: number;
  readonly applicationId: number;
  readonly state: CardState;
  /** 'YYYY-MM-DD' */
  readonly expiry: string;
  /** The old card this one replaces (再交付). */
  readonly replacesCardId: number | null;
  readonly receivedAt: string;
  readonly issuedAt: string | null;
  readonly terminatedAt: string | null;
  readonly destroyedAt: string | null;
  readonly stateChangedAt: string;
}

/** docs/procedures.md, the card's life. Anything else is refused. */
export const CARD_TRANSITIONS: Readonly<Record<CardState, readonly CardState[]>> = {
  received: ['prepared'],
  prepared: ['issued'],
  issued: ['suspended', 'terminated'],
  suspended: ['issued', 'terminated'],
  terminated: [],
};

export function canTransitionCard(from: CardState, to: CardState): boolean {
  return CARD_TRANSITIONS[from].includes(to);
}

interface Row {
  id: number;
  serial: string;
  resident_id: number;
  application_id: number;
  state: CardState;
  expiry: string;
  replaces_card_id: number | null;
  received_at: string;
  issued_at: string | null;
  terminated_at: string | null;
  destroyed_at: string | null;
  state_changed_at: string;
}

const COLUMNS = `id, serial, resident_id, application_id, state, expiry, replaces_card_id, received_at,
  issued_at, terminated_at, destroyed_at, state_changed_at`;

function toCard(r: Row): Card {
  return {
    id: r.id,
    serial: r.serial,
    residentId: r.resident_id,
    applicationId: r.application_id,
    state: r.state,
    expiry: r.expiry,
    replacesCardId: r.replaces_card_id,
    receivedAt: r.received_at,
    issuedAt: r.issued_at,
    terminatedAt: r.terminated_at,
    destroyedAt: r.destroyed_at,
    stateChangedAt: r.state_changed_at,
  };
}

/** A card arrives in stock (入庫) for an application. */
export async function receiveCard(
  tx: Tx,
  c: {
    readonly serial: string;
    readonly applicationId: number;
    readonly expiry: string;
    readonly replacesCardId?: number | null;
  },
  clock?: Clock,
): Promise<number> {
  const app = await tx.get<{ resident_id: number }>(
    'SELECT resident_id FROM card_applications WHERE id = ?',
    [c.applicationId],
  );
  if (!app) throw new RecordNotFoundError('card application', c.applicationId);
  const now = isoNow(clock);
  try {
    const res = await tx.run(
      `INSERT INTO cards (serial, resident_id, application_id, state, expiry, replaces_card_id,
                          received_at, state_changed_at)
       VALUES (?, ?, ?, 'received', ?, ?, ?, ?)`,
      [c.serial, app.resident_id, c.applicationId, c.expiry, c.replacesCardId ?? null, now, now],
    );
    return res.lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('card');
    throw err;
  }
}

export async function findCard(q: Queryable, id: number): Promise<Card | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM cards WHERE id = ?`, [id]);
  return row ? toCard(row) : undefined;
}

export async function getCard(q: Queryable, id: number): Promise<Card> {
  const card = await findCard(q, id);
  if (!card) throw new RecordNotFoundError('card', id);
  return card;
}

export async function findCardBySerial(q: Queryable, serial: string): Promise<Card | undefined> {
  const row = await q.get<Row>(`SELECT ${COLUMNS} FROM cards WHERE serial = ?`, [serial]);
  return row ? toCard(row) : undefined;
}

export async function listCardsOfResident(q: Queryable, residentId: number): Promise<Card[]> {
  const rows = await q.all<Row>(`SELECT ${COLUMNS} FROM cards WHERE resident_id = ? ORDER BY id`, [
    residentId,
  ]);
  return rows.map(toCard);
}

/** Moves a card along its life; refuses any step docs/procedures.md does not draw. */
export async function transitionCard(
  tx: Tx,
  id: number,
  to: CardState,
  clock?: Clock,
): Promise<Card> {
  const card = await getCard(tx, id);
  if (!canTransitionCard(card.state, to)) throw new InvalidTransitionError('card', card.state, to);
  const now = isoNow(clock);
  await tx.run(
    `UPDATE cards SET state = ?, state_changed_at = ?,
            issued_at = CASE WHEN ? = 'issued' AND issued_at IS NULL THEN ? ELSE issued_at END,
            terminated_at = CASE WHEN ? = 'terminated' THEN ? ELSE terminated_at END
      WHERE id = ? AND state = ?`,
    [to, now, to, now, to, now, id, card.state],
  );
  return getCard(tx, id);
}

/** 穴あけ: a terminated card handed back and physically destroyed. */
export async function recordCardDestroyed(tx: Tx, id: number, clock?: Clock): Promise<void> {
  const card = await getCard(tx, id);
  if (card.state !== 'terminated')
    throw new InvalidTransitionError('card', card.state, 'destroyed');
  await tx.run('UPDATE cards SET destroyed_at = ? WHERE id = ? AND destroyed_at IS NULL', [
    isoNow(clock),
    id,
  ]);
}

/** The card made for an application (the newest, should a card have been replaced in stock). */
export async function findCardOfApplication(
  q: Queryable,
  applicationId: number,
): Promise<Card | undefined> {
  const row = await q.get<Row>(
    `SELECT ${COLUMNS} FROM cards WHERE application_id = ? ORDER BY id DESC LIMIT 1`,
    [applicationId],
  );
  return row ? toCard(row) : undefined;
}

/** The newest card made to replace this one (再交付), if any. */
export async function findReplacementOfCard(
  q: Queryable,
  cardId: number,
): Promise<Card | undefined> {
  const row = await q.get<Row>(
    `SELECT ${COLUMNS} FROM cards WHERE replaces_card_id = ? ORDER BY id DESC LIMIT 1`,
    [cardId],
  );
  return row ? toCard(row) : undefined;
}

/** The highest serial (in text order) of `prefix` (digits) and one more digit onwards, or null. */
export async function highestCardSerial(q: Queryable, prefix: string): Promise<string | null> {
  if (!/^[0-9]+$/.test(prefix)) throw new Error('a serial prefix is digits only');
  const match = globMatch(q, 'serial', `${prefix}[0-9]*`);
  const row = await q.get<{ serial: string | null }>(
    `SELECT max(serial) AS serial FROM cards WHERE ${match.sql}`,
    [match.param],
  );
  return row?.serial ?? null;
}
