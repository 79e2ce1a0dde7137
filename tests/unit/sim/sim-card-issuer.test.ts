// Signing on the simulated card, and the product's issuer profile (docs/card.md, The issuer profile of this product).
import {
  X509Certificate,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify as verifySignature,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset, presetAuthority, presetData } from '../../../main/card/sim/presets';
import { SimCard } from '../../../main/card/sim/sim-card';
import {
  lc,
  openIssuerSession,
  readTlvFile,
  readWholeFile,
  selectApp,
  selectEf,
  send,
  toHex,
  verify,
  type Reply,
} from './sim-helpers';

const DIGEST_INFO_PREFIX = '3031300D060960864801650304020105000420';

/** The SHA-256 DigestInfo a host sends: 19 bytes of prefix, then the hash. */
function digestInfo(message: string): string {
  return DIGEST_INFO_PREFIX + createHash('sha256').update(message).digest('hex').toUpperCase();
}

const signApdu = (message: string): string => `802A008033${digestInfo(message)}00`;

const issued = presetData('issued');
if (issued.profile !== 'my-number') throw new Error('the issued preset is a My Number Card');
const pins = issued.secrets;

let card: SimCard;
let issuerKey: { privateKey: KeyObject; publicKey: KeyObject };

beforeAll(async () => {
  card = await loadPreset('issued', { timing: false });
  card.powerOn();
  issuerKey = (await presetAuthority()).issuerKey;
});

describe('sim card: signing', () => {
  it('signs a DigestInfo with the auth key after the auth PIN; the auth certificate verifies it', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x000a);
    const certificate = new X509Certificate(Buffer.from(await readTlvFile(card)));
    await selectEf(card, 0x0018);
    expect(await verify(card, pins.authPin!.value)).toBe('9000');
    await selectEf(card, 0x0017);
    const reply = await send(card, signApdu('challenge from a verifier'));
    expect(reply.sw).toBe('9000');
    expect(reply.data.length).toBe(256);
    expect(
      verifySignature(
        'sha256',
        Buffer.from('challenge from a verifier'),
        certificate.publicKey,
        reply.data,
      ),
    ).toBe(true);
  });

  it('signs with the signing key after the signing password; the signing certificate verifies it', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x001b);
    expect(await verify(card, pins.signingPassword!.value)).toBe('9000');
    await selectEf(card, 0x0001);
    const certificate = new X509Certificate(Buffer.from(await readTlvFile(card)));
    await selectEf(card, 0x001a);
    const reply = await send(card, signApdu('a document'));
    expect(reply.sw).toBe('9000');
    expect(
      verifySignature('sha256', Buffer.from('a document'), certificate.publicKey, reply.data),
    ).toBe(true);
  });

  it('refuses to sign without the matching PIN (6982)', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x001a);
    expect((await send(card, signApdu('x'))).sw).toBe('6982');
    await selectEf(card, 0x0018);
    expect(await verify(card, pins.authPin!.value)).toBe('9000');
    await selectEf(card, 0x001a);
    expect((await send(card, signApdu('x'))).sw).toBe('6982');
    // A new selection of the application ends the session's verification.
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0017);
    expect((await send(card, signApdu('x'))).sw).toBe('6982');
  });
});

