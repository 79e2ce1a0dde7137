// 交付 through the core's router with a real sqlite file and the simulated reader: the whole
// issuance, a wrong card, the PIN rules, the face check override, a pulled card, the authority
// failing (後日交付) and a restart at each step, each ending with the card's certificates checked.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../../../main/card/sim/presets';
import type { CoreConfig } from '../../../main/config/config';
import type { Core } from '../../../main/core';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { Channel } from '../../../preload/contract/channels';
import type { CardHealthDto, SessionDto, SimStateDto } from '../../../preload/contract/dto';
import type { FacePhotosDto, ResidentPromptDto } from '../../../preload/contract/issuance';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { pdfText, squash } from '../../unit/documents/pdf-text';
import { answerCardFace } from '../support/card-face';
import {
  call,
  CLERK,
  insert,
  raw,
  RESIDENT,
  routerCall,
  startCore,
  watched,
} from '../support/router-calls';

const READER = SIM_READER_NAME;
const HANAKO = { noticeNumber: 'MD-2026-0001', birthDate: '1992-07-08', serial: '990000000000001' };
/** What 窓口花子 types on the resident screen (a scan of the files looks for exactly these). */
const TYPED = { signing: 'Mado2026key', auth: '7395', juki: '2846', text: '5017' } as const;

async function open(
  dataDir: string = mkdtempSync(join(tmpdir(), 'madoguchi-issuance-')),
  over: Partial<CoreConfig> = {},
) {
  const core = await startCore(dataDir, over);
  return { core, dataDir };
}

async function refusal(core: Core, channel: Channel, payload: unknown = {}, sender = CLERK) {
  const r = await raw(core, channel, payload, sender);
  return r.ok ? 'accepted' : r.error.code;
}

async function login(core: Core, loginId = 'renshu01') {
  await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
}

/** The prepared card of 窓口花子, trusting this core's practice authority. */
async function hanakoCard(core: Core): Promise<SimCard> {
  const { issuerPublicKey } = await core.authority();
  return loadPreset('prepared', { timing: false, issuerPublicKey });
}

async function startHanako(core: Core): Promise<ProcedureDto> {
  const app = (
    await call<ResidentMatchDto>(core, 'lookup:by-notice', {
      noticeNumber: HANAKO.noticeNumber,
      birthDate: HANAKO.birthDate,
    })
  ).applications[0]!;
  return call<ProcedureDto>(core, 'procedure:start', { kind: 'issuance', applicationId: app.id });
}

const documents = { kinds: ['driving-licence'], guardianship: false, representative: null };

async function upToCardFace(core: Core, procedureId: string): Promise<ProcedureDto> {
  await call(core, 'procedure:record-documents', { procedureId, ...documents });
  await call(core, 'procedure:check-card', { procedureId, reader: READER });
  return call<ProcedureDto>(core, 'procedure:record-face', { procedureId, decision: 'match' });
}

async function upToPins(core: Core, procedureId: string): Promise<ProcedureDto> {
  await upToCardFace(core, procedureId);
  return answerCardFace(routerCall(core), procedureId, READER);
}

async function enterPins(
  core: Core,
  procedureId: string,
  typed: Partial<Record<keyof typeof TYPED, string>> = TYPED,
) {
  await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
  const entry = (v: string) => ({ value: v, confirmation: v });
  const payload = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, entry(v)]));
  const submitted = await call<{ done: boolean }>(core, 'resident:submit-pins', payload, RESIDENT);
  return { submitted, dto: await call<ProcedureDto>(core, 'procedure:get', { procedureId }) };
}

async function certificateRows(core: Core, serial: string) {
  return core.db()!.all<{ kind: string; n: number }>(
    `SELECT c.kind AS kind, count(*) AS n FROM certificates c JOIN cards k ON k.id = c.card_id
      WHERE k.serial = ? GROUP BY c.kind ORDER BY c.kind`,
    [serial],
  );
}

async function journalCount(core: Core, procedureId: string, step: string): Promise<number> {
  const row = await core
    .db()!
    .get<{ n: number }>(
      'SELECT count(*) AS n FROM procedure_journal WHERE procedure_id = ? AND step = ?',
      [procedureId, step],
    );
  return row?.n ?? 0;
}

