// Card service: exclusive sessions, busy guard, timeouts, serial binding, errors, and the health read.
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../main/card/apdu';
import { cardErrorToAppError, CardChangedError } from '../../../main/card/card-errors';
import { createCardService } from '../../../main/card/card-service';
import {
  AID,
  FakeWatcher,
  healthScript,
  identityScript,
  makeCertificate,
  openSessionScript,
} from './card-script';
import { ScriptedTransport } from './scripted-transport';

const READER = 'Test Reader 0';
const NOW = new Date('2026-11-25T03:00:00Z');

function service(watcher: FakeWatcher, exchangeTimeoutMs = 200) {
  return createCardService({ watcher, exchangeTimeoutMs, now: () => NOW });
}

async function appErrorOf(p: Promise<unknown>) {
  return cardErrorToAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  );
}

describe('card service: sessions', () => {
  it('binds the operation to the serial read at its start, in one begin/end/disconnect', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(openSessionScript({ serial: '400000012719843' }));
    w.queue.push(t);
    const serial = await service(w).withCard(READER, async (s) => s.serial);
    expect(serial).toBe('400000012719843');
    expect(t.calls).toEqual(['begin', 'end', 'disconnect']);
    t.assertDone();
  });

  it('two concurrent operations on one reader: the second gets CardBusyError, no APDU interleaves', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(openSessionScript());
    w.queue.push(t);
    const svc = service(w);
    let release!: () => void;
    let entered!: () => void;
    const inSession = new Promise<void>((r) => (entered = r));
    const first = svc.withCard(READER, () => {
      entered();
      return new Promise<void>((r) => (release = r));
    });
    const second = svc.withCard(READER, async () => 'ran');
    await expect(second).rejects.toMatchObject({ name: 'CardBusyError' });
    expect(await appErrorOf(svc.withCard(READER, async () => 0))).toEqual({
      code: 'card-busy',
      detail: READER,
    });
    // Still busy once the first has opened its session and holds the card.
    await inSession;
    expect(await appErrorOf(svc.withCard(READER, async () => 0))).toEqual({
      code: 'card-busy',
      detail: READER,
    });
    release();
    await first;
    t.assertDone();
    // Once the first is over, the reader is free again.
    w.queue.push(new ScriptedTransport(openSessionScript()));
    await expect(svc.withCard(READER, async () => 'ok')).resolves.toBe('ok');
  });

  it('a card that never answers times out instead of hanging, and the reader is released', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      `=> 00A4040C0A ${AID.jpki}
       <= !silence`,
      { atr: fromHex('3B 01 02 03') }, // not a known My Number Card ATR
    );
    w.queue.push(t);
    const started = Date.now();
    const err = await appErrorOf(service(w, 40).withCard(READER, async () => 0));
    expect(err).toEqual({ code: 'card-mute', detail: READER });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(t.calls).toEqual(['begin', 'end', 'disconnect']);
  });

  it('a My Number Card ATR that then answers nothing is reported tampered', async () => {
    const w = new FakeWatcher();
    w.queue.push(new ScriptedTransport(`=> 00A4040C0A ${AID.jpki}\n<= !silence`));
    expect(await appErrorOf(service(w, 40).withCard(READER, async () => 0))).toEqual({
      code: 'card-tampered',
      detail: READER,
    });
  });

  it('a recognised card going silent mid-operation is tampered, whatever its ATR', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript() + `=> 00A4040C0A ${AID.text}\n<= !silence`,
      { atr: fromHex('3B 01 02 03') },
    );
    w.queue.push(t);
    const op = service(w, 40).withCard(READER, (s) => s.selectApplication(fromHex(AID.text)));
    expect(await appErrorOf(op)).toMatchObject({ code: 'card-tampered' });
  });

  it('a card silent right after answering as a My Number Card is tampered, whatever its ATR', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript().split('=> 00A4020C02 0001')[0] + '=> 00A4020C02 0001\n<= !silence',
      { atr: fromHex('3B 01 02 03') },
    );
    w.queue.push(t);
    expect(await appErrorOf(service(w, 40).withCard(READER, async () => 0))).toMatchObject({
      code: 'card-tampered',
    });
  });

  it('swapping the card between the read and assertSameCard gives CardChangedError', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript({ serial: '400000012719843' }) +
        identityScript({ serial: '400000099999999' }),
    );
    w.queue.push(t);
    const op = service(w).withCard(READER, (s) => s.assertSameCard());
    await expect(op).rejects.toBeInstanceOf(CardChangedError);
    expect(cardErrorToAppError(new CardChangedError(READER)).code).toBe('card-changed');
    t.assertDone();
  });

  it('the same card passes assertSameCard', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(openSessionScript() + identityScript());
    w.queue.push(t);
    await service(w).withCard(READER, (s) => s.assertSameCard());
    t.assertDone();
  });

  it('a card pulled mid-read is card-removed; an empty reader at the start is no-card', async () => {
    const w = new FakeWatcher();
    w.queue.push(
      new ScriptedTransport(`
        => 00A4040C0A ${AID.jpki}
        <= 9000
        => 00A4020C02 0006
        <= !removed
      `),
    );
    const svc = service(w);
    expect(await appErrorOf(svc.withCard(READER, async () => 0))).toEqual({
      code: 'card-removed',
      detail: READER,
    });
    expect(await appErrorOf(svc.withCard(READER, async () => 0))).toEqual({
      code: 'no-card',
      detail: READER,
    });
  });

  it('a card without the JPKI application is not a My Number Card', async () => {
    const w = new FakeWatcher();
    w.queue.push(new ScriptedTransport(`=> 00A4040C0A ${AID.jpki}\n<= 6A82`));
    expect(await appErrorOf(service(w).withCard(READER, async () => 0))).toMatchObject({
      code: 'not-my-number-card',
    });
  });

  it('a JPKI token with another label (a phone) is not a My Number Card', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript({ label: 'JPKIAPGPSETOKEN' }).split('=> 00A4040C0A D392100031')[0]!,
    );
    w.queue.push(t);
    expect(await appErrorOf(service(w).withCard(READER, async () => 0))).toMatchObject({
      code: 'not-my-number-card',
    });
    t.assertDone();
  });

  it('a terminated card (6985 to all but SELECT) is card-terminated', async () => {
    const w = new FakeWatcher();
    w.queue.push(
      new ScriptedTransport(`
        => 00A4040C0A ${AID.jpki}
        <= 9000
        => 00A4020C02 0006
        <= 9000
        => 00B0000020
        <= 6985
      `),
    );
    expect(await appErrorOf(service(w).withCard(READER, async () => 0))).toMatchObject({
      code: 'card-terminated',
    });
  });
});

