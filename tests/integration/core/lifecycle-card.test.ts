// 一時停止の解除, 暗証番号の初期化・再設定 and 電子証明書の更新 through the core's router with a real
// sqlite file and the simulated reader: each procedure to its end on the seed's cards, a card
// pulled at each card-writing step and reinserted (no second key or certificate), the wrong card,
// the refusals (terminated, not suspended, wrong or locked value in use, too early, facts
// unchanged), and a restart of the app at each step.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../../../main/card/sim/presets';
import type { Core } from '../../../main/core';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import { recordSuspension } from '../../../main/db/repositories/card-events';
import { transitionCard } from '../../../main/db/repositories/cards';
import type { CardHealthDto } from '../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import type { PinPlanEntry, ResidentHistoryDto } from '../../../preload/contract/lifecycle';
import { certificateRenewalOpensOn } from '../../../preload/contract/rules/validity';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { answerCardFace } from '../support/card-face';
import {
  cardId,
  certificates,
  enter,
  entry,
  presetCard,
  refusal,
} from '../support/card-procedures';
import {
  call,
  insert,
  raw,
  RESIDENT,
  routerCall,
  startCore,
  watched,
} from '../support/router-calls';

const READER = SIM_READER_NAME;
/** The values on every seeded card (resources/cards/*.json). */
const SEEDED = { signing: 'MADO2025', auth: '1234', juki: '2468', text: '5678' } as const;
/** New values the residents choose (a scan of the files looks for exactly these). */
const NEW = { signing: 'Kawa7Sora', auth: '6081', juki: '3952', text: '4718' } as const;
const SERIAL = {
  issued: '990000000000002',
  signingLocked: '990000000000003',
  authLocked: '990000000000004',
  suspended: '990000000000005',
  terminated: '990000000000006',
  certExpired: '990000000000007',
} as const;

async function open(dataDir: string): Promise<Core> {
  const core = await startCore(dataDir);
  await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  return core;
}

/** Pulls the card out of the reader at the n-th command `ins` (and `p1`, when given). */
function pullAt(core: Core, card: SimCard, at: { ins: number; p1?: number; n: number }) {
  let seen = 0;
  insert(
    core,
    watched(card, (ins, p1) => {
      if (ins === at.ins && (at.p1 === undefined || p1 === at.p1) && ++seen === at.n)
        core.simReader!.remove();
    }),
  );
}

/** The card reported lost again (test set-up; the suspension workflow is another helper's). */
async function suspendAgain(core: Core, serial: string): Promise<void> {
  const id = await cardId(core, serial);
  await core.db()!.transaction(async (tx) => {
    await transitionCard(tx, id, 'suspended');
    await recordSuspension(tx, {
      cardId: id,
      reportedBy: 'callcentre',
      reportedAt: '2026-11-24T01:00:00Z',
      how: 'telephone',
      operatorId: 1,
    });
  });
}

/** Test set-up straight into the database. */
async function sql(core: Core, text: string, params: (string | number)[]): Promise<void> {
  await core.db()!.transaction(async (tx) => {
    await tx.run(text, params);
  });
}

function generations(card: SimCard) {
  return { sign: card.keyGenerations('sign'), auth: card.keyGenerations('auth') };
}

async function start(core: Core, kind: string, serial: string): Promise<ProcedureDto> {
  return call<ProcedureDto>(core, 'procedure:start', { kind, cardId: await cardId(core, serial) });
}

/** documents (list A) -> card -> face (when asked) -> choose. */
async function upToPins(
  core: Core,
  procedureId: string,
  plan: readonly PinPlanEntry[],
  scope?: string,
): Promise<ProcedureDto> {
  await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
  let dto = await call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
  if (dto.step === 'face')
    dto = await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
  expect(dto.step).toBe('choose');
  return call<ProcedureDto>(core, 'procedure:choose', {
    procedureId,
    plan,
    ...(scope ? { scope } : {}),
  });
}

async function submit(core: Core, values: Record<string, unknown>): Promise<string> {
  const r = await raw<{ done: boolean }>(core, 'resident:submit-pins', values, RESIDENT);
  return r.ok
    ? r.value.done
      ? 'done'
      : 'not-done'
    : `${r.error.code}${r.error.detail ? ` ${r.error.detail}` : ''}`;
}

