// ISO 7816-4 commands the card client needs, as docs/card.md describes them for the My Number Card.
import { CardStatusError, concatBytes } from './apdu';
import type { Apdu } from './apdu';
import type { PinStatus } from './domain';
import { SW, triesLeftOf } from './status-words';
import { CardDataError, isFiller, parseTlvHeader } from './tlv';
import type { Bytes } from './transport';

const CLA = 0x00;
const INS_SELECT = 0xa4;
const INS_READ_BINARY = 0xb0;
const INS_READ_RECORD = 0xb2;
const INS_VERIFY = 0x20;
const INS_CHANGE_REFERENCE_DATA = 0x24;
/** Short APDUs only (docs/card.md, Reading and signing): one READ BINARY returns at most 256 bytes. */
const MAX_CHUNK = 256;
/** READ BINARY P1 bit 8 means "short EF id"; offsets are 15 bits. */
const MAX_OFFSET = 0x7fff;
/** The largest file the card holds is a certificate of under 2 KiB; this only stops a runaway. */
const MAX_FILE = 0x7fff;
/** 6282 "end of file reached before Le bytes": a short read that some cards flag; data is valid. */
const SW_END_OF_FILE = 0x6282;

function isDataSw(sw: number): boolean {
  return sw === SW.OK || sw === SW_END_OF_FILE;
}

/** SELECT by AID, no FCI wanted: `00 A4 04 0C 0A <AID>`. */
export async function selectAid(ch: Apdu, aid: Bytes): Promise<void> {
  await ch.exchange({ cla: CLA, ins: INS_SELECT, p1: 0x04, p2: 0x0c, data: aid });
}

/** SELECT an EF of the current application: `00 A4 02 0C 02 <FID>`. */
export async function selectEf(ch: Apdu, fid: number): Promise<void> {
  const data = Uint8Array.of((fid >> 8) & 0xff, fid & 0xff);
  await ch.exchange({ cla: CLA, ins: INS_SELECT, p1: 0x02, p2: 0x0c, data });
}

function readBinaryCommand(offset: number, le: number) {
  if (offset > MAX_OFFSET) throw new CardDataError(`offset ${offset} beyond READ BINARY range`);
  return { cla: CLA, ins: INS_READ_BINARY, p1: offset >> 8, p2: offset & 0xff, le };
}

/**
 * Reads the current EF up to the end of the TLV it holds, sized from the header in the first
 * chunk, because files carry FF filler after the object (docs/card.md, Reading and signing). A file that is all
 * filler, or that answers 6B00 at offset 0, is returned as empty: an EF not yet written.
 */
export async function readBinary(ch: Apdu): Promise<Bytes> {
  const first = await ch.send(readBinaryCommand(0, MAX_CHUNK));
  if (first.sw === SW.WRONG_PARAMETERS_OFFSET) return new Uint8Array(0);
  if (!isDataSw(first.sw)) throw new CardStatusError(first.sw, INS_READ_BINARY);
  if (isFiller(first.data)) return new Uint8Array(0);

  const chunks: Bytes[] = [first.data];
  let have = first.data.length;
  let total: number | null = null;
  for (;;) {
    if (total === null) {
      const header = parseTlvHeader(concatBytes(chunks));
      if (header) {
        total = header.totalLength;
        if (total > MAX_FILE) throw new CardDataError(`TLV claims ${total} bytes`);
      }
    }
    if (total !== null && have >= total) break;
    const want = total === null ? MAX_CHUNK : Math.min(MAX_CHUNK, total - have);
    const res = await ch.send(readBinaryCommand(have, want));
    // A short read is normal near the end; running out before the TLV does is not.
    if (res.sw === SW.WRONG_PARAMETERS_OFFSET || (isDataSw(res.sw) && res.data.length === 0)) {
      throw new CardDataError(`file ends at ${have} bytes, inside its TLV`);
    }
    if (!isDataSw(res.sw)) throw new CardStatusError(res.sw, INS_READ_BINARY);
    chunks.push(res.data);
    have += res.data.length;
  }
  return concatBytes(chunks).slice(0, total);
}

/**
 * Reads `length` bytes of a file that is not a TLV (EF 0006's label, EF 0008's flags, the chip
 * state byte). Stops early, without error, when the file is shorter.
 */
