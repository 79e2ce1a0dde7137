// Helpers for the simulated-card tests: send hex APDUs, split status words, walk a file to its end.
import { sign, type KeyObject } from 'node:crypto';
import { APP_AIDS, type AppName } from '../../../main/card/sim/card-layout';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { swHex } from '../../../main/card/status-words';

export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export interface Reply {
  readonly data: Uint8Array;
  /** The status word as four hex digits, e.g. '9000', '63C2'. */
  readonly sw: string;
}

export async function send(card: SimCard, command: Uint8Array | string): Promise<Reply> {
  const bytes = typeof command === 'string' ? hex(command) : command;
  const response = await card.transmit(bytes);
  return {
    data: response.slice(0, -2),
    sw: swHex((response[response.length - 2]! << 8) | response[response.length - 1]!),
  };
}

export function selectAppApdu(app: AppName): string {
  return `00A4040C0A${toHex(APP_AIDS[app])}`;
}

export async function selectApp(card: SimCard, app: AppName): Promise<string> {
  return (await send(card, selectAppApdu(app))).sw;
}

export async function selectEf(card: SimCard, fid: number): Promise<string> {
  return (await send(card, `00A4020C02${fid.toString(16).padStart(4, '0')}`)).sw;
}

export async function verify(card: SimCard, value: string): Promise<string> {
  const data = new TextEncoder().encode(value);
  const head = hex(`00200080${data.length.toString(16).padStart(2, '0')}`);
  const apdu = new Uint8Array(head.length + data.length);
  apdu.set(head);
  apdu.set(data, head.length);
  return (await send(card, apdu)).sw;
}

/** Reads the current EF from offset 0 until the card answers 6B00, Le 256 (00) each time. */
export async function readWholeFile(card: SimCard): Promise<Uint8Array> {
  const parts: number[] = [];
  for (;;) {
    const offset = parts.length;
    const reply = await send(card, `00B0${offset.toString(16).padStart(4, '0')}00`);
    if (reply.sw === '6B00') break;
    if (reply.sw !== '9000') throw new Error(`READ BINARY answered ${reply.sw}`);
    parts.push(...reply.data);
  }
  return Uint8Array.from(parts);
}

/** Reads a file as a client does: only as far as the TLV at its start says. */
export async function readTlvFile(card: SimCard): Promise<Uint8Array> {
  const whole = await readWholeFile(card);
  let at = 1;
  if ((whole[0]! & 0x1f) === 0x1f) at = 2;
  const l0 = whole[at]!;
  let length = l0;
  let header = at + 1;
  if (l0 & 0x80) {
    length = 0;
    for (let i = 0; i < (l0 & 0x7f); i++) length = (length << 8) | whole[at + 1 + i]!;
    header += l0 & 0x7f;
  }
  return whole.slice(0, header + length);
}

/** Lc of a command: one byte, or extended (00 + two bytes) for 256 bytes and more. */
export function lc(data: Uint8Array): string {
  return data.length < 256
    ? data.length.toString(16).padStart(2, '0')
    : `00${data.length.toString(16).padStart(4, '0')}`;
}

/** GET CHALLENGE, then EXTERNAL AUTHENTICATE with the challenge signed by `issuerPrivateKey`; the SW. */
export async function openIssuerSession(
  card: SimCard,
  issuerPrivateKey: KeyObject,
): Promise<string> {
  const challenge = await send(card, '0084000008');
  if (challenge.sw !== '9000') return challenge.sw;
  const signature = new Uint8Array(sign('sha256', challenge.data, issuerPrivateKey));
  return (await send(card, `00820000${lc(signature)}${toHex(signature)}`)).sw;
}
