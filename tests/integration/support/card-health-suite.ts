// The card-health suite, written once and run through each reader path (SimReader, PC/SC + vpcd).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardHealthDto, PinStatusDto } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import { cardErrorToAppError } from '../../../main/card/card-errors';
import { createCardService, type CardService } from '../../../main/card/card-service';
import { loadPreset, type PresetId } from '../../../main/card/sim/presets';
import type { ReaderHarness } from './pcsc-harness';
import { watched } from './watched-card';

const EXCHANGE_TIMEOUT_MS = 1500;

type Outcome = { ok: true; health: CardHealthDto } | { ok: false; code: ErrorCode; ms: number };

function pin(health: CardHealthDto, kind: PinStatusDto['kind']): Omit<PinStatusDto, 'kind'> {
  const p = health.pins.find((x) => x.kind === kind);
  if (!p) throw new Error(`no ${kind} PIN in the health read`);
  return { state: p.state, triesLeft: p.triesLeft, maxTries: p.maxTries };
}

export function defineCardHealthSuite(
  path: string,
  createHarness: () => Promise<ReaderHarness>,
): void {
  describe(`card health through ${path}`, () => {
    let h: ReaderHarness;
    let service: CardService;

    beforeAll(async () => {
      h = await createHarness();
      service = createCardService({ watcher: h.watcher, exchangeTimeoutMs: EXCHANGE_TIMEOUT_MS });
    });
    afterAll(async () => {
      await h?.close();
    });

    async function readPreset(id: PresetId, timing = false): Promise<Outcome> {
      await h.insert(await loadPreset(id, { timing }));
      return read();
    }

    async function read(): Promise<Outcome> {
      const started = Date.now();
      try {
        return { ok: true, health: await service.readHealth(h.reader) };
      } catch (e) {
        return { ok: false, code: cardErrorToAppError(e).code, ms: Date.now() - started };
      }
    }

    function healthOf(outcome: Outcome): CardHealthDto {
      if (!outcome.ok) throw new Error(`expected a health read, got error ${outcome.code}`);
      return outcome.health;
    }

    it('issued: every PIN usable with full tries, both certificates valid, nothing to do', async () => {
      const health = healthOf(await readPreset('issued'));
      expect(health.reader).toBe(h.reader);
      expect(health.atrHex).toBe('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00');
      expect(health.serial).toBe('990000000000002');
      expect(health.municipalityCode).toBe('99999');
      expect(health.cardExpiry).toBe('2034-09-20');
      expect(health.chipState).toBe('active');
      expect(pin(health, 'signing')).toEqual({ state: 'ok', triesLeft: 5, maxTries: 5 });
      expect(pin(health, 'auth')).toEqual({ state: 'ok', triesLeft: 3, maxTries: 3 });
      expect(pin(health, 'juki')).toEqual({ state: 'ok', triesLeft: 3, maxTries: 3 });
      expect(pin(health, 'text')).toEqual({ state: 'ok', triesLeft: 3, maxTries: 3 });
      expect(health.certificates.map((c) => [c.kind, c.present, c.validity])).toEqual([
        ['signing', true, 'valid'],
        ['auth', true, 'valid'],
      ]);
      expect(health.nextActions).toEqual(['none']);
    });

    it('prepared: no PIN set and no certificate, so the card is to be issued', async () => {
      const health = healthOf(await readPreset('prepared'));
      expect(health.pins.map((p) => p.state)).toEqual(['not-set', 'not-set', 'not-set', 'not-set']);
      expect(health.certificates.map((c) => c.validity)).toEqual(['absent', 'absent']);
      expect(health.nextActions).toContain('issue-card');
    });

    it('signing-locked: the signing password shows locked, the others stay usable', async () => {
      const health = healthOf(await readPreset('signing-locked'));
      expect(pin(health, 'signing')).toEqual({ state: 'locked', triesLeft: 0, maxTries: 5 });
      expect(pin(health, 'auth').state).toBe('ok');
      expect(health.nextActions).toContain('reset-locked-pin');
    });

    it('suspended: the chip state marker reads suspended', async () => {
      const health = healthOf(await readPreset('suspended'));
      expect(health.chipState).toBe('suspended');
      expect(health.nextActions).toContain('release-suspension');
    });

    it('test-card: the published test holder reads back with its own serial and municipality', async () => {
      const health = healthOf(await readPreset('test-card'));
      expect(health.serial).toBe('400000012719843');
      expect(health.municipalityCode).toBe('13221');
      expect(health.cardExpiry).toBe('2035-02-17');
    });

    it('terminated: the read ends in card-terminated', async () => {
      const outcome = await readPreset('terminated');
      expect(outcome.ok ? 'ok' : outcome.code).toBe('card-terminated');
    });

    it('unknown-card: another IC card is not-my-number-card', async () => {
      const outcome = await readPreset('unknown-card');
      expect(outcome.ok ? 'ok' : outcome.code).toBe('not-my-number-card');
    });

    it('second generation: the issued card reads the same, with its own ATR', async () => {
      await h.insert(await loadPreset('issued', { timing: false, generation: 'second' }));
      const health = healthOf(await read());
      expect(health.atrHex).toBe('3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B');
      expect(health.serial).toBe('990000000000002');
      expect(pin(health, 'auth')).toEqual({ state: 'ok', triesLeft: 3, maxTries: 3 });
      expect(pin(health, 'signing')).toEqual({ state: 'ok', triesLeft: 5, maxTries: 5 });
      expect(health.certificates.map((c) => [c.kind, c.present])).toEqual([
        ['signing', true],
        ['auth', true],
      ]);
    });

    it('tampered: a card that stops answering gives card-tampered or card-mute in time, and the next card reads', async () => {
      const outcome = await readPreset('tampered');
      expect(outcome.ok ? 'ok' : outcome.code).toMatch(/^card-(tampered|mute)$/);
      if (!outcome.ok) expect(outcome.ms).toBeLessThan(EXCHANGE_TIMEOUT_MS * 4);
      await h.remove();
      const next = healthOf(await readPreset('issued'));
      expect(next.serial).toBe('990000000000002');
    });

    it('a card pulled in the middle of a read gives card-removed, without hanging', async () => {
      // Pulled as the read's third command reaches the card (with the timing model on, while the
      // card takes its time to answer it).
      let armed = false;
      let commands = 0;
      let midRead!: () => void;
      const atThirdCommand = new Promise<void>((r) => (midRead = r));
      const card = await loadPreset('issued', { timing: true });
      await h.insert(
        watched(card, () => {
          if (armed && ++commands === 3) midRead();
        }),
      );
      armed = true;
      const reading = read();
      await atThirdCommand;
      await h.remove();
      const outcome = await reading;
      expect(outcome.ok ? 'ok' : outcome.code).toBe('card-removed');
      if (!outcome.ok) expect(outcome.ms).toBeLessThan(5000);
    });
  });
}