const KEEP_BOTH: PinPlanEntry[] = [
  { kind: 'signing', mode: 'current' },
  { kind: 'auth', mode: 'current' },
];
const keepValues = { signing: entry(SEEDED.signing), auth: entry(SEEDED.auth) };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('一時停止の解除, 初期化・再設定, 更新 on the seed’s cards', () => {
  let core: Core;
  let dataDir: string;
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-card-'));
    core = await open(dataDir);
    core.onEvent((event, payload) => events.push({ event, payload }));
  });
  afterAll(async () => {
    await core.close();
  });

  it('release of a terminated card is refused: 再交付 is what remains', async () => {
    expect(
      await refusal(core, 'procedure:start', {
        kind: 'release',
        cardId: await cardId(core, SERIAL.terminated),
      }),
    ).toBe('card-revoked reissue');
  });

  it('release of a card that is not suspended is refused', async () => {
    expect(
      await refusal(core, 'procedure:start', {
        kind: 'release',
        cardId: await cardId(core, SERIAL.issued),
      }),
    ).toBe('card-not-suspended');
  });

  it('release: the wrong card is refused before anything is read from it', async () => {
    const dto = await start(core, 'release', SERIAL.suspended);
    insert(core, await presetCard(core, 'issued'));
    await call(core, 'procedure:record-documents', {
      procedureId: dto.procedureId,
      kinds: ['passport'],
    });
    expect(
      await refusal(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER }),
    ).toBe('wrong-card');
    await call(core, 'procedure:cancel', { procedureId: dto.procedureId, reason: 'test' });
  });

  it('release keeps both values, renews keys and certificates, revokes nothing twice, and the card is issued', async () => {
    const card = await presetCard(core, 'suspended');
    insert(core, card);
    const before = generations(card);
    const dto = await start(core, 'release', SERIAL.suspended);
    expect(dto).toMatchObject({ kind: 'release', step: 'documents', faceRequired: true });
    const pins = await upToPins(core, dto.procedureId, KEEP_BOTH);
    expect(pins).toMatchObject({ step: 'pins', face: 'match', matchedSerial: SERIAL.suspended });
    await call(core, 'procedure:open-pin-entry', { procedureId: dto.procedureId, reader: READER });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt).toEqual({
      procedureId: dto.procedureId,
      required: ['signing', 'auth'],
      resume: false,
      purpose: 'release',
      modes: { signing: 'current', auth: 'current' },
      triesLeft: { signing: 5, auth: 3 },
      cardFace: null,
    });
    const submitted = await call<{ done: boolean }>(
      core,
      'resident:submit-pins',
      keepValues,
      RESIDENT,
    );
    expect(submitted.done).toBe(true);
    const done = await call<ProcedureDto>(core, 'procedure:get', { procedureId: dto.procedureId });
    expect(done).toMatchObject({
      step: 'completed',
      card: { state: 'issued' },
      certificates: { phase: 'done', kinds: ['signing', 'auth'] },
    });
    expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth + 1 });
    // The seed's certificates, held with the suspension, revoked; the new ones issued.
    expect(
      (await certificates(core, SERIAL.suspended)).map((c) => [c.kind, c.status, c.reason]),
    ).toEqual([
      ['signing', 'revoked', 'keyCompromise'],
      ['auth', 'revoked', 'keyCompromise'],
      ['signing', 'issued', null],
      ['auth', 'issued', null],
    ]);
    const suspension = await core
      .db()!
      .get<{ n: number }>(
        'SELECT count(*) AS n FROM suspensions s JOIN cards k ON k.id = s.card_id WHERE k.serial = ? AND released_at IS NULL',
        [SERIAL.suspended],
      );
    expect(suspension!.n).toBe(0);
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
    // The chip's suspended marker is gone: the card health reads an active chip.
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.chipState).toBe('active');
  });

  it('card health shows what the authority’s responder says: good, then suspended, then revoked', async () => {
    // The released card holds certificates of this core's authority, still in the reader.
    const read = async () =>
      (await call<CardHealthDto>(core, 'card:read-health', { reader: READER })).certificates;
    const auth = (await read()).find((c) => c.kind === 'auth')!;
    expect(auth).toMatchObject({ present: true, validity: 'valid', authorityStatus: 'good' });
    expect((await read()).find((c) => c.kind === 'signing')).toMatchObject({
      authorityStatus: 'good',
    });
    const authority = await core.authority();
    await authority.hold(auth.serialHex!);
    const held = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(held.chipState).toBe('active');
    expect(held.certificates.find((c) => c.kind === 'auth')).toMatchObject({
      validity: 'on-hold',
      authorityStatus: 'on-hold',
    });
    expect(held.nextActions).toContain('release-suspension');
    await authority.revoke(auth.serialHex!, 'keyCompromise');
    expect((await read()).find((c) => c.kind === 'auth')).toMatchObject({
      validity: 'revoked',
      authorityStatus: 'revoked',
      authorityReason: 'keyCompromise',
    });
  });

  it('a second release of the same card, with new values: the held certificates are revoked keyCompromise', async () => {
    await suspendAgain(core, SERIAL.suspended);
    const ids = await certificates(core, SERIAL.suspended);
    for (const c of ids.filter((c) => c.status === 'issued'))
      await sql(core, "UPDATE certificates SET status = 'on_hold' WHERE serial = ?", [c.serial]);
    const card = await presetCard(core, 'suspended');
    insert(core, card);
    const dto = await start(core, 'release', SERIAL.suspended);
    await upToPins(core, dto.procedureId, [
      { kind: 'signing', mode: 'new' },
      { kind: 'auth', mode: 'new' },
    ]);
    const r = await enter(core, dto.procedureId, {
      signing: entry(NEW.signing),
      auth: entry(NEW.auth),
    });
    expect(r.result).toBe('done');
    const rows = await certificates(core, SERIAL.suspended);
    // The seed's certificates, the first release's (held again, now revoked), the new ones.
    expect(rows.map((c) => [c.kind, c.status, c.reason])).toEqual([
      ['signing', 'revoked', 'keyCompromise'],
      ['auth', 'revoked', 'keyCompromise'],
      ['signing', 'revoked', 'keyCompromise'],
      ['auth', 'revoked', 'keyCompromise'],
      ['signing', 'issued', null],
      ['auth', 'issued', null],
    ]);
    const authority = await core.authority();
    expect(await authority.certificateStatus(rows[2]!.serial)).toMatchObject({
      status: 'revoked',
      reason: 'keyCompromise',
    });
  });

  it('a wrong value in use: pin-wrong with the tries left, one try spent, nothing else changed', async () => {
    await suspendAgain(core, SERIAL.suspended);
    const card = await presetCard(core, 'suspended');
    insert(core, card);
    const before = generations(card);
    const rowsBefore = (await certificates(core, SERIAL.suspended)).length;
    const dto = await start(core, 'release', SERIAL.suspended);
    await upToPins(core, dto.procedureId, KEEP_BOTH);
    const wrong = await enter(core, dto.procedureId, {
      signing: entry(SEEDED.signing),
      auth: entry('9999'),
    });
    expect(wrong.result).toBe('pin-wrong auth:2');
    expect(wrong.dto).toMatchObject({
      step: 'pins',
      notice: { code: 'pin-wrong', detail: 'auth:2' },
      pins: { entryOpen: true },
    });
    // The entry is open again with the tries left on the screen.
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt.triesLeft).toEqual({ signing: 5, auth: 2 });
    expect(generations(card)).toEqual(before);
    expect((await certificates(core, SERIAL.suspended)).length).toBe(rowsBefore);
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.chipState).toBe('suspended');
    expect(health.pins.find((p) => p.kind === 'auth')?.triesLeft).toBe(2);
    const right = await call<{ done: boolean }>(core, 'resident:submit-pins', keepValues, RESIDENT);
    expect(right.done).toBe(true);
  });

  // Each card-writing command of a release, pulled at: the procedure goes back to the PIN step,
  // the card goes back in, the values are entered again, and nothing is made twice.
  const RELEASE_PULLS = [
    { step: 'setting a new password', at: { ins: 0x2c, n: 1 } },
    { step: 'generating the second key', at: { ins: 0x47, p1: 0x80, n: 2 } },
    { step: 'writing the certificates', at: { ins: 0xd6, n: 3 } },
    { step: 'the test signature', at: { ins: 0x2a, n: 1 } },
  ];
  for (const pull of RELEASE_PULLS) {
    it(`release: a card pulled while ${pull.step} resumes with no duplicate key or certificate`, async () => {
      await suspendAgain(core, SERIAL.suspended);
      const card = await presetCard(core, 'suspended');
      insert(core, card);
      const before = generations(card);
      const rowsBefore = (await certificates(core, SERIAL.suspended)).length;
      const dto = await start(core, 'release', SERIAL.suspended);
      const plan: PinPlanEntry[] = [
        { kind: 'signing', mode: 'new' },
        { kind: 'auth', mode: 'current' },
      ];
      await upToPins(core, dto.procedureId, plan);
      pullAt(core, card, pull.at);
      const values = { signing: entry(NEW.signing), auth: entry(SEEDED.auth) };
      const first = await enter(core, dto.procedureId, values);
      expect(first.result).toBe('done');
      expect(first.dto).toMatchObject({
        step: 'pins',
        needsCard: true,
        notice: { code: 'card-removed' },
      });
      core.simReader!.insert(card);
      await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
      await call(core, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: READER,
      });
      const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
      expect(prompt.resume).toBe(true);
      // A password set before the pull is, the second time, the value in use.
      const setBefore = pull.at.ins !== 0x2c;
      expect(prompt.modes.signing).toBe(setBefore ? 'current' : 'new');
      const second = await call<{ done: boolean }>(core, 'resident:submit-pins', values, RESIDENT);
      expect(second.done).toBe(true);
      expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth + 1 });
      const rows = await certificates(core, SERIAL.suspended);
      expect(rows.length).toBe(rowsBefore + 2);
      expect(rows.filter((c) => c.status === 'issued').map((c) => c.kind)).toEqual([
        'signing',
        'auth',
      ]);
    });
  }

  it('PIN reset: list B asks the face check; the locked password is reset, the 住基 PIN changed with the one in use', async () => {
    // The trainer's button: the preset trusts the practice authority, so its issuer can reset.
    await call(core, 'sim:insert-card', { preset: 'signing-locked' });
    const dto = await start(core, 'pin-reset', SERIAL.signingLocked);
    let d = await call<ProcedureDto>(core, 'procedure:record-documents', {
      procedureId: dto.procedureId,
      kinds: ['health-insurance', 'pension-book'],
    });
    expect(d.faceRequired).toBe(true);
    d = await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
    expect(d.step).toBe('face');
    await call(core, 'procedure:record-face', { procedureId: dto.procedureId, decision: 'match' });
    // Changing a locked secret with the value in use is refused; resetting it is not.
    expect(
      await refusal(core, 'procedure:choose', {
        procedureId: dto.procedureId,
        plan: [{ kind: 'signing', mode: 'change' }],
      }),
    ).toBe('pin-locked signing');
    await call(core, 'procedure:choose', {
      procedureId: dto.procedureId,
      plan: [
        { kind: 'signing', mode: 'new' },
        { kind: 'juki', mode: 'change' },
      ],
    });
    await call(core, 'procedure:open-pin-entry', { procedureId: dto.procedureId, reader: READER });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt).toMatchObject({
      purpose: 'pin-reset',
      required: ['signing', 'juki'],
      modes: { signing: 'new', juki: 'change' },
      triesLeft: { juki: 3 },
    });
    // The new value keeps issuance's rules; the one in use is only format-checked.
    expect(
      (
        await call<{ violation: string | null }>(
          core,
          'resident:check-pin',
          { kind: 'juki', value: '1111', confirmation: '1111' },
          RESIDENT,
        )
      ).violation,
    ).toBe('pin-same-digits');
    const r = await call<{ done: boolean }>(
      core,
      'resident:submit-pins',
      {
        signing: entry(NEW.signing),
        juki: { ...entry(NEW.juki), current: SEEDED.juki },
      },
      RESIDENT,
    );
    expect(r.done).toBe(true);
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.pins.map((p) => p.state)).not.toContain('locked');
    // The card now answers to the new values only.
    const again = await start(core, 'pin-reset', SERIAL.signingLocked);
    await upToPins(core, again.procedureId, [{ kind: 'juki', mode: 'change' }]);
    const old = await enter(core, again.procedureId, {
      juki: { ...entry('5049'), current: SEEDED.juki },
    });
    expect(old.result).toBe('pin-wrong juki:2');
    const ok = await call<{ done: boolean }>(
      core,
      'resident:submit-pins',
      { juki: { ...entry('5049'), current: NEW.juki } },
      RESIDENT,
    );
    expect(ok.done).toBe(true);
  });

  it('PIN reset: wrong values in use spend the tries to the lock; the locked PIN is then reset', async () => {
    const card = await presetCard(core, 'auth-locked');
    insert(core, card);
    const dto = await start(core, 'pin-reset', SERIAL.authLocked);
    // A list A document: no face check.
    await call(core, 'procedure:record-documents', {
      procedureId: dto.procedureId,
      kinds: ['passport'],
    });
    const d = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(d).toMatchObject({ step: 'choose', faceRequired: false });
    expect(
      await refusal(core, 'procedure:choose', {
        procedureId: dto.procedureId,
        plan: [{ kind: 'auth', mode: 'change' }],
      }),
    ).toBe('pin-locked auth');
    await call(core, 'procedure:choose', {
      procedureId: dto.procedureId,
      plan: [
        { kind: 'auth', mode: 'new' },
        { kind: 'text', mode: 'change' },
      ],
    });
    const wrong = { auth: entry(NEW.auth), text: { ...entry(NEW.text), current: '0000' } };
    expect((await enter(core, dto.procedureId, wrong)).result).toBe('pin-wrong text:2');
    // The entry stays open after a wrong value with tries left: the resident tries again.
    expect(await submit(core, wrong)).toBe('pin-wrong text:1');
    expect(await submit(core, wrong)).toBe('pin-locked text');
    const locked = {
      dto: await call<ProcedureDto>(core, 'procedure:get', { procedureId: dto.procedureId }),
    };
    expect(locked.dto).toMatchObject({
      step: 'pins',
      notice: { code: 'pin-locked', detail: 'text' },
      pins: { entryOpen: false, attempts: { text: 3 } },
    });
    // Nothing was written: the authentication PIN is still locked, the text PIN now too.
    let health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(
      health.pins
        .filter((p) => p.state === 'locked')
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['auth', 'text']);
    expect(
      await refusal(core, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: READER,
      }),
    ).toBe('pin-locked text');
    // The clerk chooses a reset of both instead.
    await call(core, 'procedure:choose', {
      procedureId: dto.procedureId,
      plan: [
        { kind: 'auth', mode: 'new' },
        { kind: 'text', mode: 'new' },
      ],
    });
    const good = await enter(core, dto.procedureId, {
      auth: entry(NEW.auth),
      text: entry(NEW.text),
    });
    expect(good.result).toBe('done');
    expect(good.dto.step).toBe('completed');
    health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.pins.map((p) => p.state)).not.toContain('locked');
  });

  // A reset pulled at each card-writing command.
  const RESET_PULLS = [
    { step: 'the authentication PIN reset', at: { ins: 0x2c, n: 1 }, done: [] },
    { step: 'the 住基 PIN reset', at: { ins: 0x2c, n: 2 }, done: ['auth'] },
    {
      step: 'the 住基 PIN reset in the common application',
      at: { ins: 0x2c, n: 3 },
      done: ['auth'],
    },
    { step: 'the text PIN change', at: { ins: 0x24, n: 1 }, done: ['auth', 'juki'] },
  ];
  for (const pull of RESET_PULLS) {
    it(`PIN reset: a card pulled at ${pull.step} resumes with the rest only`, async () => {
      const card = await presetCard(core, 'issued');
      insert(core, card);
      const dto = await start(core, 'pin-reset', SERIAL.issued);
      await upToPins(core, dto.procedureId, [
        { kind: 'auth', mode: 'new' },
        { kind: 'juki', mode: 'new' },
        { kind: 'text', mode: 'change' },
      ]);
      pullAt(core, card, pull.at);
      const values = {
        auth: entry(NEW.auth),
        juki: entry(NEW.juki),
        text: { ...entry(NEW.text), current: SEEDED.text },
      };
      const first = await enter(core, dto.procedureId, values);
      expect(first.dto).toMatchObject({ step: 'pins', needsCard: true });
      core.simReader!.insert(card);
      await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
      await call(core, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: READER,
      });
      const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
      expect(prompt.required).toEqual(
        ['auth', 'juki', 'text'].filter((k) => !pull.done.includes(k)),
      );
      const rest = Object.fromEntries(
        Object.entries(values).filter(([k]) => !pull.done.includes(k)),
      );
      const second = await call<{ done: boolean }>(core, 'resident:submit-pins', rest, RESIDENT);
      expect(second.done).toBe(true);
      // The card answers to the new values, in both applications of the 住基 PIN.
      const check = await start(core, 'pin-reset', SERIAL.issued);
      await upToPins(core, check.procedureId, [
        { kind: 'auth', mode: 'change' },
        { kind: 'juki', mode: 'change' },
        { kind: 'text', mode: 'change' },
      ]);
      const back = await enter(core, check.procedureId, {
        auth: { ...entry('1357'), current: NEW.auth },
        juki: { ...entry('2579'), current: NEW.juki },
        text: { ...entry('3691'), current: NEW.text },
      });
      expect(back.result).toBe('done');
    });
  }

  it('renewal too early is refused at start with the day it opens, as the card offers it', async () => {
    const id = await cardId(core, SERIAL.issued);
    const first = await core
      .db()!
      .get<{ notAfter: string }>(
        "SELECT min(not_after) AS notAfter FROM certificates WHERE card_id = ? AND status = 'issued'",
        [id],
      );
    const opens = certificateRenewalOpensOn(new Date(first!.notAfter));
    // The card's actions say it, on the resident's page and in the search…
    const history = await call<ResidentHistoryDto>(core, 'lookup:history', {
      residentId: (await core
        .db()!
        .get<{ r: number }>('SELECT resident_id AS r FROM cards WHERE id = ?', [id]))!.r,
    });
    const offers = history.cards.find((c) => c.serial === SERIAL.issued)!.actions;
    expect(offers.find((a) => a.action === 'renewal')).toEqual({
      action: 'renewal',
      refusal: { code: 'renewal-too-early', detail: opens },
    });
    const found = await call<ResidentMatchDto>(core, 'lookup:by-serial', { serial: SERIAL.issued });
    expect(found.cards.find((c) => c.serial === SERIAL.issued)!.actions).toEqual(offers);
    // …and the start refuses with the same reason, before any document or card step.
    const before = await core.db()!.get<{ n: number }>('SELECT count(*) AS n FROM procedures');
    expect(await refusal(core, 'procedure:start', { kind: 'renewal', cardId: id })).toBe(
      `renewal-too-early ${opens}`,
    );
    expect(await core.db()!.get<{ n: number }>('SELECT count(*) AS n FROM procedures')).toEqual(
      before,
    );
  });

  it('a renewal for changed facts starts; both is still too early, signing alone needs the change', async () => {
    insert(core, await presetCard(core, 'issued'));
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'renewal',
      cardId: await cardId(core, SERIAL.issued),
      factsChanged: true,
    });
    await call(core, 'procedure:record-documents', {
      procedureId: dto.procedureId,
      kinds: ['passport'],
    });
    await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
    const early = await refusal(core, 'procedure:choose', {
      procedureId: dto.procedureId,
      plan: KEEP_BOTH,
      scope: 'both',
    });
    expect(early.startsWith('renewal-too-early')).toBe(true);
    expect(
      await refusal(core, 'procedure:choose', {
        procedureId: dto.procedureId,
        plan: [{ kind: 'signing', mode: 'current' }],
        scope: 'signing-only',
      }),
    ).toBe('facts-unchanged');
    await call(core, 'procedure:cancel', { procedureId: dto.procedureId, reason: 'test' });
  });

  const RENEWAL_PULLS = [
    { step: 'generating a key', at: { ins: 0x47, p1: 0x80, n: 1 } },
    { step: 'writing the certificates', at: { ins: 0xd6, n: 2 } },
    { step: 'the second test signature', at: { ins: 0x2a, n: 2 } },
  ];
  for (const pull of RENEWAL_PULLS) {
    it(`renewal of expired certificates: a card pulled at ${pull.step} resumes, old ones superseded`, async () => {
      const card = await presetCard(core, 'cert-expired');
      insert(core, card);
      const before = generations(card);
      // The certificates of an earlier run here expire within 3 months (time has passed).
      await sql(
        core,
        "UPDATE certificates SET not_after = '2027-01-31T00:00:00.000Z' WHERE status = 'issued' AND card_id = ?",
        [await cardId(core, SERIAL.certExpired)],
      );
      const rowsBefore = await certificates(core, SERIAL.certExpired);
      const dto = await start(core, 'renewal', SERIAL.certExpired);
      await upToPins(core, dto.procedureId, KEEP_BOTH, 'both');
      pullAt(core, card, pull.at);
      const first = await enter(core, dto.procedureId, keepValues);
      expect(first.dto).toMatchObject({ step: 'pins', needsCard: true });
      core.simReader!.insert(card);
      await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
      const second = await enter(core, dto.procedureId, keepValues);
      expect(second.result).toBe('done');
      expect(second.dto).toMatchObject({ step: 'completed', renewal: { scope: 'both' } });
      expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth + 1 });
      const rows = await certificates(core, SERIAL.certExpired);
      expect(rows.length).toBe(rowsBefore.length + 2);
      // Live ones are superseded; the seed's expired certificates need no revocation.
      expect(
        rows
          .slice(0, rowsBefore.length)
          .every((c, i) =>
            rowsBefore[i]!.status === 'expired'
              ? c.status === 'expired'
              : c.status === 'revoked' && c.reason === 'superseded',
          ),
      ).toBe(true);
    });
  }

  it('renewal of the signing certificate alone after a move: affiliationChanged, the auth certificate kept', async () => {
    const card = await presetCard(core, 'cert-expired');
    insert(core, card);
    const resident = await core
      .db()!
      .get<{ id: number }>('SELECT resident_id AS id FROM cards WHERE serial = ?', [
        SERIAL.certExpired,
      ]);
    await sql(core, "UPDATE residents SET address = '見本県窓口市梅町９－９' WHERE id = ?", [
      resident!.id,
    ]);
    const before = generations(card);
    const rowsBefore = await certificates(core, SERIAL.certExpired);
    const dto = await start(core, 'renewal', SERIAL.certExpired);
    await upToPins(core, dto.procedureId, [{ kind: 'signing', mode: 'new' }], 'signing-only');
    const r = await enter(core, dto.procedureId, { signing: entry(NEW.signing) });
    expect(r.result).toBe('done');
    expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth });
    const rows = await certificates(core, SERIAL.certExpired);
    const oldSigning = rowsBefore.filter((c) => c.kind === 'signing' && c.status === 'issued');
    const oldAuth = rowsBefore.filter((c) => c.kind === 'auth' && c.status === 'issued');
    expect(oldSigning.length).toBe(1);
    for (const c of oldSigning)
      expect(rows.find((x) => x.serial === c.serial)).toMatchObject({
        status: 'revoked',
        reason: 'affiliationChanged',
      });
    for (const c of oldAuth)
      expect(rows.find((x) => x.serial === c.serial)).toMatchObject({ status: 'issued' });
    expect(rows.length).toBe(rowsBefore.length + 1);
  });

  it('practice: the seeded resident who moved (preset moved) gets the signing certificate alone', async () => {
    const card = await presetCard(core, 'moved');
    insert(core, card);
    const before = generations(card);
    // Nothing due by date: the clerk starts the renewal for the changed facts.
    const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'renewal',
      cardId: await cardId(core, '990000000000023'),
      factsChanged: true,
    });
    await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
    // The chip's address differs from the record: a renewal still matches the card.
    expect(
      await call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER }),
    ).toMatchObject({ step: 'choose' });
    // Nothing to renew by date (issued 2025, valid for years): both together is refused…
    const keep = [
      { kind: 'signing', mode: 'current' },
      { kind: 'auth', mode: 'current' },
    ];
    expect(
      await refusal(core, 'procedure:choose', { procedureId, plan: keep, scope: 'both' }),
    ).toMatch(/^renewal-too-early /);
    // …but the address on the chip is the old one: the signing certificate alone is reissued.
    await call(core, 'procedure:choose', {
      procedureId,
      plan: [{ kind: 'signing', mode: 'new' }],
      scope: 'signing-only',
    });
    const dto = { procedureId };
    const r = await enter(core, dto.procedureId, { signing: entry(NEW.signing) });
    expect(r.result).toBe('done');
    expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth });
  });

  it('no value entered is in the journal, the audit, the events or any file', async () => {
    // The journal's key and certificate bytes (base64) can hold any 4 digits by chance: those
    // rows are searched for the password only, like the files.
    const binary = new Set(['keys-generated', 'certificates-issued']);
    const journal = await core
      .db()!
      .all<{ step: string; data: string }>('SELECT step, data FROM procedure_journal');
    const dump = [
      JSON.stringify(journal.filter((r) => !binary.has(r.step))),
      JSON.stringify(await core.db()!.all('SELECT action, details FROM audit_log')),
      JSON.stringify(events),
    ].join('\n');
    for (const v of [...Object.values(NEW), NEW.signing.toUpperCase()])
      expect(dump.includes(v), `a value in the journal, audit or events`).toBe(false);
    const passwords = [NEW.signing, NEW.signing.toUpperCase(), SEEDED.signing];
    expect(journal.some((r) => passwords.some((p) => r.data.includes(p)))).toBe(false);
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file).toString('latin1');
      for (const p of passwords) expect(text.includes(p), `${file} holds a password`).toBe(false);
    }
  });
});

