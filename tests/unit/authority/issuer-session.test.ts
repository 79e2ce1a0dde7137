// The issuer profile's APDUs, byte for byte, as the client side of an issuer session sends them.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IssuerSessionRefusedError } from '../../../main/authority/issuer-authority';
import { openCardIssuerSession } from '../../../main/authority/issuer-session';
import type { Apdu, CommandApdu, ResponseApdu } from '../../../main/card/apdu';
import { encodeCommand, toHex } from '../../../main/card/apdu';
import { CardStatusError } from '../../../main/card/apdu';
import { parsePin, parseSigningPassword } from '../../../main/card/domain';

const JPKI = '00A4040C0AD392F000260100000001';
const COMMON = '00A4040C0AD3921000310001010100';
const JUKI = '00A4040C0AD3921000310001010401';
const TEXT = '00A4040C0AD3921000310001010408';
const CHALLENGE = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
const SIGNATURE = new Uint8Array(256).fill(0x5a);

const cardKey = new Uint8Array(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    type: 'spki',
    format: 'der',
  }),
);

/** A card that says 9000 to everything and writes down each command as encoded bytes. */
class RecordingCard implements Apdu {
  readonly sent: string[] = [];
  constructor(private readonly answer: (cmd: CommandApdu) => ResponseApdu | null = () => null) {}

  async send(cmd: CommandApdu): Promise<ResponseApdu> {
    this.sent.push(toHex(encodeCommand(cmd)));
    const special = this.answer(cmd);
    if (special) return special;
    if (cmd.ins === 0x84) return { data: CHALLENGE, sw: 0x9000 };
    if (cmd.ins === 0x47) return { data: cardKey, sw: 0x9000 };
    return { data: new Uint8Array(0), sw: 0x9000 };
  }

  async exchange(cmd: CommandApdu): Promise<Uint8Array> {
    const res = await this.send(cmd);
    if (res.sw !== 0x9000) throw new CardStatusError(res.sw, cmd.ins);
    return res.data;
  }
}

const signed: Uint8Array[] = [];
const signer = async (challenge: Uint8Array): Promise<Uint8Array> => {
  signed.push(Uint8Array.from(challenge));
  return SIGNATURE;
};

/** GET CHALLENGE, then EXTERNAL AUTHENTICATE with the 256-byte signature in an extended Lc. */
const AUTHENTICATE = ['0084000008', `00820000000100${toHex(SIGNATURE)}`];

describe('issuer session APDUs', () => {
  it('opens with SELECT JPKI, GET CHALLENGE and EXTERNAL AUTHENTICATE of the signed challenge', async () => {
    const card = new RecordingCard();
    signed.length = 0;
    await openCardIssuerSession(card, signer);
    expect(card.sent).toEqual([JPKI, ...AUTHENTICATE]);
    expect(signed).toEqual([CHALLENGE]);
  });

  it('a 6982 to EXTERNAL AUTHENTICATE is a refusal of this issuer', async () => {
    const card = new RecordingCard((cmd) =>
      cmd.ins === 0x82 ? { data: new Uint8Array(0), sw: 0x6982 } : null,
    );
    await expect(openCardIssuerSession(card, signer)).rejects.toBeInstanceOf(
      IssuerSessionRefusedError,
    );
  });

  it('sets each secret with RESET RETRY COUNTER 00 2C 02 80 in its own application', async () => {
    const card = new RecordingCard();
    const session = await openCardIssuerSession(card, signer);
    card.sent.length = 0;
    await session.setPin('signing', parseSigningPassword('abc123'));
    await session.setPin('auth', parsePin('1357'));
    await session.resetPin('juki', parsePin('2468'));
    await session.setPin('text', parsePin('9753'));
    const ascii = (s: string) => toHex(new TextEncoder().encode(s));
    // prettier-ignore
    expect(card.sent).toEqual([
      JPKI, ...AUTHENTICATE, '00A4020C02001B', `002C028006${ascii('ABC123')}`,
      JPKI, ...AUTHENTICATE, '00A4020C020018', `002C028004${ascii('1357')}`,
      JUKI, ...AUTHENTICATE, '00A4020C02001C', `002C028004${ascii('2468')}`,
      COMMON, ...AUTHENTICATE, '00A4020C02001C', `002C028004${ascii('2468')}`,
      TEXT, ...AUTHENTICATE, '00A4020C020011', `002C028004${ascii('9753')}`,
    ]);
  });

  it('generates a key with GENERATE ASYMMETRIC KEY PAIR 00 47 80 00 on the key EF', async () => {
    const card = new RecordingCard();
    const session = await openCardIssuerSession(card, signer);
    card.sent.length = 0;
    expect(await session.generateKeyPair('signing')).toEqual(cardKey);
    await session.generateKeyPair('auth');
    // prettier-ignore
    expect(card.sent).toEqual([
      JPKI, ...AUTHENTICATE, '00A4020C02001A', '0047800000',
      JPKI, ...AUTHENTICATE, '00A4020C020017', '0047800000',
    ]);
  });

  it('refuses a generated key that is not RSA-2048', async () => {
    const card = new RecordingCard((cmd) =>
      cmd.ins === 0x47 ? { data: Uint8Array.of(0x30, 0x00), sw: 0x9000 } : null,
    );
    const session = await openCardIssuerSession(card, signer);
    await expect(session.generateKeyPair('auth')).rejects.toThrow(/RSA-2048/);
  });

  it('writes a certificate with UPDATE BINARY in short chunks at rising offsets', async () => {
    const card = new RecordingCard();
    const session = await openCardIssuerSession(card, signer);
    card.sent.length = 0;
    const der = Uint8Array.from({ length: 500 }, (_, i) => i & 0xff);
    await session.writeCertificate('auth', der);
    expect(card.sent.slice(0, 4)).toEqual([JPKI, ...AUTHENTICATE, '00A4020C02000A']);
    const updates = card.sent.slice(4);
    expect(updates.map((c) => c.slice(0, 10))).toEqual(['00D60000F0', '00D600F0F0', '00D601E014']);
    expect(updates.map((c) => c.slice(10)).join('')).toBe(toHex(der));
  });

  it('writes the CA certificates to EF 0002 and 000B', async () => {
    const card = new RecordingCard();
    const session = await openCardIssuerSession(card, signer);
    card.sent.length = 0;
    await session.writeCertificate('signing-ca', Uint8Array.of(0x30, 0x00));
    await session.writeCertificate('auth-ca', Uint8Array.of(0x30, 0x00));
    expect(card.sent.filter((c) => c.startsWith('00A4020C02'))).toEqual([
      '00A4020C020002',
      '00A4020C02000B',
    ]);
  });

  it('changes the card state in the common application EF 0003: 01 active, 02 suspended, 03 terminated', async () => {
    const card = new RecordingCard();
    const session = await openCardIssuerSession(card, signer);
    card.sent.length = 0;
    await session.setCardState('suspended');
    await session.setCardState('active');
    await session.setCardState('terminated');
    expect(card.sent.filter((c) => c.startsWith('00D6'))).toEqual([
      '00D600000102',
      '00D600000101',
      '00D600000103',
    ]);
    expect(card.sent.slice(0, 4)).toEqual([COMMON, ...AUTHENTICATE, '00A4020C020003']);
  });
});