describe('交付: the whole issuance of 窓口花子 (MD-2026-0001)', () => {
  let core: Core;
  let dataDir: string;
  let card: SimCard;
  let dto: ProcedureDto;
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    ({ core, dataDir } = await open());
    core.onEvent((event, payload) => events.push({ event, payload }));
    await login(core);
    card = await hanakoCard(core);
    insert(core, card);
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('finds the application only by notice number and birth date together', async () => {
    expect(
      await refusal(core, 'lookup:by-notice', {
        noticeNumber: HANAKO.noticeNumber,
        birthDate: '1992-07-09',
      }),
    ).toBe('application-not-found');
    expect(
      await refusal(core, 'lookup:by-notice', {
        noticeNumber: 'MD-2026-9999',
        birthDate: HANAKO.birthDate,
      }),
    ).toBe('application-not-found');
    const residents = await call<ResidentMatchDto[]>(core, 'lookup:by-name', {
      name: 'まどぐち',
      birthDate: HANAKO.birthDate,
    });
    const found = residents.flatMap((r) => r.applications);
    expect(found.map((a) => a.noticeNumber)).toEqual([HANAKO.noticeNumber]);
    expect(found[0]!.under15).toBe(false);
    expect(found[0]!.card).toMatchObject({ serial: HANAKO.serial });
  });

  it('starts at the documents step and refuses to skip it', async () => {
    dto = await startHanako(core);
    expect(dto.step).toBe('documents');
    expect(
      await refusal(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER }),
    ).toBe('step-not-allowed');
  });

  it('refuses one list-B document, accepts a driving licence', async () => {
    expect(
      await refusal(core, 'procedure:record-documents', {
        procedureId: dto.procedureId,
        kinds: ['health-insurance'],
        guardianship: false,
        representative: null,
      }),
    ).toBe('documents-invalid');
    dto = await call(core, 'procedure:record-documents', {
      procedureId: dto.procedureId,
      ...documents,
    });
    expect(dto.step).toBe('card');
  });

  it('matches the inserted card by serial, 個人番号 and four facts; the card becomes the face step', async () => {
    dto = await call(core, 'procedure:check-card', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(dto.step).toBe('face');
    expect(dto.matchedSerial).toBe(HANAKO.serial);
  });

  it('shows the chip photo decoded to PNG and the application photo', async () => {
    const photos = await call<FacePhotosDto>(core, 'procedure:read-photos', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(photos.chip.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(photos.chip.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The practice resident's application photo, beside it.
    expect(photos.application?.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('a face match moves to the card face; no PIN can be reached before the resident confirms it', async () => {
    const procedureId = dto.procedureId;
    dto = await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
    expect(dto.step).toBe('card-face');
    expect(dto.cardFace).toEqual({ shown: false, facts: null, answer: null, answeredAt: null });
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
    expect(await refusal(core, 'procedure:open-pin-entry', { procedureId, reader: READER })).toBe(
      'card-face-not-confirmed',
    );
    // Nothing open on the resident window: an answer to no question is refused.
    expect(
      await refusal(
        core,
        'resident:confirm-card-face',
        { procedureId, answer: 'confirmed' },
        RESIDENT,
      ),
    ).toBe('pin-entry-not-open');

    dto = await call(core, 'procedure:show-card-face', { procedureId, reader: READER });
    // The four facts as the chip holds them: those of the record, proven by the chip's digest.
    const facts = {
      name: dto.resident.kanjiName,
      address: dto.resident.address,
      birthDate: HANAKO.birthDate,
      sex: 'female',
    };
    expect(dto).toMatchObject({
      step: 'card-face',
      cardFace: { shown: true, facts, answer: null },
    });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt).toMatchObject({ procedureId, purpose: 'issuance', cardFace: facts });
    // The secrets wait for the confirmation, whatever the resident window sends.
    expect(
      await refusal(
        core,
        'resident:check-pin',
        { kind: 'auth', value: TYPED.auth, confirmation: TYPED.auth },
        RESIDENT,
      ),
    ).toBe('card-face-not-confirmed');
    expect(
      await refusal(
        core,
        'resident:submit-pins',
        { auth: { value: TYPED.auth, confirmation: TYPED.auth } },
        RESIDENT,
      ),
    ).toBe('card-face-not-confirmed');
    expect(await refusal(core, 'procedure:open-pin-entry', { procedureId, reader: READER })).toBe(
      'card-face-not-confirmed',
    );
    expect(card.keyGenerations('sign') + card.keyGenerations('auth')).toBe(0);
  });

  it('refuses a hostile or ill-formed answer: the clerk window, unknown words, another procedure', async () => {
    const procedureId = dto.procedureId;
    const answer = (payload: unknown, sender = RESIDENT) =>
      refusal(core, 'resident:confirm-card-face', payload, sender);
    expect(await answer({ procedureId, answer: 'confirmed' }, CLERK)).toBe('forbidden-sender');
    expect(await answer({ procedureId, answer: 'yes' })).toBe('validation');
    expect(await answer({ procedureId, answer: 'confirmed', facts: 'x' })).toBe('validation');
    expect(await answer({ procedureId: '<script>', answer: 'confirmed' })).toBe('validation');
    expect(await answer({ answer: 'confirmed' })).toBe('validation');
    expect(await answer({ procedureId: 'iss-otherprocedure', answer: 'confirmed' })).toBe(
      'pin-entry-not-open',
    );
    const still = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
    expect(still).toMatchObject({ step: 'card-face', cardFace: { shown: true, answer: null } });
  });

  it('the resident confirms: journaled and audited with the operator, the PIN step follows', async () => {
    const procedureId = dto.procedureId;
    expect(
      await call(
        core,
        'resident:confirm-card-face',
        { procedureId, answer: 'confirmed' },
        RESIDENT,
      ),
    ).toEqual({ answer: 'confirmed' });
    dto = await call(core, 'procedure:get', { procedureId });
    expect(dto.step).toBe('pins');
    expect(dto.cardFace).toMatchObject({ shown: true, answer: 'confirmed' });
    expect(Date.parse(dto.cardFace!.answeredAt!)).not.toBeNaN();
    // The confirmation closed the resident window's question; the PINs open on the clerk's 開始.
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
    expect(
      await refusal(core, 'resident:confirm-card-face', { procedureId, answer: 'wrong' }, RESIDENT),
    ).toBe('pin-entry-not-open');
    const audit = await cardFaceAudit(core, procedureId);
    expect(audit.map((r) => r.action)).toEqual(['issuance.card-face-shown', 'issuance.card-face']);
    expect(audit.every((r) => r.loginId === 'renshu01')).toBe(true);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      procedure: procedureId,
      answer: 'confirmed',
    });
    expect(await journalCount(core, procedureId, 'card-face')).toBe(1);
  });

  it('opens the PIN entry once the card face is confirmed; the resident screen shows nothing before 開始', async () => {
    dto = await call(core, 'procedure:open-pin-entry', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt).toEqual({
      procedureId: dto.procedureId,
      required: ['signing', 'auth', 'juki', 'text'],
      resume: false,
      purpose: 'issuance',
      modes: { signing: 'new', auth: 'new', juki: 'new', text: 'new' },
      triesLeft: {},
      cardFace: null,
    });
    expect(events.some((e) => e.event === 'resident:prompt-changed' && e.payload !== null)).toBe(
      true,
    );
  });

  it('refuses each PIN rule and counts the attempts without any digit', async () => {
    const check = (kind: string, value: string, confirmation = value) =>
      call<{ violation: string | null }>(
        core,
        'resident:check-pin',
        { kind, value, confirmation },
        RESIDENT,
      );
    expect((await check('auth', '1111')).violation).toBe('pin-same-digits');
    expect((await check('auth', '4321')).violation).toBe('pin-sequence');
    expect((await check('auth', '0708')).violation).toBe('pin-birth-date');
    expect((await check('juki', '9207')).violation).toBe('pin-birth-date');
    expect((await check('text', '1992')).violation).toBe('pin-birth-date');
    expect((await check('text', '12a4')).violation).toBe('pin-format');
    expect((await check('signing', 'abcdef')).violation).toBe('password-letter-digit');
    expect((await check('signing', 'ab1')).violation).toBe('password-format');
    expect((await check('auth', '7395', '7396')).violation).toBe('pin-confirmation-differs');
    expect((await check('signing', TYPED.signing)).violation).toBeNull();
    const got = await call<ProcedureDto>(core, 'procedure:get', { procedureId: dto.procedureId });
    expect(got.pins!.attempts).toEqual({ auth: 4, juki: 1, text: 2, signing: 2 });
    expect(got.pins!.accepted).toEqual(['signing']);
    expect(got.pins!.current).toBe('auth');
    // A submission breaking a rule is refused as a whole, naming the secret, not the value.
    const bad = await raw(
      core,
      'resident:submit-pins',
      {
        signing: { value: TYPED.signing, confirmation: TYPED.signing },
        auth: { value: '2580', confirmation: '2580' },
        juki: { value: '3456', confirmation: '3456' },
        text: { value: TYPED.text, confirmation: TYPED.text },
      },
      RESIDENT,
    );
    expect(bad).toEqual({ ok: false, error: { code: 'pin-sequence', detail: 'juki' } });
  });

  it('submits the PINs: keys on the card, certificates issued, written, read back and test-signed', async () => {
    const entry = (v: string) => ({ value: v, confirmation: v });
    const r = await call<{ done: boolean }>(
      core,
      'resident:submit-pins',
      {
        signing: entry(TYPED.signing),
        auth: entry(TYPED.auth),
        juki: entry(TYPED.juki),
        text: entry(TYPED.text),
      },
      RESIDENT,
    );
    expect(r.done).toBe(true);
    dto = await call(core, 'procedure:get', { procedureId: dto.procedureId });
    expect(dto.step).toBe('handover');
    expect(dto.certificates!.phase).toBe('done');
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
    const phases = events
      .filter((e) => e.event === 'procedure:updated')
      .map((e) => (e.payload as ProcedureDto).certificates?.phase);
    for (const phase of ['setting-pins', 'generating-keys', 'issuing', 'writing', 'verifying'])
      expect(phases).toContain(phase);
    // The resident's progress bar: main's events, one per step begun, in the sequence's order.
    const progress = events.filter((e) => e.event === 'resident:progress').map((e) => e.payload);
    const stages = ['pins', 'keys', 'keys', 'certificates', 'write']
      .concat(['read-back', 'test-sign', 'read-back', 'test-sign'])
      .map((stage, i) => ({ stage, step: i + 1, steps: 9 }));
    expect(progress).toEqual(stages);
    expect(card.keyGenerations('sign')).toBe(1);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await certificateRows(core, HANAKO.serial)).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);
  });

  it('card health now shows both certificates and the PINs set', async () => {
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.serial).toBe(HANAKO.serial);
    expect(health.certificates.map((c) => [c.kind, c.present])).toEqual(
      expect.arrayContaining([
        ['signing', true],
        ['auth', true],
      ]),
    );
    expect(health.pins.every((p) => p.state === 'ok')).toBe(true);
  });

  it('hands over: card and application issued, the procedure closed, the receipt printed', async () => {
    dto = await call(core, 'procedure:complete', {
      procedureId: dto.procedureId,
      handover: { collectedJukiCard: true, collectedNotificationCard: true },
    });
    expect(dto.step).toBe('completed');
    expect(dto.handover).toMatchObject({ collectedJukiCard: true });
    const row = await core.db()!.get<{ card: string; app: string; proc: string }>(
      `SELECT k.state AS card, a.status AS app, p.status AS proc FROM procedures p
          JOIN cards k ON k.id = p.card_id JOIN card_applications a ON a.id = p.application_id
         WHERE p.id = ?`,
      [dto.procedureId],
    );
    expect(row).toEqual({ card: 'issued', app: 'issued', proc: 'completed' });
    const receipt = await call<{ path: string; bytes: number }>(core, 'procedure:print-receipt', {
      procedureId: dto.procedureId,
    });
    expect(receipt.path.startsWith(join(dataDir, 'receipts'))).toBe(true);
    expect(readFileSync(receipt.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(
      await refusal(core, 'lookup:by-notice', {
        noticeNumber: HANAKO.noticeNumber,
        birthDate: HANAKO.birthDate,
      }).then(async () => {
        const app = (
          await call<ResidentMatchDto>(core, 'lookup:by-notice', {
            noticeNumber: HANAKO.noticeNumber,
            birthDate: HANAKO.birthDate,
          })
        ).applications[0]!;
        return refusal(core, 'procedure:start', { kind: 'issuance', applicationId: app.id });
      }),
    ).toBe('application-issued');
  });

  it('nothing the resident typed and no 個人番号 is in the database, its journal or the audit rows', async () => {
    await core.close();
    const files = readdirSync(dataDir).filter((f) => f.startsWith('issuance.sqlite3'));
    const text = files.map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('');
    for (const secret of [TYPED.signing, TYPED.signing.toUpperCase(), '123456789018'])
      expect(text.includes(secret)).toBe(false);
    ({ core } = await open(dataDir));
    const rows = await core
      .db()!
      .all<{ data: string }>(
        `SELECT data FROM procedure_journal UNION ALL SELECT details AS data FROM audit_log`,
      );
    const all = rows.map((r) => r.data).join('\n');
    for (const secret of [...Object.values(TYPED), '123456789018'])
      expect(all.includes(`"${secret}"`)).toBe(false);
    expect(/(?<![0-9])[0-9]{12}(?![0-9])/.test(all)).toBe(false);
  });
});

describe('交付: refusals and failures on the way', () => {
  let core: Core;
  let earlier = '';

  beforeAll(async () => {
    ({ core } = await open());
    await login(core);
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('another card is refused with wrong-card before any secret is presented to it', async () => {
    const dto = await startHanako(core);
    await call(core, 'procedure:record-documents', { procedureId: dto.procedureId, ...documents });
    const { issuerPublicKey } = await core.authority();
    const other = await loadPreset('issued', { timing: false, issuerPublicKey });
    const verifies: number[] = [];
    insert(
      core,
      watched(other, (ins) => {
        if (ins === 0x20) verifies.push(ins);
      }),
    );
    expect(
      await raw(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER }),
    ).toEqual({ ok: false, error: { code: 'wrong-card', cardHolder: '見本\u3000太郎' } });
    expect(verifies).toEqual([]);
    const after = await call<ProcedureDto>(core, 'procedure:get', { procedureId: dto.procedureId });
    expect(after.step).toBe('card');
    expect(after.matchedSerial).toBeNull();
    // The card of the application goes on.
    insert(core, await hanakoCard(core));
    const matched = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(matched.step).toBe('face');
    await call(core, 'procedure:cancel', {
      procedureId: dto.procedureId,
      reason: '練習のため中止',
    });
    earlier = dto.procedureId;
  });

  it('a card with the right serial but another 個人番号 or other four facts is refused', async () => {
    const dto = await startHanako(core);
    const procedureId = dto.procedureId;
    await call(core, 'procedure:record-documents', { procedureId, ...documents });
    const { issuerPublicKey } = await core.authority();
    const { loadApplicationCard } = await import('../../../main/card/sim/application-card');
    const hanako = {
      name: '窓口\u3000花子',
      address: '見本県窓口市本町１－２－３',
      birthDate: HANAKO.birthDate,
      sex: 'female' as const,
      // The practice fixture's number (resources/cards/prepared.json), a fictional one.
      myNumber: '123456789018',
      municipalityCode: '99999',
      serial: HANAKO.serial,
      cardExpiry: '2036-07-08',
    };
    const forged = async (over: Partial<typeof hanako>) =>
      loadApplicationCard({ ...hanako, ...over }, { timing: false, issuerPublicKey });
    insert(core, await forged({ address: '見本県窓口市本町９－９－９' }));
    expect(await raw(core, 'procedure:check-card', { procedureId, reader: READER })).toEqual({
      ok: false,
      error: { code: 'card-facts-mismatch', detail: 'facts' },
    });
    insert(core, await forged({ myNumber: '300000000012' }));
    expect(await raw(core, 'procedure:check-card', { procedureId, reader: READER })).toEqual({
      ok: false,
      error: { code: 'card-facts-mismatch', detail: 'my-number' },
    });
    insert(core, await forged({}));
    const matched = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId,
      reader: READER,
    });
    expect(matched.step).toBe('face');
    await call(core, 'procedure:cancel', { procedureId, reason: '練習のため中止' });
  });

  it('a face mismatch stops; only a supervisor approval for this procedure lets it go on', async () => {
    const started = await startHanako(core);
    const procedureId = started.procedureId;
    expect(started.step).toBe('documents');
    await call(core, 'procedure:record-documents', { procedureId, ...documents });
    await call(core, 'procedure:check-card', { procedureId, reader: READER });
    const stopped = await call<ProcedureDto>(core, 'procedure:record-face', {
      procedureId,
      decision: 'mismatch',
    });
    expect(stopped.step).toBe('face-mismatch');
    expect(stopped.notice).toEqual({ code: 'face-mismatch' });
    expect(await refusal(core, 'procedure:open-pin-entry', { procedureId, reader: READER })).toBe(
      'step-not-allowed',
    );
    const approve = (approverLoginId: string, forProcedure: string) =>
      raw<{ approvalId: number }>(core, 'approval:approve', {
        action: 'face-check-override',
        procedureId: forProcedure,
        reason: '髪型が変わったため。本人確認書類で確認済み',
        approverLoginId,
        approverPassword: `${approverLoginId}-2026`,
      });
    expect(await approve('renshu02', procedureId)).toMatchObject({
      ok: false,
      error: { code: 'approver-not-allowed' },
    });
    // An approval given for another procedure (the one cancelled before) does not count here.
    const elsewhere = await approve('sekinin', earlier);
    if (!elsewhere.ok) throw new Error('approval refused');
    expect(
      await refusal(core, 'procedure:override-face', {
        procedureId,
        approvalId: elsewhere.value.approvalId,
      }),
    ).toBe('approval-invalid');
    const approval = await approve('sekinin', procedureId);
    if (!approval.ok) throw new Error('approval refused');
    const overridden = await call<ProcedureDto>(core, 'procedure:override-face', {
      procedureId,
      approvalId: approval.value.approvalId,
    });
    expect(overridden.step).toBe('card-face');
    expect(overridden.face).toBe('override');
    expect(await journalCount(core, procedureId, 'face-override')).toBe(1);
    await call(core, 'procedure:cancel', { procedureId, reason: '練習のため中止' });
    const cancelled = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
    expect(cancelled.step).toBe('cancelled');
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
  });

  it('"something is wrong" on the card face stops the 交付 there: nothing is written to the card, audited', async () => {
    const card = await hanakoCard(core);
    insert(core, card);
    const { procedureId } = await startHanako(core);
    await upToCardFace(core, procedureId);
    const stopped = await answerCardFace(routerCall(core), procedureId, READER, 'wrong');
    expect(stopped).toMatchObject({
      step: 'card-face-wrong',
      header: { stopped: true },
      notice: { code: 'card-face-wrong' },
      cardFace: { shown: true, answer: 'wrong' },
      actions: ['cancel'],
    });
    expect(stopped.header.steps[stopped.header.index]).toBe('card-face');
    expect(await call(core, 'resident:get-prompt', {}, RESIDENT)).toBeNull();
    // Nothing can reach the card afterwards: no PIN entry, no answer again, no secret.
    expect(await refusal(core, 'procedure:open-pin-entry', { procedureId, reader: READER })).toBe(
      'card-face-wrong',
    );
    expect(await refusal(core, 'procedure:show-card-face', { procedureId, reader: READER })).toBe(
      'step-not-allowed',
    );
    expect(
      await refusal(
        core,
        'resident:submit-pins',
        { auth: { value: TYPED.auth, confirmation: TYPED.auth } },
        RESIDENT,
      ),
    ).toBe('pin-entry-not-open');
    expect(card.keyGenerations('sign') + card.keyGenerations('auth')).toBe(0);
    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.certificates.map((c) => c.present)).not.toContain(true);
    const audit = await cardFaceAudit(core, procedureId);
    expect(audit.map((r) => r.action)).toEqual(['issuance.card-face-shown', 'issuance.card-face']);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ answer: 'wrong' });
    expect(audit.every((r) => r.loginId === 'renshu01')).toBe(true);
    await call(core, 'procedure:cancel', { procedureId, reason: '券面の住所が住民票と違うため' });
    expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe(
      'cancelled',
    );
  });

  it('a card pulled while the PINs are set: the resident enters them again, nothing is made twice', async () => {
    const card = await hanakoCard(core);
    insert(core, card);
    const dto = await startHanako(core);
    await upToPins(core, dto.procedureId);
    let resets = 0;
    insert(
      core,
      watched(card, (ins) => {
        if (ins === 0x2c && ++resets === 2) core.simReader!.remove();
      }),
    );
    const first = await enterPins(core, dto.procedureId);
    expect(first.submitted.done).toBe(false);
    expect(first.dto).toMatchObject({
      step: 'pins',
      needsCard: true,
      notice: { code: 'card-removed' },
    });
    expect(
      await refusal(core, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: READER,
      }),
    ).toBe('no-card');
    core.simReader!.insert(card);
    const back = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId: dto.procedureId,
      reader: READER,
    });
    expect(back).toMatchObject({ step: 'pins', needsCard: false });
    await call(core, 'procedure:open-pin-entry', { procedureId: dto.procedureId, reader: READER });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt.resume).toBe(true);
    const second = await enterPins(core, dto.procedureId);
    expect(second.dto.step).toBe('handover');
    expect(card.keyGenerations('sign')).toBe(1);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await certificateRows(core, HANAKO.serial)).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);
    await call(core, 'procedure:complete', {
      procedureId: dto.procedureId,
      handover: { collectedJukiCard: false, collectedNotificationCard: true },
    });
  });

  it('a card pulled while the certificates are written: reinserted, they are written again, not issued again', async () => {
    // 窓口一郎 (MD-2026-0012): the trainer inserts the card of his application.
    await call<SimStateDto>(core, 'sim:insert-application-card', { noticeNumber: 'MD-2026-0012' });
    const app = (
      await call<ResidentMatchDto>(core, 'lookup:by-notice', {
        noticeNumber: 'MD-2026-0012',
        birthDate: '1989-01-07',
      })
    ).applications[0]!;
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    await upToPins(core, dto.procedureId);
    // Take the card object out of the reader to watch it: the same card goes back in.
    const card = currentCard(core);
    let writes = 0;
    insert(
      core,
      watched(card, (ins) => {
        if (ins === 0xd6 && ++writes === 3) core.simReader!.remove();
      }),
    );
    const first = await enterPins(core, dto.procedureId, { ...TYPED, signing: 'ICHIRO77' });
    expect(first.dto).toMatchObject({
      step: 'pins',
      needsCard: true,
      notice: { code: 'card-removed' },
    });
    expect(await certificateRows(core, app.card!.serial)).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);
    core.simReader!.insert(card);
    await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
    const second = await enterPins(core, dto.procedureId, { ...TYPED, signing: 'ICHIRO77' });
    expect(second.dto.step).toBe('handover');
    expect(card.keyGenerations('sign')).toBe(1);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await certificateRows(core, app.card!.serial)).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);
    expect(await journalCount(core, dto.procedureId, 'certificates-issued')).toBe(1);
    expect(await journalCount(core, dto.procedureId, 'keys-generated')).toBe(2);
    // Handed over: the counter is free for the next resident.
    await call(core, 'procedure:complete', {
      procedureId: dto.procedureId,
      handover: { collectedJukiCard: true, collectedNotificationCard: true },
    });
  });

  it('one resident window: opening the PIN entry of a second issuance closes the first one', async () => {
    const begin = async (noticeNumber: string, birthDate: string) => {
      await call<SimStateDto>(core, 'sim:insert-application-card', { noticeNumber });
      const app = (
        await call<ResidentMatchDto>(core, 'lookup:by-notice', {
          noticeNumber,
          birthDate,
        })
      ).applications[0]!;
      const dto = await call<ProcedureDto>(core, 'procedure:start', {
        kind: 'issuance',
        applicationId: app.id,
      });
      await upToPins(core, dto.procedureId);
      return call<ProcedureDto>(core, 'procedure:open-pin-entry', {
        procedureId: dto.procedureId,
        reader: READER,
      });
    };
    const first = await begin('MD-2026-0025', '2001-02-27');
    expect(first.pins!.entryOpen).toBe(true);
    // One resident at a time: the first is parked (保留) before the second resident is found.
    await call(core, 'procedure:hold', { procedureId: first.procedureId, reason: 'clerk' });
    const second = await begin('MD-2026-0026', '1988-10-05');
    expect(second.pins!.entryOpen).toBe(true);
    const left = await call<ProcedureDto>(core, 'procedure:get', {
      procedureId: first.procedureId,
    });
    expect(left).toMatchObject({ step: 'pins', needsCard: true, pins: { entryOpen: false } });
    const prompt = await call<{ procedureId: string }>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt.procedureId).toBe(second.procedureId);
    for (const { procedureId } of [first, second]) {
      await call(core, 'procedure:cancel', { procedureId, reason: '練習のため中止' });
    }
  });

  it('the authority offline parks the issuance (後日交付); a slip is printed; it resumes and completes later', async () => {
    await call<SimStateDto>(core, 'sim:insert-application-card', { noticeNumber: 'MD-2026-0018' });
    const state = await call<SimStateDto>(core, 'sim:set-authority-offline', { offline: true });
    expect(state.authorityOffline).toBe(true);
    expect(state.applicationCards.map((a) => a.noticeNumber)).toContain('MD-2026-0018');
    const app = (
      await call<ResidentMatchDto>(core, 'lookup:by-notice', {
        noticeNumber: 'MD-2026-0018',
        birthDate: '1940-03-21',
      })
    ).applications[0]!;
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    await upToPins(core, dto.procedureId);
    const card = currentCard(core);
    const parked = await enterPins(core, dto.procedureId, { ...TYPED, signing: 'HARU1940X' });
    expect(parked.submitted.done).toBe(false);
    expect(parked.dto).toMatchObject({ step: 'parked', notice: { code: 'authority-unavailable' } });
    expect(await certificateRows(core, app.card!.serial)).toEqual([]);
    const slip = await call<{ path: string }>(core, 'procedure:print-deferral-slip', {
      procedureId: dto.procedureId,
    });
    expect(existsSync(slip.path)).toBe(true);
    expect(await refusal(core, 'procedure:print-receipt', { procedureId: dto.procedureId })).toBe(
      'step-not-allowed',
    );
    // Days later: the authority is back, the resident comes again with the card.
    await call(core, 'sim:set-authority-offline', { offline: false });
    const open = await call<{ procedureId: string; step: string }[]>(core, 'procedure:list-open');
    expect(open).toContainEqual(
      expect.objectContaining({ procedureId: dto.procedureId, step: 'parked' }),
    );
    const resumed = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    expect(resumed).toMatchObject({ procedureId: dto.procedureId, step: 'pins', needsCard: true });
    await call(core, 'procedure:check-card', { procedureId: dto.procedureId, reader: READER });
    const done = await enterPins(core, dto.procedureId, { ...TYPED, signing: 'HARU1940Y' });
    expect(done.dto.step).toBe('handover');
    expect(card.keyGenerations('sign')).toBe(1);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await certificateRows(core, app.card!.serial)).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);
    await call(core, 'procedure:complete', {
      procedureId: dto.procedureId,
      handover: { collectedJukiCard: true, collectedNotificationCard: true },
    });
  });

  it('under 15 (見本蓮, MD-2026-0011): a legal representative is required, and no signing key is made', async () => {
    await call<SimStateDto>(core, 'sim:insert-application-card', { noticeNumber: 'MD-2026-0011' });
    const app = (
      await call<ResidentMatchDto>(core, 'lookup:by-notice', {
        noticeNumber: 'MD-2026-0011',
        birthDate: '2020-08-14',
      })
    ).applications[0]!;
    expect(app.under15).toBe(true);
    expect(app.card?.state).toBe('received');
    const dto = await call<ProcedureDto>(core, 'procedure:start', {
      kind: 'issuance',
      applicationId: app.id,
    });
    const procedureId = dto.procedureId;
    expect(await refusal(core, 'procedure:record-documents', { procedureId, ...documents })).toBe(
      'representative-required',
    );
    expect(
      await refusal(core, 'procedure:record-documents', {
        procedureId,
        kinds: ['health-insurance', 'maternal-handbook'],
        guardianship: false,
        representative: { relation: 'parent', kinds: ['health-insurance'] },
      }),
    ).toBe('documents-invalid');
    await call(core, 'procedure:record-documents', {
      procedureId,
      kinds: ['health-insurance', 'maternal-handbook'],
      guardianship: false,
      representative: { relation: 'parent', kinds: ['driving-licence'] },
    });
    const matched = await call<ProcedureDto>(core, 'procedure:check-card', {
      procedureId,
      reader: READER,
    });
    expect(matched.application!.card?.state).toBe('prepared');
    await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
    await answerCardFace(routerCall(core), procedureId, READER);
    const card = currentCard(core);
    await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
    const prompt = await call<ResidentPromptDto>(core, 'resident:get-prompt', {}, RESIDENT);
    expect(prompt.required).toEqual(['auth', 'juki', 'text']);
    expect(
      (
        await call<{ violation: string | null }>(
          core,
          'resident:check-pin',
          { kind: 'auth', value: '0814', confirmation: '0814' },
          RESIDENT,
        )
      ).violation,
    ).toBe('pin-birth-date');
    expect(
      await refusal(
        core,
        'resident:check-pin',
        { kind: 'signing', value: 'ABC123', confirmation: 'ABC123' },
        RESIDENT,
      ),
    ).toBe('step-not-allowed');
    const { signing: _unused, ...fourDigits } = TYPED;
    void _unused;
    const done = await enterPins(core, procedureId, fourDigits);
    expect(done.dto.step).toBe('handover');
    expect(done.dto.certificates?.kinds).toEqual(['auth']);
    expect(card.keyGenerations('sign')).toBe(0);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await certificateRows(core, app.card!.serial)).toEqual([{ kind: 'auth', n: 1 }]);
    const completed = await call<ProcedureDto>(core, 'procedure:complete', {
      procedureId,
      handover: { collectedJukiCard: false, collectedNotificationCard: false },
    });
    expect(completed.application).toMatchObject({ status: 'issued', card: { state: 'issued' } });
  });
});