describe('card service: health read', () => {
  it('reads a full, issued card without spending a try', async () => {
    const cert = await makeCertificate('2025-02-17T00:00:00Z', '2030-02-17T14:59:59Z');
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript() +
        healthScript({
          authCert: cert,
          pins: { signing: '63C5', auth: '63C2', juki: '63C3', text: '63C3' },
        }),
    );
    w.queue.push(t);
    const health = await service(w).readHealth(READER);
    t.assertDone();
    expect(t.sent.filter((c) => c.startsWith('0020') && c.length > 8)).toEqual([]); // no PIN sent
    expect(health).toMatchObject({
      reader: READER,
      atrHex: '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00',
      atrLabel: 'マイナンバーカード（接触）',
      serial: '400000012719843',
      municipalityCode: '13221',
      cardExpiry: '2035-02-17',
      chipState: 'active',
      nextActions: ['none'],
      readAt: NOW.toISOString(),
    });
    expect(health.pins).toEqual([
      { kind: 'signing', state: 'ok', triesLeft: 5, maxTries: 5 },
      { kind: 'auth', state: 'ok', triesLeft: 2, maxTries: 3 },
      { kind: 'juki', state: 'ok', triesLeft: 3, maxTries: 3 },
      { kind: 'text', state: 'ok', triesLeft: 3, maxTries: 3 },
    ]);
    expect(health.certificates).toEqual([
      {
        kind: 'signing',
        present: true,
        notBefore: undefined,
        notAfter: undefined,
        validity: 'valid',
      },
      {
        kind: 'auth',
        present: true,
        notBefore: '2025-02-17',
        notAfter: '2030-02-17',
        serialHex: '0A1B2C',
        issuer: 'C=JP, O=JPKI-TEST, OU=JPKI for user authentication',
        validity: 'valid',
      },
    ]);
    // Benchmarked: opening (6) + health (15 with no chip-state EF) + the certificate's reads.
    expect(t.sent.length).toBe(6 + 15 + Math.ceil(cert.length / 256));
  });

  it('a factory-fresh card asks for issuance', async () => {
    const w = new FakeWatcher();
    const notSet = { signing: '6A88', auth: '6A88', juki: '6A88', text: '6A88' };
    const t = new ScriptedTransport(
      openSessionScript() + healthScript({ presence: '000000', pins: notSet }),
    );
    w.queue.push(t);
    const health = await service(w).readHealth(READER);
    t.assertDone();
    expect(health.nextActions).toEqual(['issue-card']);
    expect(health.certificates.map((c) => c.validity)).toEqual(['absent', 'absent']);
    expect(health.pins.every((p) => p.state === 'not-set')).toBe(true);
  });

  it('a suspended card with a locked PIN and an expiring certificate', async () => {
    const cert = await makeCertificate('2021-12-01T00:00:00Z', '2027-01-31T14:59:59Z');
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript() + healthScript({ chip: '02', authCert: cert, pins: { auth: '6984' } }),
    );
    w.queue.push(t);
    const health = await service(w).readHealth(READER);
    t.assertDone();
    expect(health.chipState).toBe('suspended');
    expect(health.pins[1]).toEqual({ kind: 'auth', state: 'locked', triesLeft: 0, maxTries: 3 });
    expect(health.certificates.map((c) => c.validity)).toEqual(['expiring', 'expiring']);
    expect(health.nextActions).toEqual([
      'release-suspension',
      'reset-locked-pin',
      'renew-certificates',
    ]);
  });

  it('an active chip-state byte reads as active', async () => {
    const w = new FakeWatcher();
    const t = new ScriptedTransport(
      openSessionScript() +
        healthScript({
          chip: '01',
          presence: '008F00',
          authCert: await makeCertificate('2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z'),
        }),
    );
    w.queue.push(t);
    const health = await service(w).readHealth(READER);
    t.assertDone();
    expect(health.chipState).toBe('active');
    expect(health.certificates[0]).toMatchObject({
      kind: 'signing',
      present: false,
      validity: 'absent',
    });
  });
});

describe('card service: readers', () => {
  it('lists readers with ATR hex and label, and forwards watcher events as DTOs', () => {
    const w = new FakeWatcher();
    w.snapshots = [
      { name: 'A', atr: fromHex('3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'), mute: false },
      { name: 'B', atr: null, mute: false },
      { name: 'C', atr: null, mute: true },
    ];
    const svc = service(w);
    const dto = svc.readers();
    expect(dto.subsystem).toEqual({ kind: 'ready' });
    expect(dto.readers).toEqual([
      {
        name: 'A',
        cardPresent: true,
        mute: false,
        atrHex: '3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F',
        atrLabel: 'マイナンバーカード（非接触）',
      },
      { name: 'B', cardPresent: false, mute: false, atrHex: null, atrLabel: null },
      { name: 'C', cardPresent: true, mute: true, atrHex: null, atrLabel: null },
    ]);
    const seen: number[] = [];
    const off = svc.onReadersChanged((d) => seen.push(d.readers.length));
    w.emit({ kind: 'reader-removed', reader: 'C' });
    off();
    w.emit({ kind: 'reader-removed', reader: 'B' });
    expect(seen).toEqual([3]);
  });
});
