// 券面記載事項の変更 and the switch of a card to 顔認証 and back, through the core's router with a real
// sqlite file and the simulated reader: card health names the difference and the kind (the text
// application and the card face both show the record's facts after the change), each
// procedure to its end on the seed's cards, and the refusals (facts already the record's, a switch
// while a certificate procedure is open, a switch to the kind the card is already).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCardFaceFacts, readFacePhoto } from '../../../main/card/apps/visual';
import { parseMyNumber } from '../../../main/card/domain';
import type { Core } from '../../../main/core';
import { isJpeg2000 } from '../../../main/images/jp2';
import type { CardHealthDto, FileWrittenDto } from '../../../preload/contract/dto';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import {
  cardId,
  certificates,
  enter,
  entry,
  presetCard,
  READER,
  refusal,
} from '../support/card-procedures';
import { call, insert, startCore } from '../support/router-calls';

const MOVED = '990000000000023';
/** The 個人番号 of the moved resident's card (resources/cards/moved.json): its 照合番号A. */
const MOVED_NUMBER = parseMyNumber('555111222330');
const ISSUED = '990000000000002';
const FACE_AUTH = '990000000000041';
const NEW = { signing: 'Kawa7Sora', auth: '6081', juki: '3952', text: '4718' } as const;

async function open(): Promise<Core> {
  const core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-card-changes-')));
  await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  return core;
}

const health = (core: Core) => call<CardHealthDto>(core, 'card:read-health', { reader: READER });

/** Starts the procedure, records a list-A document and reads the card: the step after it. */
async function throughCard(core: Core, request: Record<string, unknown>): Promise<ProcedureDto> {
  const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', request);
  await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
  return call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
}

describe('券面記載事項の変更 (the resident who moved)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await open();
  });
  afterAll(async () => {
    await core.close();
  });

  it('card health says the chip is not the record and offers the change', async () => {
    insert(core, await presetCard(core, 'moved'));
    expect(await health(core)).toMatchObject({
      serial: MOVED,
      cardKind: 'standard',
      factsMatchRecord: false,
      nextActions: ['change-card-facts'],
    });
  });

  it('writes the new address, revokes the signing certificate and reissues it', async () => {
    const card = await presetCard(core, 'moved');
    insert(core, card);
    const signsBefore = card.keyGenerations('sign');
    const dto = await throughCard(core, { kind: 'card-change', cardId: await cardId(core, MOVED) });
    expect(dto).toMatchObject({ step: 'write-card', cardChange: { written: false } });
    expect(dto.header.steps).toEqual(['documents', 'card', 'write-card', 'pins', 'certificates']);
    const { procedureId } = dto;
    const written = await call<ProcedureDto>(core, 'procedure:write-card-facts', {
      procedureId,
      reader: READER,
      changed: ['address'],
      reissueSigning: true,
    });
    expect(written).toMatchObject({
      step: 'pins',
      plan: [{ kind: 'signing', mode: 'new' }],
      cardChange: { changed: ['address'], reissueSigning: true, written: true },
    });
    // The signing certificate carried the old address: revoked before the new one is issued.
    expect((await certificates(core, MOVED)).filter((c) => c.kind === 'signing')).toEqual([
      expect.objectContaining({ status: 'revoked', reason: 'affiliationChanged' }),
    ]);
    const r = await enter(core, procedureId, { signing: entry(NEW.signing) });
    expect(r.result).toBe('done');
    expect(r.dto.step).toBe('completed');
    expect(card.keyGenerations('sign')).toBe(signsBefore + 1);
    const signing = (await certificates(core, MOVED)).filter((c) => c.kind === 'signing');
    expect(signing.map((c) => c.status)).toEqual(['revoked', 'issued']);
    // The chip now holds the record's facts: nothing more to change.
    const after = await health(core);
    expect(after.factsMatchRecord).toBe(true);
    expect(after.nextActions).not.toContain('change-card-facts');
    // The card face (券面事項確認AP) shows the new address too, its photo kept and signed anew.
    const face = await core.cards.withCard(READER, (s) => readCardFaceFacts(s, MOVED_NUMBER));
    expect(face).toEqual({
      name: '転居　健',
      address: '見本県窓口市桜町８－８－８',
      birthDate: '1980-06-06',
      sex: 'male',
    });
    const photo = await core.cards.withCard(READER, (s) => readFacePhoto(s, MOVED_NUMBER));
    expect(isJpeg2000(photo)).toBe(true);
    const note = await call<FileWrittenDto>(core, 'procedure:print-card-note', { procedureId });
    expect(existsSync(note.path)).toBe(true);
    expect(note.bytes).toBeGreaterThan(1000);
  });

  it('is refused at the card when the chip and the record already agree', async () => {
    insert(core, await presetCard(core, 'issued'));
    const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'card-change',
      cardId: await cardId(core, ISSUED),
    });
    await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
    expect(await refusal(core, 'procedure:check-card', { procedureId, reader: READER })).toBe(
      'facts-unchanged',
    );
    await call(core, 'procedure:cancel', { procedureId, reason: '変更なし' });
  });
});