export async function readBinaryBytes(ch: Apdu, length: number, offset = 0): Promise<Bytes> {
  const chunks: Bytes[] = [];
  let have = 0;
  while (have < length) {
    const res = await ch.send(readBinaryCommand(offset + have, Math.min(MAX_CHUNK, length - have)));
    if (res.sw === SW.WRONG_PARAMETERS_OFFSET) break;
    if (!isDataSw(res.sw)) throw new CardStatusError(res.sw, INS_READ_BINARY);
    if (res.data.length === 0) break;
    chunks.push(res.data);
    have += res.data.length;
  }
  return concatBytes(chunks).slice(0, length);
}

/** READ RECORD `00 B2 <rec> <p2> 00`; p2 04 reads from the current EF. */
export async function readRecord(ch: Apdu, record: number, p2 = 0x04): Promise<Bytes> {
  return ch.exchange({ cla: CLA, ins: INS_READ_RECORD, p1: record, p2, le: MAX_CHUNK });
}

/** Outcome of presenting a secret. Only status words outside these throw. */
export type VerifyResult =
  | { readonly kind: 'verified' }
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  | { readonly kind: 'locked' }
  | { readonly kind: 'not-set' };

/**
 * VERIFY `00 20 00 80 Lc <secret>` against the key EF selected before. The caller owns the
 * secret's bytes and should zero them after: nothing here keeps a copy.
 */
export async function verify(ch: Apdu, secret: Bytes): Promise<VerifyResult> {
  if (secret.length === 0) throw new RangeError('empty VERIFY is triesLeft(), not verify()');
  const res = await ch.send({ cla: CLA, ins: INS_VERIFY, p1: 0x00, p2: 0x80, data: secret });
  if (res.sw === SW.OK) return { kind: 'verified' };
  const tries = triesLeftOf(res.sw);
  if (tries !== null) return { kind: 'wrong', triesLeft: tries };
  if (res.sw === SW.PIN_LOCKED) return { kind: 'locked' };
  if (res.sw === SW.REFERENCED_DATA_NOT_FOUND) return { kind: 'not-set' };
  throw new CardStatusError(res.sw, INS_VERIFY);
}

/** What an empty VERIFY says about the selected key, without spending a try. */
export type TriesQuery =
  | { readonly kind: 'tries'; readonly triesLeft: number }
  | { readonly kind: 'verified' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'not-set' };

/**
 * Empty VERIFY `00 20 00 80`: 63Cx gives x tries left (63C0 is a locked key: some cards answer
 * the query so rather than 6984), 9000 means verified earlier in this session.
 */
export async function triesLeft(ch: Apdu): Promise<TriesQuery> {
  const res = await ch.send({ cla: CLA, ins: INS_VERIFY, p1: 0x00, p2: 0x80 });
  if (res.sw === SW.OK) return { kind: 'verified' };
  const tries = triesLeftOf(res.sw);
  if (tries !== null) return tries === 0 ? { kind: 'locked' } : { kind: 'tries', triesLeft: tries };
  if (res.sw === SW.PIN_LOCKED) return { kind: 'locked' };
  if (res.sw === SW.REFERENCED_DATA_NOT_FOUND) return { kind: 'not-set' };
  throw new CardStatusError(res.sw, INS_VERIFY);
}

/** CHANGE REFERENCE DATA `00 24 01 80 Lc <new>`, after a successful VERIFY in this session. */
export async function changeReferenceData(ch: Apdu, newSecret: Bytes): Promise<void> {
  await ch.exchange({
    cla: CLA,
    ins: INS_CHANGE_REFERENCE_DATA,
    p1: 0x01,
    p2: 0x80,
    data: newSecret,
  });
}

/**
 * Selects the key EF and asks its state with an empty VERIFY: no try is spent. A key verified
 * earlier in the session reports its full count, since a correct entry resets it.
 */
export async function readPinStatus(
  ch: Apdu,
  keyFid: number,
  maxTries: number,
): Promise<PinStatus> {
  await selectEf(ch, keyFid);
  const q = await triesLeft(ch);
  switch (q.kind) {
    case 'tries':
      return { state: 'ok', triesLeft: q.triesLeft, maxTries };
    case 'verified':
      return { state: 'ok', triesLeft: maxTries, maxTries };
    case 'locked':
      return { state: 'locked', triesLeft: 0, maxTries };
    case 'not-set':
      return { state: 'not-set', triesLeft: 0, maxTries };
  }
}
