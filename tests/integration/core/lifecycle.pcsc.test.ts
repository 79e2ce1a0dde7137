// 一時停止の解除, 暗証番号の初期化・再設定 and 電子証明書の更新 through the real path: the core's router
// driving pcsc-mini -> pcscd -> vsmartcard-vpcd -> a simulated card that 窓口花子 received in her 交付
// (so it trusts the practice authority's issuer key). Each is checked afterwards on the card itself:
// the tries counters, and the certificates read back and matching the keys on the card (a test
// signature). Then the crashes: a counter process SIGKILLed after each journaled step (of a PIN
// reset) and in the middle of the card writes (PINs, key generation, certificates, a PIN change);
// a new process on the same data folder completes the procedure, with one key pair and one new
// certificate per renewed kind, and the values the resident chose on the card.
// One file: the seeded data folder and the preset authority are made once for all of them.
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core';
import type { SimCard } from '../../../main/card/sim/sim-card';
import type { CardHealthDto, PinKind } from '../../../preload/contract/dto';
import type { ResidentPromptDto, ResidentSubmitDto } from '../../../preload/contract/issuance';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import {
  advanceLife,
  CARD_SERIAL,
  FRESH,
  openLife,
  RELEASE_NEW,
  RENEWAL_KEEP,
  RESET_MIXED,
  TYPED,
  type Call,
  type LifeScenario,
} from '../support/issuance-script';
import {
  cardSeen,
  cardState,
  certificateRows,
  practiceConfig,
  prepareIssuedCard,
  routerCall,
  runAndKill,
  serialNumber,
  signOnCard,
  spendTries,
  tryCall,
  watched,
  type CertificateRow,
} from '../support/lifecycle-setup';
import { childOverPcsc } from '../support/pcsc-harness';

const counter = childOverPcsc('lifecycle-child');

