// The simulated card's secrets: VERIFY, lockout, never-set secrets, CHANGE REFERENCE DATA (docs/card.md, Secrets).
import { beforeEach, describe, expect, it } from 'vitest';
import { GENERATION_IDS, type GenerationId } from '../../../main/card/sim/generations';
import { SimCard } from '../../../main/card/sim/sim-card';
import { selectApp, selectEf, send, verify } from './sim-helpers';

/** A bare My Number Card with only the secrets a test sets (no keys, no certificates: fast). */
function cardWith(generation: GenerationId, secrets: (card: SimCard) => void): SimCard {
  const card = new SimCard({ profile: 'my-number', generation });
  secrets(card);
  card.powerOn();
  return card;
}

describe.each(GENERATION_IDS)('generation %s', (generation) => {
  /** The empty VERIFY on a locked secret: 6984 on the first generation, 63C0 on the second. */
  const lockedQuery = generation === 'first' ? '6984' : '63C0';

  describe('sim card: VERIFY and the retry counter', () => {
    let card: SimCard;
    beforeEach(async () => {
      card = cardWith(generation, (c) => {
        c.manufactureSecret('jpki-auth', '1234');
        c.manufactureSecret('jpki-sign', 'ABC123');
        c.manufactureSecret('text-pin', '5678');
      });
      expect(await selectApp(card, 'jpki')).toBe('9000');
    });

    it('a wrong auth PIN counts down 63C2 63C1 63C0, then every VERIFY answers 6984', async () => {
      expect(await selectEf(card, 0x0018)).toBe('9000');
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await verify(card, '0000'));
      expect(answers).toEqual(['63C2', '63C1', '63C0', '6984', '6984']);
      // Locked means locked: even the right PIN answers 6984; the empty query as the generation does.
      expect(await verify(card, '1234')).toBe('6984');
      expect((await send(card, '00200080')).sw).toBe(lockedQuery);
    });

    it('the signing password has five tries', async () => {
      expect(await selectEf(card, 0x001b)).toBe('9000');
      expect((await send(card, '00200080')).sw).toBe('63C5');
      expect(await verify(card, 'WRONG1')).toBe('63C4');
    });

    it('an empty VERIFY reports the tries left without spending one', async () => {
      expect(await selectEf(card, 0x0018)).toBe('9000');
      expect((await send(card, '00200080')).sw).toBe('63C3');
      expect((await send(card, '00200080')).sw).toBe('63C3');
      expect(await verify(card, '9999')).toBe('63C2');
      expect((await send(card, '00200080')).sw).toBe('63C2');
      // The 5-byte form (P3 = 00, as T=0 sends a case-1 command) is the same query.
      expect((await send(card, '0020008000')).sw).toBe('63C2');
    });

    it('after a successful VERIFY the empty VERIFY answers 63Cx (first) or 9000 (second)', async () => {
      expect(await selectEf(card, 0x0018)).toBe('9000');
      expect(await verify(card, '1234')).toBe('9000');
      expect((await send(card, '00200080')).sw).toBe(generation === 'first' ? '63C3' : '9000');
      // A new session (SELECT of the application) asks the counter again.
      await selectApp(card, 'jpki');
      await selectEf(card, 0x0018);
      expect((await send(card, '00200080')).sw).toBe('63C3');
    });

    it('VERIFY names its key by short EF identifier in P2 (00 20 00 98 is the auth PIN)', async () => {
      expect((await send(card, '00200098')).sw).toBe('63C3');
      expect((await send(card, '002000980431323334')).sw).toBe('9000');
      expect((await send(card, '0020009B')).sw).toBe('63C5');
      // P2 naming an EF that is no key, or bits beyond the SFI: 6A86.
      expect((await send(card, '0020008A')).sw).toBe('6A86');
      expect((await send(card, '002000C0')).sw).toBe('6A86');
    });

    it('a correct PIN resets the count', async () => {
      expect(await selectEf(card, 0x0018)).toBe('9000');
      expect(await verify(card, '1111')).toBe('63C2');
      expect(await verify(card, '2222')).toBe('63C1');
      expect(await verify(card, '1234')).toBe('9000');
      await selectApp(card, 'jpki');
      await selectEf(card, 0x0018);
      expect((await send(card, '00200080')).sw).toBe('63C3');
    });

    it('a secret that was never set answers 6A88', async () => {
      expect(await selectApp(card, 'juki')).toBe('9000');
      expect(await selectEf(card, 0x001c)).toBe('9000');
      expect(await verify(card, '1234')).toBe('6A88');
      expect((await send(card, '00200080')).sw).toBe('6A88');
    });

    it('VERIFY without a PIN EF selected answers 6A88, and with wrong P1/P2 6A86', async () => {
      expect(await verify(card, '1234')).toBe('6A88');
      expect(await selectEf(card, 0x0018)).toBe('9000');
      expect((await send(card, '0020008104313233 34')).sw).toBe('6A86');
      expect((await send(card, '0020018004313233 34')).sw).toBe('6A86');
    });
  });

  describe('sim card: CHANGE REFERENCE DATA', () => {
    let card: SimCard;
    beforeEach(async () => {
      card = cardWith(generation, (c) => {
        c.manufactureSecret('jpki-sign', 'ABC123');
        c.manufactureSecret('text-pin', '5678');
        c.manufactureSecret('juki-pin', '2468');
      });
    });

    it('changes the signing password only after VERIFY, and the new one works', async () => {
      await selectApp(card, 'jpki');
      await selectEf(card, 0x001b);
      const change = (value: string): Promise<string> =>
        send(
          card,
          `00240180${value.length.toString(16).padStart(2, '0')}${Buffer.from(value).toString('hex')}`,
        ).then((r) => r.sw);
      expect(await change('NEWPASS9')).toBe('6982');
      expect(await verify(card, 'ABC123')).toBe('9000');
      expect(await change('nolower1')).toBe('6A80'); // the card takes upper case only
      expect(await change('NEWPASS9')).toBe('9000');
      await selectApp(card, 'jpki');
      await selectEf(card, 0x001b);
      expect(await verify(card, 'ABC123')).toBe('63C4');
      expect(await verify(card, 'NEWPASS9')).toBe('9000');
    });

    it('the 住基 PIN changes with 80 32 00 80, not with 00 24', async () => {
      await selectApp(card, 'juki');
      await selectEf(card, 0x001c);
      expect(await verify(card, '2468')).toBe('9000');
      expect((await send(card, '002401800431323334')).sw).toBe('6985');
      expect((await send(card, '803200800431323334')).sw).toBe('9000');
      await selectApp(card, 'juki');
      await selectEf(card, 0x001c);
      expect(await verify(card, '1234')).toBe('9000');
    });

    it('selecting an application again clears what was verified', async () => {
      await selectApp(card, 'text');
      await selectEf(card, 0x0011);
      expect(await verify(card, '5678')).toBe('9000');
      await selectApp(card, 'text');
      await selectEf(card, 0x0011);
      expect((await send(card, '002401800431323334')).sw).toBe('6982');
    });

    it('a reset clears what was verified', async () => {
      await selectApp(card, 'text');
      await selectEf(card, 0x0011);
      expect(await verify(card, '5678')).toBe('9000');
      card.reset();
      await selectApp(card, 'text');
      await selectEf(card, 0x0002);
      expect((await send(card, '00B0000010')).sw).toBe('6982');
    });
  });
});