describe('券面記載事項の変更 without a new signing certificate', () => {
  let core: Core;
  beforeAll(async () => {
    core = await open();
  });
  afterAll(async () => {
    await core.close();
  });

  it('ends once the facts are written; the signing certificate stays revoked', async () => {
    insert(core, await presetCard(core, 'moved'));
    const { procedureId } = await throughCard(core, {
      kind: 'card-change',
      cardId: await cardId(core, MOVED),
    });
    const dto = await call<ProcedureDto>(core, 'procedure:write-card-facts', {
      procedureId,
      reader: READER,
      changed: ['address', 'name'],
      reissueSigning: false,
    });
    expect(dto).toMatchObject({ step: 'completed', actions: ['print-card-note'] });
    expect(dto.header.steps).toEqual(['documents', 'card', 'write-card']);
    expect((await certificates(core, MOVED)).map((c) => [c.kind, c.status])).toEqual([
      ['signing', 'revoked'],
      ['auth', 'issued'],
    ]);
    expect((await health(core)).factsMatchRecord).toBe(true);
  });
});

describe('顔認証マイナンバーカード: switched to face-auth and back the same day', () => {
  let core: Core;
  beforeAll(async () => {
    core = await open();
  });
  afterAll(async () => {
    await core.close();
  });

  it('the practice resident with a face-auth card: health names the kind, no PIN set', async () => {
    insert(core, await presetCard(core, 'face-auth'));
    const h = await health(core);
    expect(h).toMatchObject({ serial: FACE_AUTH, cardKind: 'face-auth', factsMatchRecord: true });
    expect(h.pins.every((p) => p.state === 'not-set')).toBe(true);
    expect(h.certificates.map((c) => [c.kind, c.present])).toEqual([
      ['signing', false],
      ['auth', true],
    ]);
    expect(
      await refusal(core, 'procedure:start', {
        kind: 'card-kind',
        cardId: await cardId(core, FACE_AUTH),
        to: 'face-auth',
      }),
    ).toBe('card-kind-unchanged face-auth');
    // No PIN on it: a PIN reset or a renewal would put one there; the switch back does.
    for (const kind of ['pin-reset', 'renewal'])
      expect(
        await refusal(core, 'procedure:start', { kind, cardId: await cardId(core, FACE_AUTH) }),
      ).toBe('face-auth-card');
  });

  it('a switch is refused while a procedure on the certificates is open', async () => {
    const id = await cardId(core, ISSUED);
    const reset = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'pin-reset',
      cardId: id,
    });
    expect(
      await refusal(core, 'procedure:start', { kind: 'card-kind', cardId: id, to: 'face-auth' }),
    ).toBe('certificate-procedure-open pin-reset');
    await call(core, 'procedure:cancel', { procedureId: reset.procedureId, reason: '切替のため' });
  });

  it('to face-auth: the signing certificate revoked, every PIN taken off the card', async () => {
    insert(core, await presetCard(core, 'issued'));
    const dto = await throughCard(core, {
      kind: 'card-kind',
      cardId: await cardId(core, ISSUED),
      to: 'face-auth',
    });
    expect(dto).toMatchObject({ step: 'switch', cardKindSwitch: { to: 'face-auth' } });
    const done = await call<ProcedureDto>(core, 'procedure:switch-card-kind', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(done).toMatchObject({ step: 'completed', actions: ['print-card-note'] });
    expect((await certificates(core, ISSUED)).map((c) => [c.kind, c.status, c.reason])).toEqual([
      ['signing', 'revoked', 'cessationOfOperation'],
      ['auth', 'issued', null],
    ]);
    const h = await health(core);
    expect(h.cardKind).toBe('face-auth');
    expect(h.pins.map((p) => p.state)).toEqual(['not-set', 'not-set', 'not-set', 'not-set']);
    const note = await call<FileWrittenDto>(core, 'procedure:print-card-note', {
      procedureId: dto.procedureId,
    });
    expect(existsSync(note.path)).toBe(true);
    expect(
      await refusal(core, 'procedure:start', {
        kind: 'card-kind',
        cardId: await cardId(core, ISSUED),
        to: 'face-auth',
      }),
    ).toBe('card-kind-unchanged face-auth');
  });

  it('back to a normal card the same day: the four PINs set, a new signing certificate', async () => {
    const dto = await throughCard(core, {
      kind: 'card-kind',
      cardId: await cardId(core, ISSUED),
      to: 'standard',
    });
    expect(dto).toMatchObject({ step: 'pins', cardKindSwitch: { to: 'standard' } });
    expect(dto.header.steps).toEqual(['documents', 'card', 'pins', 'certificates']);
    const r = await enter(core, dto.procedureId, {
      signing: entry(NEW.signing),
      auth: entry(NEW.auth),
      juki: entry(NEW.juki),
      text: entry(NEW.text),
    });
    expect(r.result).toBe('done');
    expect(r.dto.step).toBe('completed');
    const h = await health(core);
    expect(h.cardKind).toBe('standard');
    expect(h.pins.every((p) => p.state === 'ok')).toBe(true);
    expect(h.certificates.find((c) => c.kind === 'signing')?.present).toBe(true);
    expect((await certificates(core, ISSUED)).filter((c) => c.kind === 'signing').length).toBe(2);
  });
});