describe('a restart of the app at each step of a release resumes it', () => {
  it('documents, card, face, choose, pins and a pull during the certificates, each followed by a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-restart-'));
    let core = await open(dataDir);
    const card = await presetCard(core, 'suspended');
    const restart = async () => {
      await core.close();
      core = await open(dataDir);
      insert(core, card);
    };
    try {
      insert(core, card);
      const before = generations(card);
      const { procedureId } = await start(core, 'release', SERIAL.suspended);
      await restart();
      expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe(
        'documents',
      );
      await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
      await restart();
      expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe('card');
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      await restart();
      let dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
      expect(dto).toMatchObject({ step: 'face', needsCard: true });
      expect(await refusal(core, 'procedure:record-face', { procedureId, decision: 'match' })).toBe(
        'step-not-allowed needs-card',
      );
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
      await restart();
      expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe(
        'choose',
      );
      await call(core, 'procedure:choose', { procedureId, plan: KEEP_BOTH });
      await restart();
      dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
      expect(dto).toMatchObject({ step: 'pins', plan: KEEP_BOTH });
      // The entry opened, then the app restarted before the resident entered anything.
      await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
      await restart();
      expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
      // Pulled while the certificates are written, then restarted.
      pullAt(core, card, { ins: 0xd6, n: 2 });
      const pulled = await enter(core, procedureId, keepValues);
      expect(pulled.dto).toMatchObject({ step: 'pins', needsCard: true });
      await restart();
      dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
      expect(dto).toMatchObject({
        step: 'pins',
        needsCard: true,
        certificates: { phase: 'waiting' },
      });
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      const done = await enter(core, procedureId, keepValues);
      expect(done.result).toBe('done');
      expect(done.dto).toMatchObject({ step: 'completed', card: { state: 'issued' } });
      expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth + 1 });
      // The seed's two (held, now revoked) and the two new ones.
      expect((await certificates(core, SERIAL.suspended)).map((c) => c.status)).toEqual([
        'revoked',
        'revoked',
        'issued',
        'issued',
      ]);
    } finally {
      await core.close();
    }
  });
});