describe('交付: the clerk’s screen locks while the resident enters the PINs', () => {
  it('the resident’s entry goes on to its end; the procedure waits until the same clerk unlocks', async () => {
    let clock = Date.parse('2026-11-25T01:00:00Z');
    const { core } = await open(undefined, { idleLockMinutes: 5, now: () => new Date(clock) });
    try {
      const locks: boolean[] = [];
      core.onEvent((event, payload) => {
        if (event === 'auth:changed') locks.push((payload as SessionDto).locked);
      });
      await login(core);
      insert(core, await hanakoCard(core));
      const { procedureId } = await startHanako(core);
      await upToPins(core, procedureId);
      await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });

      // The resident takes their time over each value; the clerk beside them touches nothing.
      for (const [kind, value] of Object.entries(TYPED)) {
        clock += 90_000;
        const checked = await call<{ violation: string | null }>(
          core,
          'resident:check-pin',
          { kind, value, confirmation: value },
          RESIDENT,
        );
        expect(checked.violation).toBeNull();
      }
      // Six minutes without the clerk: the clerk's screen locked, the resident was not stopped.
      expect(locks).toEqual([false, true]);
      expect(await refusal(core, 'procedure:get', { procedureId })).toBe('session-locked');
      const entry = (v: string) => ({ value: v, confirmation: v });
      const payload = Object.fromEntries(Object.entries(TYPED).map(([k, v]) => [k, entry(v)]));
      const submitted = await call<{ done: boolean }>(
        core,
        'resident:submit-pins',
        payload,
        RESIDENT,
      );
      expect(submitted.done).toBe(true);

      // The next step is the clerk's: it waits behind the lock for the same operator.
      const handover = { collectedJukiCard: false, collectedNotificationCard: true };
      expect(await refusal(core, 'procedure:complete', { procedureId, handover })).toBe(
        'session-locked',
      );
      expect(await refusal(core, 'auth:unlock', { password: 'renshu02-2026' })).toBe(
        'login-invalid',
      );
      await call(core, 'auth:unlock', { password: 'renshu01-2026' });
      const dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
      expect(dto.step).toBe('handover');
      expect(dto.certificates!.phase).toBe('done');
      const done = await call<ProcedureDto>(core, 'procedure:complete', { procedureId, handover });
      expect(done.step).toBe('completed');
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('交付: a restart of the app at each step resumes the procedure where it stood', () => {
  it('closing the core after every step and opening a new one on the same data folder', async () => {
    const first = await open();
    const dataDir = first.dataDir;
    let core = first.core;
    const card = await hanakoCard(core);
    await core.close();
    const steps: string[] = [];
    let dto: ProcedureDto | null = null;
    for (let round = 0; round < 12 && dto?.step !== 'completed'; round += 1) {
      ({ core } = await open(dataDir));
      try {
        await login(core);
        core.simReader!.insert(card);
        const resumed = await startHanako(core);
        if (dto) {
          // The same procedure, at the step it stood; a card step asks for the card first.
          expect(resumed.procedureId).toBe(dto.procedureId);
          expect(resumed.step).toBe(dto.step === 'certificates' ? 'pins' : dto.step);
          if (['face', 'pins'].includes(dto.step)) expect(resumed.needsCard).toBe(true);
        }
        const ready = resumed.needsCard
          ? await call<ProcedureDto>(core, 'procedure:check-card', {
              procedureId: resumed.procedureId,
              reader: READER,
            })
          : resumed;
        dto = await advance(core, ready);
        steps.push(dto.step);
      } finally {
        await core.close();
      }
    }
    expect(steps).toEqual(['card', 'face', 'card-face', 'pins', 'handover', 'completed']);
    ({ core } = await open(dataDir));
    try {
      expect(await certificateRows(core, HANAKO.serial)).toEqual([
        { kind: 'auth', n: 1 },
        { kind: 'signing', n: 1 },
      ]);
      expect(card.keyGenerations('sign')).toBe(1);
      expect(card.keyGenerations('auth')).toBe(1);
    } finally {
      await core.close();
    }
  }, 120_000);
});

describe('交付: a card pulled during the PIN setting, then the app restarted', () => {
  it('the new process asks for the card at the PIN step and completes with one key pair per kind', async () => {
    const first = await open();
    const card = await hanakoCard(first.core);
    let procedureId = '';
    try {
      await login(first.core);
      let resets = 0;
      insert(
        first.core,
        watched(card, (ins) => {
          if (ins === 0x2c && ++resets === 3) first.core.simReader!.remove();
        }),
      );
      procedureId = (await startHanako(first.core)).procedureId;
      await upToPins(first.core, procedureId);
      const pulled = await enterPins(first.core, procedureId);
      expect(pulled.dto).toMatchObject({ step: 'pins', needsCard: true });
    } finally {
      await first.core.close();
    }
    const { core } = await open(first.dataDir);
    try {
      await login(core);
      core.simReader!.insert(card);
      const resumed = await startHanako(core);
      expect(resumed).toMatchObject({ procedureId, step: 'pins', needsCard: true });
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      const done = await enterPins(core, procedureId);
      expect(done.dto.step).toBe('handover');
      expect(card.keyGenerations('sign')).toBe(1);
      expect(card.keyGenerations('auth')).toBe(1);
      expect(await journalCount(core, procedureId, 'pins')).toBe(1);
    } finally {
      await core.close();
    }
  }, 60_000);
});

/** One action for whatever step the procedure is at (the card re-read first when it must be). */
async function advance(core: Core, dto: ProcedureDto): Promise<ProcedureDto> {
  const procedureId = dto.procedureId;
  if (dto.needsCard || dto.step === 'card')
    return call(core, 'procedure:check-card', { procedureId, reader: READER });
  switch (dto.step) {
    case 'documents':
      return call(core, 'procedure:record-documents', { procedureId, ...documents });
    case 'face':
      return call(core, 'procedure:record-face', { procedureId, decision: 'match' });
    case 'card-face':
      return answerCardFace(routerCall(core), procedureId, READER);
    case 'pins':
      return (await enterPins(core, procedureId)).dto;
    case 'handover':
      return call(core, 'procedure:complete', {
        procedureId,
        handover: { collectedJukiCard: false, collectedNotificationCard: true },
      });
    default:
      throw new Error(`nothing to do at ${dto.step}`);
  }
}

/** The audit rows of the card face of a procedure, oldest first, with the operator's login. */
async function cardFaceAudit(core: Core, procedureId: string) {
  const rows = await core.db()!.all<{ action: string; details: string; loginId: string }>(
    `SELECT a.action AS action, a.details AS details, o.login_id AS loginId
       FROM audit_log a JOIN operators o ON o.id = a.operator_id
      WHERE a.action LIKE 'issuance.card-face%' ORDER BY a.seq`,
  );
  return rows.filter(
    (r) => (JSON.parse(r.details) as { procedure?: string }).procedure === procedureId,
  );
}

/** The card object in the simulated reader now (practice inserts build it inside the core). */
function currentCard(core: Core): SimCard {
  const card = core.simReader!.current();
  if (!card) throw new Error('no card in the simulated reader');
  return card as SimCard;
}

describe('交付 of a 顔認証マイナンバーカード, asked for at the PIN step', () => {
  let core: Core;
  let card: SimCard;

  beforeAll(async () => {
    ({ core } = await open());
    await login(core);
    card = await hanakoCard(core);
    insert(core, card);
  }, 60_000);

  afterAll(async () => {
    await core.close();
  });

  it('writes the card without a PIN or a signing certificate; health, receipt and records say 顔認証', async () => {
    const { procedureId } = await startHanako(core);
    const atPins = await upToPins(core, procedureId);
    expect(atPins.step).toBe('pins');
    expect(atPins.actions).toContain('issue-face-auth');
    expect(atPins.faceAuthAtIssue).toBe(false);

    const done = await call<ProcedureDto>(core, 'procedure:issue-face-auth', {
      procedureId,
      reader: READER,
    });
    expect(done).toMatchObject({ step: 'handover', faceAuthAtIssue: true });
    expect(done.certificates?.kinds).toEqual(['auth']);
    // The resident entered nothing, and the PIN entry is not offered any more.
    expect(await refusal(core, 'procedure:open-pin-entry', { procedureId, reader: READER })).toBe(
      'step-not-allowed',
    );
    expect(card.keyGenerations('sign')).toBe(0);
    expect(card.keyGenerations('auth')).toBe(1);
    expect(await journalCount(core, procedureId, 'face-auth-chosen')).toBe(1);
    expect(await journalCount(core, procedureId, 'pins-cleared')).toBe(1);

    const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
    expect(health.cardKind).toBe('face-auth');
    expect(health.pins.every((p) => p.state === 'not-set')).toBe(true);
    expect(health.certificates.map((c) => [c.kind, c.present])).toEqual([
      ['signing', false],
      ['auth', true],
    ]);
    expect(await certificateRows(core, HANAKO.serial)).toEqual([{ kind: 'auth', n: 1 }]);

    const completed = await call<ProcedureDto>(core, 'procedure:complete', {
      procedureId,
      handover: { collectedJukiCard: false, collectedNotificationCard: true },
    });
    expect(completed.step).toBe('completed');
    const receipt = await call<{ path: string }>(core, 'procedure:print-receipt', { procedureId });
    const text = await pdfText(receipt.path);
    expect(text).toContain(squash('署名用電子証明書なし（顔認証マイナンバーカード）'));
    expect(text).toContain(squash('顔認証マイナンバーカード（暗証番号の設定なし）'));

    // The records know the kind: no PIN reset on it, and the switch back to a normal card offered.
    const cardId = (await core
      .db()!
      .get<{ id: number }>('SELECT id FROM cards WHERE serial = ?', [HANAKO.serial]))!.id;
    expect(await refusal(core, 'procedure:start', { kind: 'pin-reset', cardId })).toBe(
      'face-auth-card',
    );
    expect(
      await refusal(core, 'procedure:start', { kind: 'card-kind', cardId, to: 'face-auth' }),
    ).toBe('card-kind-unchanged');
  });
});

describe('交付 of a 顔認証 card pulled after its test signature, before its PINs are cleared', () => {
  it('resumes on the same card and clears them: no PIN nobody knows is left on it', async () => {
    const { core } = await open();
    try {
      await login(core);
      const card = await hanakoCard(core);
      insert(core, card);
      const { procedureId } = await startHanako(core);
      await upToPins(core, procedureId);
      // The first clear (RESET RETRY COUNTER with P1=03) finds the reader empty.
      let clears = 0;
      insert(
        core,
        watched(card, (ins, p1) => {
          if (ins === 0x2c && p1 === 0x03 && ++clears === 1) core.simReader!.remove();
        }),
      );
      const cut = await raw<ProcedureDto>(core, 'procedure:issue-face-auth', {
        procedureId,
        reader: READER,
      });
      // Not handed over with the drawn PIN on it: back at the PIN step, the card asked for.
      expect(cut.ok && cut.value).toMatchObject({ step: 'pins', needsCard: true });
      expect(await journalCount(core, procedureId, 'certificates-verified')).toBe(1);
      expect(await journalCount(core, procedureId, 'pins-cleared')).toBe(0);

      core.simReader!.insert(card);
      await call(core, 'procedure:check-card', { procedureId, reader: READER });
      const done = await call<ProcedureDto>(core, 'procedure:issue-face-auth', {
        procedureId,
        reader: READER,
      });
      expect(done).toMatchObject({ step: 'handover', faceAuthAtIssue: true });
      expect(await journalCount(core, procedureId, 'pins-cleared')).toBe(1);
      const health = await call<CardHealthDto>(core, 'card:read-health', { reader: READER });
      expect(health.pins.every((p) => p.state === 'not-set')).toBe(true);
      // The keys and the certificate of the cut-off run are the ones kept.
      expect(card.keyGenerations('auth')).toBe(1);
      expect(await certificateRows(core, HANAKO.serial)).toEqual([{ kind: 'auth', n: 1 }]);
    } finally {
      await core.close();
    }
  });
});