describe('sim card: issuer profile', () => {
  it('GET CHALLENGE gives 8 fresh random bytes', async () => {
    const a = await send(card, '0084000008');
    const b = await send(card, '0084000008');
    expect(a.data.length).toBe(8);
    expect(toHex(a.data)).not.toBe(toHex(b.data));
  });

  it('issuer commands without an issuer session answer 6982', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0018);
    expect((await send(card, '002C02800431323334')).sw).toBe('6982');
    await selectEf(card, 0x0017);
    expect((await send(card, '0047800000')).sw).toBe('6982');
    await selectEf(card, 0x000a);
    expect((await send(card, '00D6000001FF')).sw).toBe('6982');
  });

  it('a card made with another issuer key refuses the preset issuer (6982)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = new SimCard({ profile: 'my-number', issuerPublicKey: other.publicKey });
    stranger.powerOn();
    await selectApp(stranger, 'jpki');
    expect(await openIssuerSession(stranger, issuerKey.privateKey)).toBe('6982');
    expect(await openIssuerSession(stranger, other.privateKey)).toBe('9000');
  });

  it('EXTERNAL AUTHENTICATE without a challenge answers 6985; a challenge serves one attempt', async () => {
    card.reset();
    expect((await send(card, `00820000000100${'00'.repeat(256)}`)).sw).toBe('6985');
    const challenge = await send(card, '0084000008');
    const signature = new Uint8Array(sign('sha256', challenge.data, issuerKey.privateKey));
    const apdu = `00820000${lc(signature)}${toHex(signature)}`;
    expect((await send(card, apdu)).sw).toBe('9000');
    expect((await send(card, apdu)).sw).toBe('6985');
  });

  it('EXTERNAL AUTHENTICATE also arrives in two chained short APDUs where the ATR announces chaining', async () => {
    card.reset();
    const challenge = await send(card, '0084000008');
    const signature = toHex(new Uint8Array(sign('sha256', challenge.data, issuerKey.privateKey)));
    // The default card's ATR (3B C5 …, capabilities 00) announces no chaining: 6884.
    expect((await send(card, `1082000080${signature.slice(0, 256)}`)).sw).toBe('6884');
    const second = await loadPreset('prepared', { timing: false, generation: 'second' });
    second.powerOn();
    await selectApp(second, 'jpki');
    const challenge2 = await send(second, '0084000008');
    const signature2 = toHex(new Uint8Array(sign('sha256', challenge2.data, issuerKey.privateKey)));
    expect((await send(second, `1082000080${signature2.slice(0, 256)}`)).sw).toBe('9000');
    expect((await send(second, `0082000080${signature2.slice(256)}`)).sw).toBe('9000');
    // A chain broken off by another command is refused.
    expect((await send(second, `1082000080${signature2.slice(0, 256)}`)).sw).toBe('9000');
    expect((await send(second, '0084000008')).sw).toBe('6883');
  });

  it('RESET RETRY COUNTER unlocks a locked PIN with a new value and a fresh counter', async () => {
    const locked = await loadPreset('auth-locked', { timing: false });
    locked.powerOn();
    await selectApp(locked, 'jpki');
    await selectEf(locked, 0x0018);
    expect((await send(locked, '00200080')).sw).toBe('6984');
    expect(await openIssuerSession(locked, issuerKey.privateKey)).toBe('9000');
    await selectEf(locked, 0x0018);
    expect((await send(locked, '002C02800439383736')).sw).toBe('9000');
    expect((await send(locked, '00200080')).sw).toBe('63C3');
    expect(await verify(locked, '9876')).toBe('9000');
    // A value of the wrong format is refused.
    expect((await send(locked, '002C0280023132')).sw).toBe('6A80');
  });

  it('the issuer session ends on application change and on reset', async () => {
    await selectApp(card, 'jpki');
    expect(await openIssuerSession(card, issuerKey.privateKey)).toBe('9000');
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0018);
    expect((await send(card, '002C02800431323334')).sw).toBe('6982');
    expect(await openIssuerSession(card, issuerKey.privateKey)).toBe('9000');
    card.reset();
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0018);
    expect((await send(card, '002C02800431323334')).sw).toBe('6982');
  });

  it('issues a prepared card: key generation, certificate writing, PIN setting, then a signature', async () => {
    const prepared = await loadPreset('prepared', { timing: false });
    prepared.powerOn();
    await selectApp(prepared, 'jpki');
    await selectEf(prepared, 0x0018);
    expect((await send(prepared, '00200080')).sw).toBe('6A88');
    await selectEf(prepared, 0x0008);
    expect(toHex(await readWholeFile(prepared))).toBe('000000');
    await selectEf(prepared, 0x0017);
    expect((await send(prepared, signApdu('x'))).sw).toBe('6A88');

    expect(await openIssuerSession(prepared, issuerKey.privateKey)).toBe('9000');
    await selectEf(prepared, 0x0017);
    // The public key (SPKI DER, 294 bytes) comes in two pieces: 256 bytes + 6126, then GET RESPONSE.
    const first: Reply = await send(prepared, '0047800000');
    expect(first.sw).toBe('6126');
    const rest = await send(prepared, '00C0000026');
    expect(rest.sw).toBe('9000');
    const spki = new Uint8Array([...first.data, ...rest.data]);
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    // Write a stand-in "certificate" in chunks, as the authority writes the real one.
    const fakeCertificate = new Uint8Array(300).fill(0x5a);
    fakeCertificate.set([0x30, 0x82, 0x01, 0x28]);
    await selectEf(prepared, 0x000a);
    for (let offset = 0; offset < fakeCertificate.length; offset += 200) {
      const chunk = fakeCertificate.slice(offset, offset + 200);
      const p1p2 = offset.toString(16).padStart(4, '0');
      expect((await send(prepared, `00D6${p1p2}${lc(chunk)}${toHex(chunk)}`)).sw).toBe('9000');
    }
    expect(toHex(await readTlvFile(prepared))).toBe(toHex(fakeCertificate.slice(0, 300)));
    await selectEf(prepared, 0x0008);
    expect(toHex(await readWholeFile(prepared))).toBe('008F00');
    // The token label is not issuer-writable.
    await selectEf(prepared, 0x0006);
    expect((await send(prepared, '00D6000001FF')).sw).toBe('6982');

    await selectEf(prepared, 0x0018);
    expect((await send(prepared, '002C02800431323334')).sw).toBe('9000');
    expect(await verify(prepared, '1234')).toBe('9000');
    await selectEf(prepared, 0x0017);
    const signature = await send(prepared, signApdu('hello'));
    expect(signature.sw).toBe('9000');
    expect(verifySignature('sha256', Buffer.from('hello'), publicKey, signature.data)).toBe(true);
  });

  it('changes the chip state through common EF 0003: suspended, then terminated (6985 after)', async () => {
    const target = new SimCard({ profile: 'my-number', issuerPublicKey: issuerKey.publicKey });
    target.powerOn();
    await selectApp(target, 'common');
    expect(await openIssuerSession(target, issuerKey.privateKey)).toBe('9000');
    await selectEf(target, 0x0003);
    expect((await send(target, '00D6000001 07')).sw).toBe('6A80');
    expect((await send(target, '00D600000102')).sw).toBe('9000');
    expect(toHex((await send(target, '00B0000001')).data)).toBe('02');
    expect((await send(target, '00D600000103')).sw).toBe('9000');
    expect((await send(target, '00B0000001')).sw).toBe('6985');
    expect(await selectApp(target, 'jpki')).toBe('9000');
  });
});