describe('a restart of the app during a PIN reset and a renewal resumes them', () => {
  it('a PIN reset pulled at the change, the app restarted: only the rest is asked, set by the authority, then done', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-restart-reset-'));
    let core = await open(dataDir);
    try {
      const card = await presetCard(core, 'issued');
      insert(core, card);
      const { procedureId } = await start(core, 'pin-reset', SERIAL.issued);
      await upToPins(core, procedureId, [
        { kind: 'auth', mode: 'new' },
        { kind: 'text', mode: 'change' },
      ]);
      await core.close();
      core = await open(dataDir);
      insert(core, card);
      expect(await call<ProcedureDto>(core, 'procedure:get', { procedureId })).toMatchObject({
        step: 'pins',
        needsCard: true,
        plan: [
          { kind: 'auth', mode: 'new' },
          { kind: 'text', mode: 'change' },
        ],
      });
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      pullAt(core, card, { ins: 0x24, n: 1 });
      const values = { auth: entry(NEW.auth), text: { ...entry(NEW.text), current: SEEDED.text } };
      await enter(core, procedureId, values);
      await core.close();
      core = await open(dataDir);
      insert(core, card);
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
      const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
      // The change was cut off with CHANGE REFERENCE DATA sent: the card may hold either value,
      // so the authority sets the new one instead of asking for the value in use.
      expect(prompt).toMatchObject({ required: ['text'], resume: true, modes: { text: 'new' } });
      expect(await submit(core, { text: entry(NEW.text) })).toBe('done');
      expect(
        (await call<ProcedureDto>(core, 'procedure:get', { procedureId })).completedAt,
      ).not.toBeNull();
    } finally {
      await core.close();
    }
  });

  it('a renewal pulled while writing, the app restarted: the keys and certificates are reused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-restart-renewal-'));
    let core = await open(dataDir);
    try {
      const card = await presetCard(core, 'cert-expired');
      insert(core, card);
      const before = generations(card);
      const { procedureId } = await start(core, 'renewal', SERIAL.certExpired);
      await upToPins(core, procedureId, KEEP_BOTH, 'both');
      pullAt(core, card, { ins: 0xd6, n: 1 });
      await enter(core, procedureId, keepValues);
      await core.close();
      core = await open(dataDir);
      insert(core, card);
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      const done = await enter(core, procedureId, keepValues);
      expect(done.result).toBe('done');
      expect(done.dto).toMatchObject({ step: 'completed', renewal: { scope: 'both' } });
      expect(generations(card)).toEqual({ sign: before.sign + 1, auth: before.auth + 1 });
      // The seed's two expired ones and the two new ones.
      expect((await certificates(core, SERIAL.certExpired)).map((c) => c.status)).toEqual([
        'expired',
        'expired',
        'issued',
        'issued',
      ]);
    } finally {
      await core.close();
    }
  });

  it('a renewal cancelled after the card was pulled at the second certificate: a new one finishes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-renewal-again-'));
    const core = await open(dataDir);
    try {
      const card = await presetCard(core, 'cert-expired');
      const before = generations(card);
      const first = await start(core, 'renewal', SERIAL.certExpired);
      insert(core, card);
      await upToPins(core, first.procedureId, KEEP_BOTH, 'both');
      pullAt(core, card, { ins: 0xd6, n: 2 });
      expect((await enter(core, first.procedureId, keepValues)).dto).toMatchObject({
        step: 'pins',
        needsCard: true,
      });
      await call(core, 'procedure:cancel', { procedureId: first.procedureId, reason: 'test' });
      // Both new certificates are recorded, one of them never reached the card: the old ones,
      // expired, are still the ones due.
      expect((await certificates(core, SERIAL.certExpired)).map((c) => c.status)).toEqual([
        'expired',
        'expired',
        'issued',
        'issued',
      ]);
      core.simReader!.insert(card);
      const again = await start(core, 'renewal', SERIAL.certExpired);
      expect(await upToPins(core, again.procedureId, KEEP_BOTH, 'both')).toMatchObject({
        step: 'pins',
      });
      const done = await enter(core, again.procedureId, keepValues);
      expect(done.result).toBe('done');
      expect(done.dto).toMatchObject({ step: 'completed', renewal: { scope: 'both' } });
      // The cut-off run's keys, then the finishing run's.
      expect(generations(card)).toEqual({ sign: before.sign + 2, auth: before.auth + 2 });
      // The cut-off run's certificates are superseded too: one pair is live, the new one.
      expect(
        (await certificates(core, SERIAL.certExpired)).map((c) => [c.kind, c.status, c.reason]),
      ).toEqual([
        ['signing', 'expired', null],
        ['auth', 'expired', null],
        ['signing', 'revoked', 'superseded'],
        ['auth', 'revoked', 'superseded'],
        ['signing', 'issued', null],
        ['auth', 'issued', null],
      ]);
    } finally {
      await core.close();
    }
  });

  it('a face mismatch in a release goes on only with a supervisor’s approval of this procedure', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-face-'));
    const core = await open(dataDir);
    try {
      insert(core, await presetCard(core, 'suspended'));
      const { procedureId } = await start(core, 'release', SERIAL.suspended);
      await call(core, 'procedure:record-documents', { procedureId, kinds: ['passport'] });
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      const photos = await call<{ chip: string }>(core, 'procedure:read-photos', {
        procedureId,
        reader: READER,
      });
      expect(photos.chip.startsWith('data:image/png;base64,')).toBe(true);
      const stopped = await call<ProcedureDto>(core, 'procedure:record-face', {
        procedureId,
        decision: 'mismatch',
      });
      expect(stopped).toMatchObject({ step: 'face-mismatch', notice: { code: 'face-mismatch' } });
      expect(await refusal(core, 'procedure:choose', { procedureId, plan: KEEP_BOTH })).toBe(
        'step-not-allowed face-mismatch',
      );
      const approval = await call<{ approvalId: number }>(core, 'approval:approve', {
        action: 'face-check-override',
        procedureId,
        reason: '髪型が変わった',
        approverLoginId: 'sekinin',
        approverPassword: 'sekinin-2026',
      });
      const on = await call<ProcedureDto>(core, 'procedure:override-face', {
        procedureId,
        approvalId: approval.approvalId,
      });
      expect(on).toMatchObject({ step: 'choose', face: 'override' });
      expect(on.approvedBy).not.toBeNull();
    } finally {
      await core.close();
    }
  });
});

