// Matching the card in the reader to the card of the database: its serial first, then 照合番号A
// (the card proves it holds the resident's 個人番号) and the basic four facts; and what a failed
// card step tells the clerk.
import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../../preload/contract/errors';
import { IssuerSessionRefusedError } from '../../authority/issuer-authority';
import { isStatus, type Apdu } from '../../card/apdu';
import { CardChangedError, cardErrorToAppError } from '../../card/card-errors';
import { parseBasicFourFacts, parseMyNumberFile, selectText } from '../../card/apps/text';
import { parseIsoDate, secretBytes, type BasicFourFacts, type MyNumber } from '../../card/domain';
import { readBinary, selectEf, verify as verifySecret } from '../../card/iso7816';
import { SW } from '../../card/status-words';
import { parseTlv, parseTlvList } from '../../card/tlv';
import type { Resident } from '../../db/repositories/residents';
import { WorkflowRefusal } from '../refusal';

/** Something that went wrong, for the clerk: an error code and its detail. */
export interface Notice {
  readonly code: ErrorCode;
  readonly detail?: string;
}

const SEX_CODE: Readonly<Record<Resident['sex'], string>> = {
  male: '1',
  female: '2',
  'not-applicable': '9',
  unknown: '0',
};

export function residentFacts(r: Resident): BasicFourFacts {
  return {
    name: r.kanjiName,
    address: r.address,
    birthDate: parseIsoDate(r.birthDate),
    sex: r.sex,
  };
}

function factsEqual(a: BasicFourFacts, b: BasicFourFacts): boolean {
  return (
    a.name.normalize('NFC') === b.name.normalize('NFC') &&
    a.address.normalize('NFC') === b.address.normalize('NFC') &&
    a.birthDate === b.birthDate &&
    a.sex === b.sex
  );
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** BER-TLV of a 2-byte tag with a definite length, as the text application stores its fields. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const len =
    value.length < 0x80
      ? [value.length]
      : value.length < 0x100
        ? [0x81, value.length]
        : [0x82, value.length >> 8, value.length & 0xff];
  return Uint8Array.from([tag >> 8, tag & 0xff, ...len, ...value]);
}

/** Text EF 0002 from DF22 on, for facts as the database holds them (CARD.md, Data formats). */
function basicFourFieldBytes(f: BasicFourFacts): Uint8Array {
  const enc = new TextEncoder();
  const parts = [
    tlv(0xdf22, enc.encode(f.name)),
    tlv(0xdf23, enc.encode(f.address)),
    tlv(0xdf24, enc.encode(f.birthDate.replace(/-/g, ''))),
    tlv(0xdf25, enc.encode(SEX_CODE[f.sex])),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** Another card than the one of the procedure: refused before any secret is tried on it. */
export function assertSerial(serial: string, expected: string): void {
  if (serial !== expected) throw new WorkflowRefusal('wrong-card');
}

/**
 * 照合番号A on the text application, then the four facts. 'differ' when the 個人番号 matches but
 * the facts on the card are not the record's (a move or a marriage since the card was issued);
 * the caller decides whether that is refused.
 */
export async function matchCardContents(
  ch: Apdu,
  expected: BasicFourFacts,
  myNumber: MyNumber,
): Promise<'match' | 'facts-differ'> {
  await selectText(ch);
  await selectEf(ch, 0x0014);
  const secret = secretBytes(myNumber);
  let result;
  try {
    result = await verifySecret(ch, secret);
  } finally {
    secret.fill(0);
  }
  if (result.kind !== 'verified') throw new WorkflowRefusal('card-facts-mismatch', 'my-number');
  await selectEf(ch, 0x0001);
  const onCard = parseMyNumberFile(await readBinary(ch));
  if (onCard !== myNumber) throw new WorkflowRefusal('card-facts-mismatch', 'my-number');
  // 照合番号A opens EF 0001 only on a real card; the four facts are then compared through the
  // SHA-256 of EF 0002 that the integrity record EF 0003 carries.
  await selectEf(ch, 0x0002);
  let facts: BasicFourFacts | null = null;
  try {
    facts = parseBasicFourFacts(await readBinary(ch));
  } catch (e) {
    if (!isStatus(e, SW.SECURITY_NOT_SATISFIED)) throw e;
  }
  if (facts) return factsEqual(facts, expected) ? 'match' : 'facts-differ';
  await selectEf(ch, 0x0003);
  const record = parseTlv(await readBinary(ch));
  const digest = parseTlvList(record.value).find((t) => t.tag === 0xdf32);
  const want = createHash('sha256').update(basicFourFieldBytes(expected)).digest();
  if (!digest) throw new WorkflowRefusal('card-facts-mismatch', 'facts');
  return equalBytes(digest.value, want) ? 'match' : 'facts-differ';
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
  const n = cardNotice(e);
  return new WorkflowRefusal(n.code, n.detail);
}
