// IssuerSession.readPublicKey against the simulated card: the resume check of 交付 that generates nothing.
import { sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openCardIssuerSession,
  type ChallengeSigner,
} from '../../../main/authority/issuer-session';
import type { Apdu, CommandApdu, ResponseApdu } from '../../../main/card/apdu';
import { CardStatusError } from '../../../main/card/apdu';
import { loadPreset, presetAuthority } from '../../../main/card/sim/presets';
import { simCounter } from './sim-session';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

let signer: ChallengeSigner;

beforeAll(async () => {
  const { issuerKey } = await presetAuthority();
  signer = async (challenge) => new Uint8Array(sign('sha256', challenge, issuerKey.privateKey));
});

describe('issuer session: readPublicKey', SLOW, () => {
  it('is null for both keys of a card as delivered, and generates nothing', async () => {
    const card = await loadPreset('prepared', { timing: false });
    const counter = await simCounter(card);
    await counter.run(async (session) => {
      const issuer = await openCardIssuerSession(session, signer);
      expect(await issuer.readPublicKey('signing')).toBeNull();
      expect(await issuer.readPublicKey('auth')).toBeNull();
    });
    expect(card.keyGenerations('sign')).toBe(0);
    expect(card.keyGenerations('auth')).toBe(0);
  });

  it('returns, in a later card session, exactly the key generateKeyPair returned', async () => {
    const card = await loadPreset('prepared', { timing: false });
    const counter = await simCounter(card);
    const generated = await counter.run(async (session) => {
      const issuer = await openCardIssuerSession(session, signer);
      return issuer.generateKeyPair('signing');
    });
    // The card is pulled and put back: a new session, a new issuer authentication.
    counter.reader.remove();
    counter.reader.insert(card);
    const read = await counter.run(async (session) => {
      const issuer = await openCardIssuerSession(session, signer);
      return {
        signing: await issuer.readPublicKey('signing'),
        auth: await issuer.readPublicKey('auth'),
      };
    });
    expect(read.signing).toEqual(generated);
    expect(read.auth).toBeNull();
    expect(card.keyGenerations('sign')).toBe(1);
  });

  it('reads the key of the selected key EF only: signing 001A, auth 0017', async () => {
    const card = await loadPreset('issued', { timing: false });
    const counter = await simCounter(card);
    const keys = await counter.run(async (session) => {
      const issuer = await openCardIssuerSession(session, signer);
      return {
        signing: await issuer.readPublicKey('signing'),
        auth: await issuer.readPublicKey('auth'),
      };
    });
    expect(keys.signing).not.toBeNull();
    expect(keys.auth).not.toBeNull();
    expect(keys.signing).not.toEqual(keys.auth);
  });

  it('sends 00 47 81 00 with Le on the key EF, and throws on any status but 9000 and 6A88', async () => {
    const sent: string[] = [];
    const answers = [0x6a88, 0x6982];
    const card: Apdu = {
      async send(cmd: CommandApdu): Promise<ResponseApdu> {
        sent.push(
          [cmd.cla, cmd.ins, cmd.p1, cmd.p2, cmd.le ?? -1]
            .map((b) => b.toString(16).padStart(2, '0'))
            .join(' '),
        );
        if (cmd.ins === 0x84) return { data: new Uint8Array(8), sw: 0x9000 };
        if (cmd.ins === 0x47) return { data: new Uint8Array(0), sw: answers.shift()! };
        return { data: new Uint8Array(0), sw: 0x9000 };
      },
      async exchange(cmd: CommandApdu): Promise<Uint8Array> {
        const res = await this.send(cmd);
        if (res.sw !== 0x9000) throw new CardStatusError(res.sw, cmd.ins);
        return res.data;
      },
    };
    const issuer = await openCardIssuerSession(card, async () => new Uint8Array(256));
    sent.length = 0;
    expect(await issuer.readPublicKey('auth')).toBeNull();
    expect(sent).toEqual(['00 a4 04 0c -1', '00 a4 02 0c -1', '00 47 81 00 100']);
    await expect(issuer.readPublicKey('signing')).rejects.toBeInstanceOf(CardStatusError);
  });
});