describe('one resident window for every procedure', () => {
  it('an issuance opening its PIN entry closes a release’s open entry; the resident calls follow', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-lifecycle-hub-'));
    const core = await open(dataDir);
    try {
      insert(core, await presetCard(core, 'suspended'));
      const release = await start(core, 'release', SERIAL.suspended);
      await upToPins(core, release.procedureId, KEEP_BOTH);
      await call(core, 'procedure:open-pin-entry', {
        procedureId: release.procedureId,
        reader: READER,
      });
      expect(
        (await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT)).purpose,
      ).toBe('release');

      // 窓口花子's issuance takes the resident window, once the release is parked (保留): one
      // resident at a time at this counter.
      await call(core, 'procedure:hold', { procedureId: release.procedureId, reason: 'clerk' });
      const { issuerPublicKey } = await core.authority();
      insert(core, await loadPreset('prepared', { timing: false, issuerPublicKey }));
      const app = (
        await call<ResidentMatchDto>(core, 'lookup:by-notice', {
          noticeNumber: 'MD-2026-0001',
          birthDate: '1992-07-08',
        })
      ).applications[0]!;
      const issuance = await call<{ procedureId: string }>(core, 'procedure:start', {
        kind: 'issuance',
        applicationId: app.id,
      });
      const id = issuance.procedureId;
      await call(core, 'procedure:record-documents', {
        procedureId: id,
        kinds: ['driving-licence'],
        guardianship: false,
        representative: null,
      });
      await call(core, 'procedure:check-card', { procedureId: id, reader: READER });
      await call(core, 'procedure:record-face', { procedureId: id, decision: 'match' });
      await answerCardFace(routerCall(core), id, READER);
      await call(core, 'procedure:open-pin-entry', { procedureId: id, reader: READER });
      const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
      expect(prompt).toMatchObject({ procedureId: id, purpose: 'issuance' });
      expect(
        await call<ProcedureDto>(core, 'procedure:get', { procedureId: release.procedureId }),
      ).toMatchObject({
        step: 'pins',
        needsCard: true,
        pins: { entryOpen: false },
      });
      // A check of a value now goes to the issuance, under issuance's rules.
      const check = await call<{ violation: string | null }>(
        core,
        'resident:check-pin',
        { kind: 'auth', value: '1234', confirmation: '1234' },
        RESIDENT,
      );
      expect(check.violation).toBe('pin-sequence');
    } finally {
      await core.close();
    }
  });
});