/** The counter app on the data folder, reading 花子's card through PC/SC. */
async function counterOn(dataDir: string): Promise<{ core: Core; call: Call }> {
  const core = createCore(practiceConfig(dataDir, { kind: 'pcsc', name: counter.harness.reader }));
  await core.start();
  await cardSeen(core, counter.harness.reader);
  const call = routerCall(core);
  await call('clerk', 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  return { core, call };
}

/** The card id of 花子's card, as the clerk finds it by its serial. */
async function cardId(call: Call): Promise<number> {
  const found = (await call('clerk', 'lookup:by-serial', { serial: CARD_SERIAL })) as {
    cards: { id: number; serial: string }[];
  };
  return found.cards.find((c) => c.serial === CARD_SERIAL)!.id;
}

/** The clerk starts the procedure on 花子's card; `clerk` then calls a step of it. */
async function startOnCard(call: Call, kind: 'release' | 'pin-reset') {
  const started = (await call('clerk', 'procedure:start', {
    kind,
    cardId: await cardId(call),
  })) as ProcedureDto;
  const procedureId = started.procedureId;
  const clerk = async (channel: Parameters<Call>[1], payload: Record<string, unknown> = {}) =>
    (await call('clerk', channel, { procedureId, ...payload })) as ProcedureDto;
  return { procedureId, clerk, started };
}

function pinOf(health: CardHealthDto, kind: PinKind) {
  return health.pins.find((p) => p.kind === kind);
}

async function prompt(call: Call): Promise<ResidentPromptDto> {
  const p = (await call('resident', 'resident:get-prompt', {})) as ResidentPromptDto | null;
  if (!p) throw new Error('the resident window shows no PIN entry');
  return p;
}

describe('一時停止の解除 through PC/SC', () => {
  it('releases the suspended card: the held certificates revoked (keyCompromise), new keys and certificates, a new signing password and the auth PIN kept', async () => {
    const { dataDir, card } = await prepareIssuedCard({ suspend: true });
    await counter.harness.insert(card);
    const { core, call } = await counterOn(dataDir);
    try {
      const held = await certificateRows(core);
      expect(held.map((r) => [r.kind, r.status]).sort()).toEqual([
        ['auth', 'on_hold'],
        ['signing', 'on_hold'],
      ]);
      const authority = await core.authority();
      for (const r of held)
        expect((await authority.certificateStatus(r.serial)).status).toBe('on-hold');

      const { procedureId, clerk, started } = await startOnCard(call, 'release');
      let dto = started;
      expect(dto.step).toBe('documents');
      dto = await clerk('procedure:record-documents', { kinds: ['driving-licence'] });
      expect(dto.step).toBe('card');
      dto = await clerk('procedure:check-card', { reader: counter.harness.reader });
      // Release always checks the face, whatever the documents.
      expect(dto).toMatchObject({ step: 'face', matchedSerial: CARD_SERIAL, faceRequired: true });
      dto = await clerk('procedure:record-face', { decision: 'match' });
      expect(dto.step).toBe('choose');
      dto = await clerk('procedure:choose', {
        plan: [
          { kind: 'signing', mode: 'new' },
          { kind: 'auth', mode: 'current' },
        ],
      });
      expect(dto.step).toBe('pins');
      dto = await clerk('procedure:open-pin-entry', { reader: counter.harness.reader });
      expect(dto.pins?.entryOpen).toBe(true);
      expect(await prompt(call)).toMatchObject({
        procedureId,
        purpose: 'release',
        required: ['signing', 'auth'],
        modes: { signing: 'new', auth: 'current' },
      });
      const submitted = (await call('resident', 'resident:submit-pins', {
        signing: { value: FRESH.signing, confirmation: FRESH.signing },
        auth: { value: TYPED.auth, confirmation: TYPED.auth, current: TYPED.auth },
      })) as ResidentSubmitDto;
      expect(submitted.done).toBe(true);
      dto = await clerk('procedure:get');
      expect(dto.step).toBe('completed');
      expect(dto.card.state).toBe('issued');

      // The held certificates are revoked, never put back; one new certificate per kind.
      const rows = await certificateRows(core);
      const old = rows.filter((r) => held.some((o) => o.serial === r.serial));
      const fresh = rows.filter((r) => !held.some((o) => o.serial === r.serial));
      expect(old.map((r) => [r.kind, r.status, r.reason]).sort()).toEqual([
        ['auth', 'revoked', 'keyCompromise'],
        ['signing', 'revoked', 'keyCompromise'],
      ]);
      expect(fresh.map((r) => [r.kind, r.status]).sort()).toEqual([
        ['auth', 'issued'],
        ['signing', 'issued'],
      ]);
      for (const r of old)
        expect(await authority.certificateStatus(r.serial)).toMatchObject({
          status: 'revoked',
          reason: 'keyCompromise',
        });
      for (const r of fresh)
        expect((await authority.certificateStatus(r.serial)).status).toBe('good');
      expect(await cardState(core)).toBe('issued');
      const suspensions = await core.db()!.all<{ released: string | null }>(
        `SELECT s.released_at AS released FROM suspensions s JOIN cards k ON k.id = s.card_id
           WHERE k.serial = ?`,
        [CARD_SERIAL],
      );
      expect(suspensions).toHaveLength(1);
      expect(suspensions[0]!.released).not.toBeNull();

      // On the card: new key pairs, the counters full, the certificates those of the new keys.
      expect(card.keyGenerations('sign')).toBe(2);
      expect(card.keyGenerations('auth')).toBe(2);
      const health = await core.cards.readHealth(counter.harness.reader);
      expect(health.chipState).toBe('active');
      expect(pinOf(health, 'signing')).toMatchObject({ state: 'ok', triesLeft: 5 });
      expect(pinOf(health, 'auth')).toMatchObject({ state: 'ok', triesLeft: 3 });
      const onCard = await signOnCard(core, counter.harness.reader, {
        signing: FRESH.signing,
        auth: TYPED.auth,
      });
      expect(onCard).toEqual({
        signing: serialNumber(fresh.find((r) => r.kind === 'signing')!.serial),
        auth: serialNumber(fresh.find((r) => r.kind === 'auth')!.serial),
      });
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('暗証番号の初期化・再設定 through PC/SC', () => {
  it('in one visit: the locked auth PIN reset by the authority (new value, fresh counter), the signing password changed with the value in use (VERIFY, then CHANGE REFERENCE DATA)', async () => {
    const { dataDir, card, certificates: before } = await prepareIssuedCard({ suspend: false });
    // At a convenience store's terminal: three wrong auth PINs (locked), one wrong password.
    await spendTries(card, 'auth', 3);
    await spendTries(card, 'signing', 1);
    const commands: number[] = [];
    await counter.harness.insert(watched(card, (ins) => commands.push(ins)));
    const { core, call } = await counterOn(dataDir);
    try {
      const health = await core.cards.readHealth(counter.harness.reader);
      expect(pinOf(health, 'auth')).toMatchObject({ state: 'locked', triesLeft: 0 });
      expect(pinOf(health, 'signing')).toMatchObject({ state: 'ok', triesLeft: 4 });
      expect(health.nextActions).toContain('reset-locked-pin');

      const { procedureId, clerk, started } = await startOnCard(call, 'pin-reset');
      let dto = started;
      await clerk('procedure:record-documents', { kinds: ['driving-licence'] });
      dto = await clerk('procedure:check-card', { reader: counter.harness.reader });
      // A list A document: no face check for a reset.
      expect(dto).toMatchObject({ step: 'choose', faceRequired: false });
      // Nobody can enter the value in use of a locked PIN: only a reset is offered for it.
      const refused = await tryCall(core, 'clerk', 'procedure:choose', {
        procedureId,
        plan: [{ kind: 'auth', mode: 'change' }],
      });
      expect(refused.ok ? null : refused.error.code).toBe('pin-locked');
      dto = await clerk('procedure:choose', {
        plan: [
          { kind: 'signing', mode: 'change' },
          { kind: 'auth', mode: 'new' },
        ],
      });
      expect(dto.step).toBe('pins');
      await clerk('procedure:open-pin-entry', { reader: counter.harness.reader });
      expect(await prompt(call)).toMatchObject({
        purpose: 'pin-reset',
        required: ['signing', 'auth'],
        modes: { signing: 'change', auth: 'new' },
        triesLeft: { signing: 4 },
      });

      // A wrong value in use spends a try and changes nothing.
      const wrong = await tryCall(core, 'resident', 'resident:submit-pins', {
        signing: { value: FRESH.signing, confirmation: FRESH.signing, current: 'WRONG1234' },
        auth: { value: FRESH.auth, confirmation: FRESH.auth },
      });
      expect(wrong.ok ? null : wrong.error.code).toBe('pin-wrong');
      dto = await clerk('procedure:get');
      expect(dto).toMatchObject({ step: 'pins', notice: { code: 'pin-wrong' } });
      if (!dto.pins?.entryOpen)
        await clerk('procedure:open-pin-entry', { reader: counter.harness.reader });
      expect((await prompt(call)).triesLeft).toMatchObject({ signing: 3 });

      commands.length = 0;
      const right = (await call('resident', 'resident:submit-pins', {
        signing: { value: FRESH.signing, confirmation: FRESH.signing, current: TYPED.signing },
        auth: { value: FRESH.auth, confirmation: FRESH.auth },
      })) as ResidentSubmitDto;
      expect(right.done).toBe(true);
      expect((await clerk('procedure:get')).step).toBe('completed');
      // The holder's change (VERIFY, CHANGE REFERENCE DATA) and the issuer's reset (RESET
      // RETRY COUNTER) both reached the card.
      expect(commands).toContain(0x20);
      expect(commands).toContain(0x24);
      expect(commands).toContain(0x2c);

      const after = await core.cards.readHealth(counter.harness.reader);
      expect(pinOf(after, 'auth')).toMatchObject({ state: 'ok', triesLeft: 3 });
      expect(pinOf(after, 'signing')).toMatchObject({ state: 'ok', triesLeft: 5 });
      // Keys and certificates untouched; the certificates still those of the keys on the card.
      expect(await certificateRows(core)).toEqual(before);
      expect(card.keyGenerations('sign')).toBe(1);
      expect(card.keyGenerations('auth')).toBe(1);
      expect(
        await signOnCard(core, counter.harness.reader, {
          signing: FRESH.signing,
          auth: FRESH.auth,
        }),
      ).toEqual({
        signing: serialNumber(before.find((r) => r.kind === 'signing')!.serial),
        auth: serialNumber(before.find((r) => r.kind === 'auth')!.serial),
      });
    } finally {
      await core.close();
    }
  }, 60_000);
});

// ---- SIGKILL ----

const DAY_MS = 86_400_000;

/** A new counter process on the data folder completes the open procedure through PC/SC. */
async function finish(
  dataDir: string,
  scenario: LifeScenario,
  clockOffsetMs = 0,
): Promise<{ core: Core; dto: ProcedureDto }> {
  const core = createCore(
    practiceConfig(dataDir, { kind: 'pcsc', name: counter.harness.reader }, clockOffsetMs),
  );
  await core.start();
  try {
    await cardSeen(core, counter.harness.reader);
    const call = routerCall(core);
    let dto = await openLife(call, scenario);
    for (let i = 0; dto.step !== 'completed'; i++) {
      if (i > 12) throw new Error(`no progress: stuck at ${dto.step}`);
      dto = await advanceLife(call, counter.harness.reader, scenario, dto);
    }
    return { core, dto };
  } catch (e) {
    await core.close();
    throw e;
  }
}

/**
 * Per kind: the certificates from before revoked with `reason` and exactly one new one, issued;
 * the card issued; each kind's key made once more than at the 交付, or `extraKeygens` more at most
 * (a kill in the middle of a key generation leaves a key the journal never heard of); on the
 * card, the new certificates, matching its keys.
 */
async function expectRenewed(
  core: Core,
  card: SimCard,
  before: readonly CertificateRow[],
  reason: string,
  secrets: { readonly signing: string; readonly auth: string },
  extraKeygens = 0,
): Promise<void> {
  const rows = await certificateRows(core);
  const isOld = (r: CertificateRow) => before.some((o) => o.serial === r.serial);
  const old = rows.filter(isOld).map((r) => [r.kind, r.status, r.reason]);
  expect(old.sort()).toEqual([
    ['auth', 'revoked', reason],
    ['signing', 'revoked', reason],
  ]);
  const fresh = rows.filter((r) => !isOld(r));
  expect(fresh.map((r) => [r.kind, r.status]).sort()).toEqual([
    ['auth', 'issued'],
    ['signing', 'issued'],
  ]);
  expect(await cardState(core)).toBe('issued');
  for (const kind of ['sign', 'auth'] as const) {
    expect(card.keyGenerations(kind)).toBeGreaterThanOrEqual(2);
    expect(card.keyGenerations(kind)).toBeLessThanOrEqual(2 + extraKeygens);
  }
  expect(await signOnCard(core, counter.harness.reader, secrets)).toEqual({
    signing: serialNumber(fresh.find((r) => r.kind === 'signing')!.serial),
    auth: serialNumber(fresh.find((r) => r.kind === 'auth')!.serial),
  });
}

interface KillAt {
  readonly ins: number;
  readonly p1: number | null;
  /** The nth such command the card receives from this process. */
  readonly nth: number;
}

/**
 * Puts the card in the reader with a kill switch on its commands: `run` starts a child of the
 * procedure and SIGKILLs it after the step `stopAfter`, or at the command `at`. Answers with how
 * many of those commands the card saw from that child.
 */
async function crashRig(card: SimCard, dataDir: string, procedure: string, clockOffsetMs = 0) {
  let armed: { at: KillAt; kill: () => void; seen: number } | null = null;
  await counter.harness.insert(
    watched(card, (ins, p1) => {
      if (!armed || ins !== armed.at.ins || (armed.at.p1 !== null && p1 !== armed.at.p1)) return;
      armed.seen += 1;
      if (armed.seen === armed.at.nth) armed.kill();
    }),
  );
  return {
    async afterStep(stopAfter: string): Promise<string> {
      return runAndKill({
        bundle: counter.bundle,
        dataDir,
        reader: counter.harness.reader,
        stopAfter,
        procedure,
        clockOffsetMs,
      });
    },
    async atCommand(at: KillAt): Promise<number> {
      let seen = 0;
      await runAndKill({
        bundle: counter.bundle,
        dataDir,
        reader: counter.harness.reader,
        stopAfter: 'none',
        procedure,
        clockOffsetMs,
        arm: (kill) => (armed = { at, kill, seen: 0 }),
      });
      seen = armed?.seen ?? 0;
      armed = null;
      return seen;
    },
  };
}

describe('SIGKILL, then a new process on the same data folder completes the procedure', () => {
  it('PIN reset (list B documents, so with the face check): killed after documents, card, face and choose in turn, then as the change of the auth PIN reaches the card', async () => {
    const { dataDir, card, certificates: before } = await prepareIssuedCard({ suspend: false });
    const rig = await crashRig(card, dataDir, 'pin-reset');
    for (const step of ['documents', 'card', 'face', 'choose']) {
      const out = await rig.afterStep(step);
      // Each new process picked the procedure up at the step the last one journaled.
      expect(out).toContain(`done ${step} ->`);
    }
    // The signing password is reset by then; the auth PIN's change is on the card, unjournaled.
    expect(await rig.atCommand({ ins: 0x24, p1: null, nth: 1 })).toBe(1);
    const { core, dto } = await finish(dataDir, RESET_MIXED);
    try {
      expect(dto).toMatchObject({ step: 'completed', faceRequired: true, face: 'match' });
      // The cut-off change was set again by the authority: the resident was never asked for a
      // value in use the card might no longer hold, so no try was spent on a wrong one.
      const steps = await core
        .db()!
        .all<{ step: string }>('SELECT step FROM procedure_journal WHERE procedure_id = ?', [
          dto.procedureId,
        ]);
      expect(steps.map((r) => r.step)).toContain('change-started');
      expect(steps.map((r) => r.step)).not.toContain('wrong-current');
      // Nothing but the secrets was written: same certificates, same keys.
      expect(await certificateRows(core)).toEqual(before);
      expect(card.keyGenerations('sign')).toBe(1);
      expect(card.keyGenerations('auth')).toBe(1);
      // The values she chose open the keys (the test signature checks the certificates too).
      await signOnCard(core, counter.harness.reader, { signing: FRESH.signing, auth: FRESH.auth });
    } finally {
      await core.close();
    }
  }, 60_000);

  it('一時停止の解除: killed in the middle of the key generation', async () => {
    const { dataDir, card, certificates: before } = await prepareIssuedCard({ suspend: true });
    const rig = await crashRig(card, dataDir, 'release');
    // The second GENERATE: one key pair journaled, the other made on the card unheard of.
    expect(await rig.atCommand({ ins: 0x47, p1: 0x80, nth: 2 })).toBe(2);
    const { core, dto } = await finish(dataDir, RELEASE_NEW);
    try {
      expect(dto.step).toBe('completed');
      await expectRenewed(core, card, before, 'keyCompromise', FRESH, 1);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('電子証明書の更新, a month and a half before expiry: killed in the middle of writing the certificates', async () => {
    const prepared = await prepareIssuedCard({ suspend: false });
    const { dataDir, card, certificates: before } = prepared;
    // The app's clock in the renewal window (from 3 months before the certificates expire), at
    // midday in Japan: the certificates end at the end of a Japan day, and the certificate
    // service is closed in the evening.
    const offset = prepared.notAfter - 45 * DAY_MS - 12 * 3_600_000 - Date.now();
    const rig = await crashRig(card, dataDir, 'renewal', offset);
    expect(await rig.atCommand({ ins: 0xd6, p1: null, nth: 2 })).toBe(2);
    const { core, dto } = await finish(dataDir, RENEWAL_KEEP, offset);
    try {
      expect(dto.step).toBe('completed');
      await expectRenewed(core, card, before, 'superseded', TYPED);
    } finally {
      await core.close();
    }
  }, 60_000);
});
