// The steps every procedure on the resident's card shares (交付, 解除, 初期化・再設定, 更新), written
// once: documents, the card matched then read again, the face photos and decision, the card face
// the resident confirms (交付), the choice of secrets, the resident's PIN entry, and the card work (secrets, keys, certificates, the kind's
// finish). A kind adds its start, its rules and what is its own (cardProcedureSpec below).
import { randomInt } from 'node:crypto';
import { PIN_KINDS, type PinKind } from '../../../preload/contract/dto';
import type {
  CardWorkStage,
  CardFaceAnswer,
  CardFaceAnsweredDto,
  FacePhotosDto,
  PinCheckDto,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import type { PinEntryMode, PinPlanEntry, RenewalScope } from '../../../preload/contract/lifecycle';
import type { ProcedureAction, ProcedureStep } from '../../../preload/contract/procedure';
import type { Details } from '../../audit/details-guard';
import type { IssuerSession } from '../../authority/issuer-authority';
import { readCertificate, selectJpki } from '../../card/apps/jpki';
import { cardFaceDiffers } from '../../card/apps/visual';
import type { Pin } from '../../card/domain';
import { changePin, verifyPinInUse } from '../../card/pins';
import type { Tx } from '../../db/connection';
import { getApplication } from '../../db/repositories/applications';
import { getCard, type Card } from '../../db/repositories/cards';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import { listSteps } from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import { lookAlikesOf } from '../../lookups/look-alikes';
import { getResident, type Resident } from '../../db/repositories/residents';
import type {
  ActionHandlers,
  ActionArgs,
  Live,
  PinEntrySpec,
  ProcedureDeps,
  ProcedureSpec,
  ProcedureView,
  StartPlan,
  StepContext,
} from '../procedure/spec';
import { headerOf } from '../procedure/steps';
import { refuse, WorkflowRefusal } from '../refusal';
import {
  assertSerial,
  cardNotice,
  cardRefusal,
  matchCardContents,
  readCardFace,
  residentFacts,
} from './card-match';
import {
  applyCardEvent,
  asksForCard,
  cardTransition,
  initialCardState,
  isOpenCardState,
  reopenCardState,
  requiredEntries,
  type CardEvent,
  type CardRules,
  type CardState,
  type CardWorkKind,
  type Notice,
} from './card-state';
import {
  AuthorityFailure,
  myNumberFor,
  certificateSteps,
  runCertificates,
  serialsOf,
  type Secrets,
} from './card-work';
import {
  DEFAULT_FACE_SCORE_THRESHOLD,
  secondLookReason,
} from '../../../preload/contract/rules/face-score';
import { faceOverrideApproval, secondCheckApproval } from './approval';
import { assertServiceOpen } from './service-hours';
import { pinEntryUsesService } from '../../../preload/contract/rules/service-hours';
import { FACE_AUTH_CHOSEN } from './card-kind-record';
import { readFacePhotos } from './face-photos';
import { checkOne, checkSubmitted, type SubmittedValues } from './pin-hub';
import { pinRefusal, readPinTries, refusedCurrentOf, setSecret, type PinTries } from './pin-ops';

export type CardContext = StepContext<CardState>;

/** What a kind's last step does once the card work is done (解除, 初期化・再設定, 更新). */
export interface FinishContext {
  readonly ctx: CardContext;
  readonly card: Card;
  /** Serials (hex) of the certificates issued in this procedure; empty for a PIN reset. */
  readonly newSerials: readonly string[];
  /** The issuer session on the card, for a change of the chip's state. */
  issuer(): Promise<IssuerSession>;
}

/** A kind of card procedure: its rules and what is its own beside the shared steps. */
export interface CardKind<R> {
  readonly rules: CardRules;
  readonly idPrefix: string;
  start(deps: ProcedureDeps, request: R): Promise<StartPlan<CardState>>;
  /**
   * What the first read of the card records beside its serial: the secrets' tries and the chip's
   * certificate expiry (the later procedures); whether four facts that differ from the record
   * are allowed (更新 of the signing certificate after a move), refused, or required (券面記載事項の
   * 変更: a card whose facts are the record's already has nothing to change: facts-unchanged).
   */
  readonly firstRead: {
    readonly tries: boolean;
    readonly factsChange: 'allow' | 'refuse' | 'require';
  };
  /** Effects of the first match of the card, in the card step's transaction (交付's card state). */
  onMatched?(ctx: CardContext, card: Card, tx: Tx): Promise<void>;
  /** Checks of a choice that need the database (更新: too early, facts unchanged). */
  checkChoice?(
    ctx: CardContext,
    card: Card,
    plan: readonly PinPlanEntry[],
    scope: RenewalScope | null,
  ): Promise<void>;
  /** The last step's effects (in its transaction) and journal data; none for 交付 (handover). */
  finish?(f: FinishContext): Promise<{ data: Details; effects(tx: Tx): Promise<void> }>;
  /** The steps the header shows, in order. */
  header(s: CardState): readonly ProcedureStep[];
  /** The actions beyond the shared ones (交付: handover, receipt, slip). */
  readonly extraActions?: ActionHandlers<CardState>;
  /** The actions this kind allows now beyond cancel. */
  allowed?(s: CardState): readonly ProcedureAction[];
  /** What the clerk window shows beyond the common parts. */
  extraParts?(s: CardState): ProcedureView['parts'];
}

// ---- the card ----

async function dbCard(ctx: CardContext): Promise<Card> {
  return getCard(ctx.deps.db(), ctx.live.cardId);
}

const myNumberOf = (ctx: CardContext, purpose: string) =>
  myNumberFor(ctx.deps, ctx.live.residentId, purpose);

function triesData(tries: Partial<Record<PinKind, PinTries>>): Details {
  const left: Record<string, number> = {};
  for (const [k, t] of Object.entries(tries)) left[k] = t.triesLeft;
  return {
    left,
    locked: Object.entries(tries)
      .filter(([, t]) => t.locked)
      .map(([k]) => k),
  };
}

/**
 * Reads the card in `reader`: the first time it is matched to the procedure's card (serial first,
 * so that another card is refused before any secret is tried on it, then 照合番号A and the four
 * facts), later read again (the same card must come back).
 */
async function checkCard<R>(kind: CardKind<R>, ctx: CardContext, reader: string): Promise<void> {
  const s = ctx.state;
  if (s.step === 'documents') refuse('step-not-allowed', 'documents');
  if (!isOpenCardState(s)) refuse('procedure-closed');
  const card = await dbCard(ctx);
  const first = s.step === 'card';
  const resident = first ? await getResident(ctx.deps.db(), ctx.live.residentId) : null;
  const myNumber = first ? await myNumberOf(ctx, `${s.kind}-card-match`) : null;
  let read: {
    tries?: Partial<Record<PinKind, PinTries>>;
    factsDiffer: boolean;
    notAfter: string | null;
  };
  try {
    read = await ctx.deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      let factsDiffer = s.factsDiffer;
      let notAfter = s.chipCertificateExpiry;
      if (resident && myNumber) {
        if (kind.firstRead.tries) {
          // Free to read: when the card's certificates expire, for renewal's window.
          await selectJpki(session);
          notAfter = (await readCertificate(session, 'auth'))?.notAfter.toISOString() ?? null;
        }
        const facts = residentFacts(resident);
        let match = await matchCardContents(session, facts, myNumber);
        // A change also stands when only the card face still shows the old facts (a card pulled
        // between the text application's write and the card face's).
        if (
          match === 'match' &&
          kind.firstRead.factsChange === 'require' &&
          (await cardFaceDiffers(session, facts, myNumber))
        )
          match = 'facts-differ';
        if (match === 'facts-differ' && kind.firstRead.factsChange === 'refuse')
          throw new WorkflowRefusal('card-facts-mismatch', 'facts');
        if (match === 'match' && kind.firstRead.factsChange === 'require')
          throw new WorkflowRefusal('facts-unchanged');
        factsDiffer = match === 'facts-differ';
      }
      return {
        ...(kind.firstRead.tries ? { tries: await readPinTries(session) } : {}),
        factsDiffer,
        notAfter,
      };
    });
  } catch (e) {
    throw cardRefusal(e);
  }
  if (!first) {
    await ctx.set(
      applyCardEvent(kind.rules, s, {
        type: 'card-matched',
        serial: card.serial,
        ...(read.tries ? { tries: read.tries } : {}),
      }),
    );
    return;
  }
  const data: Details = kind.firstRead.tries
    ? {
        serial: card.serial,
        factsDiffer: read.factsDiffer,
        notAfter: read.notAfter,
        ...triesData(read.tries ?? {}),
      }
    : { serial: card.serial };
  await ctx.commit(
    'card',
    data,
    kind.onMatched ? { effects: (tx) => kind.onMatched!(ctx, card, tx) } : {},
  );
}

async function readPhotos(ctx: CardContext, reader: string): Promise<FacePhotosDto> {
  const s = ctx.state;
  if (!['face', 'face-mismatch'].includes(s.step)) refuse('step-not-allowed', s.step);
  const card = await dbCard(ctx);
  const app = await getApplication(ctx.deps.db(), card.applicationId);
  return readFacePhotos({
    cards: ctx.deps.cards,
    reader,
    serial: card.serial,
    myNumber: await myNumberOf(ctx, `${s.kind}-face-photo`),
    noticeNumber: app.noticeNumber,
    photos: await ctx.deps.photos(),
    lookAlikes: await lookAlikesOf(ctx.deps.db(), ctx.live.residentId, ctx.deps.now()),
  });
}

/**
 * The face decision. With the two-person check configured, 一致 is recorded only with a second
 * operator's confirmation, and the journal and audit row name both; 不一致 stops anyway.
 * The similarity scores are advisory: main, not the renderer, decides from them whether 一致
 * needs a second look (a pair below the threshold, a face not found, a photo held up), which
 * is then the clerk's own acknowledgement, or the second operator's where the two-person check
 * is on. The row keeps the scores, the threshold and the library's version, never an image.
 */
async function recordFace(ctx: CardContext, request: ActionArgs['recordFace']): Promise<void> {
  const { decision, approvalId, scores, secondLook } = request;
  ctx.preview('face', { decision });
  const threshold = ctx.deps.faceCheck?.scoreThreshold ?? DEFAULT_FACE_SCORE_THRESHOLD;
  // Whether the photos were drawings is main's to say (it served them), not the renderer's.
  const scored = scores && { ...scores, practice: (await ctx.deps.photos()).drawings };
  const lookReason = secondLookReason(scored, threshold);
  const secondOperator = ctx.deps.faceCheck?.secondOperator === true;
  if (decision === 'match' && lookReason !== null && !secondOperator && !secondLook)
    refuse('second-look-required', lookReason);
  const record: Details = scored
    ? {
        scores: { ...scored.pairs },
        findings: { ...scored.findings },
        presentationAttack: scored.presentationAttack,
        engine: scored.engine,
        threshold,
        ...(scored.practice ? { practice: true } : {}),
        ...(lookReason ? { secondLook: lookReason } : {}),
      }
    : {};
  let confirmation: Details = {};
  if (decision === 'match' && secondOperator) {
    if (approvalId === undefined) refuse('second-check-required');
    const operatorId = ctx.deps.operatorId();
    const approval = await secondCheckApproval(
      ctx.deps.db(),
      approvalId,
      ctx.live.procedure.id,
      operatorId,
    );
    confirmation = {
      checkedBy: operatorId,
      confirmedBy: approval.approverId,
      approval: approval.id,
    };
  }
  await ctx.commit(
    'face',
    { decision, ...record, ...confirmation },
    { status: decision === 'match' ? 'completed' : 'failed' },
  );
}

/** Who checked the face and who confirmed it, when a second operator did. */
async function faceCheckers(
  deps: ProcedureDeps,
  procedureId: string,
): Promise<{ checkedBy: string; confirmedBy: string } | null> {
  const row = (await listSteps(deps.db(), procedureId))
    .filter((r) => r.step === 'face' && r.data.confirmedBy !== undefined)
    .at(-1);
  if (!row) return null;
  const db = deps.db();
  return {
    checkedBy: (await getOperator(db, Number(row.data.checkedBy))).displayName,
    confirmedBy: (await getOperator(db, Number(row.data.confirmedBy))).displayName,
  };
}

// ---- the card face the resident confirms (券面確認) ----

/**
 * Reads the chip's four facts and shows them on the resident window, which takes the one entry:
 * the resident answers there (resident:confirm-card-face), nothing is written to the card first.
 */
async function showCardFace<R>(kind: CardKind<R>, ctx: CardContext, reader: string): Promise<void> {
  const rules = kind.rules;
  const s = ctx.state;
  if (s.step !== 'card-face') refuse('step-not-allowed', s.step);
  const card = await dbCard(ctx);
  const resident = await getResident(ctx.deps.db(), ctx.live.residentId);
  const myNumber = await myNumberOf(ctx, `${s.kind}-card-face`);
  let facts;
  try {
    facts = await ctx.deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      return readCardFace(session, residentFacts(resident), myNumber);
    });
  } catch (e) {
    throw cardRefusal(e);
  }
  await ctx.claimEntry();
  if (ctx.state.needsCard)
    ctx.live.state = applyCardEvent(rules, ctx.state, {
      type: 'card-matched',
      serial: ctx.state.matchedSerial ?? card.serial,
    });
  ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'card-face-shown', facts });
  ctx.live.reader = reader;
  // Which facts were shown is the chip's business; the row says only that they were.
  await ctx.audit('card-face-shown', {});
  await ctx.publish();
  // Last, with nothing awaited after it: the resident's answer may come at once, and finds this
  // action over (not procedure-busy).
  ctx.entryChanged();
}

/** The resident's answer: confirmed goes on to the PINs; wrong stops the procedure here. */
async function confirmCardFace(
  ctx: CardContext,
  answer: CardFaceAnswer,
): Promise<CardFaceAnsweredDto> {
  const s = ctx.state;
  if (s.step !== 'card-face' || !s.cardFace.open)
    throw new WorkflowRefusal('pin-entry-not-open', 'card-face');
  await ctx.commit(
    'card-face',
    { answer },
    { status: answer === 'confirmed' ? 'completed' : 'failed' },
  );
  ctx.entryChanged();
  await ctx.publish();
  return { answer };
}

// ---- the resident's entry ----

/**
 * What the resident window names the entry by: a card change reissues the signing certificate (as
 * its renewal does); a card switched back from 顔認証 has every secret set, as at 交付.
 */
function residentPurpose(kind: CardWorkKind): ResidentPromptDto['purpose'] {
  if (kind === 'card-change') return 'renewal';
  if (kind === 'card-kind') return 'issuance';
  return kind;
}

function promptOf(rules: CardRules, l: Live<CardState>): ResidentPromptDto {
  if (l.state.step === 'card-face')
    return {
      procedureId: l.procedure.id,
      // What comes after the confirmation, for the resident window's progress.
      required: (rules.fixedPlan(l.state.under15) ?? []).map((e) => e.kind),
      resume: false,
      purpose: residentPurpose(l.state.kind),
      modes: {},
      triesLeft: {},
      cardFace: l.state.cardFace.facts,
    };
  const entries = requiredEntries(rules, l.state);
  const modes: Partial<Record<PinKind, PinEntryMode>> = {};
  const triesLeft: Partial<Record<PinKind, number>> = {};
  for (const e of entries) {
    modes[e.kind] = e.mode;
    const t = l.state.tries[e.kind];
    if (e.mode !== 'new' && t) triesLeft[e.kind] = t.triesLeft;
  }
  return {
    procedureId: l.procedure.id,
    required: entries.map((e) => e.kind),
    resume: l.state.pins.resume,
    purpose: residentPurpose(l.state.kind),
    modes,
    triesLeft,
    cardFace: null,
  };
}

/** Whether the card work needs the national service: a PIN change alone does not. */
function needsAuthority(rules: CardRules, state: CardState): boolean {
  return pinEntryUsesService(
    rules.kind,
    requiredEntries(rules, state).map((e) => e.mode),
  );
}

async function openPinEntry<R>(kind: CardKind<R>, ctx: CardContext, reader: string): Promise<void> {
  const rules = kind.rules;
  // No secret before the resident has confirmed the card face, nor after a fact was found wrong.
  if (ctx.state.step === 'card-face') refuse('card-face-not-confirmed');
  if (ctx.state.step === 'card-face-wrong') refuse('card-face-wrong');
  if (ctx.state.step !== 'pins' && ctx.state.step !== 'parked')
    refuse('step-not-allowed', ctx.state.step);
  // A 顔認証 card gets no PIN: the resident has nothing to enter.
  if (ctx.state.faceAuth) refuse('step-not-allowed', 'face-auth');
  // Before the resident types anything: outside the service's hours nothing can be set.
  if (needsAuthority(rules, ctx.state)) assertServiceOpen(ctx.deps);
  await ctx.claimEntry();
  // 後日交付 resumed: the PINs are entered again on the card read again.
  if (ctx.state.step === 'parked') await ctx.commit('resumed', {});
  if (ctx.state.needsCard || kind.firstRead.tries) {
    // Read again before the resident types anything: the values go to this card only, and the
    // tries left are shown beside a value in use.
    const card = await dbCard(ctx);
    let tries: Partial<Record<PinKind, PinTries>> | undefined;
    try {
      tries = await ctx.deps.cards.withCard(reader, async (session) => {
        assertSerial(session.serial, card.serial);
        return kind.firstRead.tries ? readPinTries(session) : undefined;
      });
    } catch (e) {
      throw cardRefusal(e);
    }
    ctx.live.state = applyCardEvent(rules, ctx.state, {
      type: 'card-matched',
      serial: ctx.state.matchedSerial ?? card.serial,
      ...(tries ? { tries } : {}),
    });
  }
  for (const e of requiredEntries(rules, ctx.state))
    if (e.mode !== 'new' && ctx.state.tries[e.kind]?.locked) {
      await ctx.publish();
      throw new WorkflowRefusal('pin-locked', e.kind);
    }
  ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'pin-entry-opened' });
  ctx.live.reader = reader;
  await ctx.audit('pin-entry-opened', {
    modes: Object.fromEntries(requiredEntries(rules, ctx.state).map((e) => [e.kind, e.mode])),
  });
  ctx.entryChanged();
}

async function checkPin(
  rules: CardRules,
  ctx: CardContext,
  kind: PinKind,
  value: string,
  confirmation: string,
): Promise<PinCheckDto> {
  const entry = requiredEntries(rules, ctx.state).find((e) => e.kind === kind);
  if (!entry) throw new WorkflowRefusal('step-not-allowed', kind);
  const violation = checkOne(kind, entry.mode, value, confirmation, ctx.live.birthDate);
  await ctx.set(applyCardEvent(rules, ctx.state, { type: 'pin-attempt', kind, violation }));
  return { violation };
}

async function submit<R>(
  kind: CardKind<R>,
  ctx: CardContext,
  values: SubmittedValues,
): Promise<ResidentSubmitDto> {
  const rules = kind.rules;
  const entries = requiredEntries(rules, ctx.state);
  const secrets: Secrets = {};
  const currents: Secrets = {};
  for (const e of entries) {
    const checked = checkSubmitted(e.kind, e.mode, values[e.kind], ctx.live.birthDate);
    if (!checked.ok) {
      await ctx.set(
        applyCardEvent(rules, ctx.state, {
          type: 'pin-attempt',
          kind: e.kind,
          violation: checked.violation,
        }),
      );
      throw new WorkflowRefusal(checked.violation, e.kind);
    }
    secrets[e.kind] = checked.value;
    if (checked.current) currents[e.kind] = checked.current;
  }
  const reader = ctx.live.reader;
  if (!reader) throw new WorkflowRefusal('pin-entry-not-open');
  ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'pins-submitted' });
  ctx.entryChanged();
  await ctx.publish();
  await workOnCard(kind, ctx, reader, entries, secrets, currents);
  return { done: ['handover', 'completed'].includes(ctx.state.step) };
}

/**
 * The card work after the values are in, with what a failure means: a wrong value in use asks
 * again, an authority failure parks 交付 (後日交付), anything else asks for the card again. The
 * values are dropped from memory whatever happens.
 */
async function workOnCard<R>(
  kind: CardKind<R>,
  ctx: CardContext,
  reader: string,
  entries: readonly PinPlanEntry[],
  secrets: Secrets,
  currents: Secrets,
): Promise<void> {
  const rules = kind.rules;
  try {
    await runCardWork(kind, ctx, reader, entries, secrets, currents);
  } catch (e) {
    const refused = refusedCurrentOf(e);
    if (refused) {
      // A try was spent on the card, nothing else changed: the resident may enter it again.
      await ctx.commit(
        'wrong-current',
        { kind: refused.kind, left: refused.triesLeft },
        { status: 'failed' },
      );
      await ctx.publish();
      ctx.entryChanged();
      throw pinRefusal(refused);
    }
    const parks =
      rules.parkOnAuthorityFailure &&
      (e instanceof AuthorityFailure ||
        (e instanceof WorkflowRefusal && e.code === 'certificate-check-failed'));
    if (parks) {
      // 後日交付: nothing more can be done today; the procedure waits for the authority.
      const code = (e as AuthorityFailure | WorkflowRefusal).code;
      const data: Details =
        e instanceof WorkflowRefusal ? { code, check: e.detail ?? '' } : { code };
      await ctx.commit('parked', data, { status: 'failed' });
    } else {
      const notice: Notice = e instanceof AuthorityFailure ? { code: e.code } : cardNotice(e);
      console.warn(`[Procedure] card work stopped: ${notice.code}`);
      const failedAt = ctx.state.step;
      await ctx.commit('certificates', { code: notice.code }, { status: 'failed' }).catch(() => {
        // The journal could not take the row (the disk, the database): the state still says
        // what happened, and the card is asked for again.
        if (failedAt === 'certificates')
          ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'card-failed', notice });
      });
    }
  } finally {
    for (const k of Object.keys(secrets) as PinKind[]) delete secrets[k];
    for (const k of Object.keys(currents) as PinKind[]) delete currents[k];
  }
  await ctx.publish();
}

/**
 * 交付 of a 顔認証マイナンバーカード (the resident asked for one at the PIN step): journaled as
 * chosen, then the card work without the resident window's entry: the authentication key and
 * certificate only, test-signed under an authentication PIN main draws for the moment, then every
 * secret taken off the card. After a pulled card or 後日交付 the clerk asks for it again.
 */
async function issueFaceAuth<R>(
  kind: CardKind<R>,
  ctx: CardContext,
  reader: string,
): Promise<void> {
  const rules = kind.rules;
  const s = ctx.state;
  if (!rules.handover) refuse('step-not-allowed', 'face-auth');
  if (s.step !== 'pins' && s.step !== 'parked') refuse('step-not-allowed', s.step);
  if (s.pins.entryOpen) refuse('step-not-allowed', 'pin-entry-open');
  assertServiceOpen(ctx.deps);
  if (!s.faceAuth) {
    ctx.preview(FACE_AUTH_CHOSEN, {});
    await ctx.commit(FACE_AUTH_CHOSEN, {});
  }
  if (ctx.state.step === 'parked') await ctx.commit('resumed', {});
  if (ctx.state.needsCard) {
    const card = await dbCard(ctx);
    try {
      await ctx.deps.cards.withCard(reader, async (session) =>
        assertSerial(session.serial, card.serial),
      );
    } catch (e) {
      throw cardRefusal(e);
    }
    ctx.live.state = applyCardEvent(rules, ctx.state, {
      type: 'card-matched',
      serial: ctx.state.matchedSerial ?? card.serial,
    });
  }
  ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'pin-entry-opened' });
  ctx.live.state = applyCardEvent(rules, ctx.state, { type: 'pins-submitted' });
  await ctx.publish();
  const entries = requiredEntries(rules, ctx.state);
  const secrets: Secrets = { auth: drawnPin(ctx.live.birthDate) };
  await workOnCard(kind, ctx, reader, entries, secrets, {});
}

/** A 4-digit PIN nobody will know, within the rules (no runs, no birth date). */
function drawnPin(birthDate: string): Pin {
  for (;;) {
    const value = String(randomInt(0, 10_000)).padStart(4, '0');
    const checked = checkSubmitted('auth', 'new', { value, confirmation: value }, birthDate);
    if (checked.ok) return checked.value as Pin;
  }
}

/** PINs, then keys and certificates, then the kind's finish; each stage journaled. */
async function runCardWork<R>(
  kind: CardKind<R>,
  ctx: CardContext,
  reader: string,
  entries: readonly PinPlanEntry[],
  secrets: Secrets,
  currents: Secrets,
): Promise<void> {
  const rules = kind.rules;
  const deps = ctx.deps;
  const card = await dbCard(ctx);
  const resident: Resident = await getResident(deps.db(), ctx.live.residentId);
  // The hours may have ended while the resident typed: 交付 parks, the others ask to come back.
  const service = deps.certificateService();
  if (!service.open && needsAuthority(rules, ctx.state))
    throw new AuthorityFailure('certificate-service-closed');
  const authority = await deps.authority();
  const event = (e: CardEvent) => ctx.set(applyCardEvent(rules, ctx.state, e));
  // The resident's progress bar: one step for the secrets, then the certificate sequence's own.
  const steps = 1 + certificateSteps(ctx.state.certificateKinds);
  let step = 0;
  const progress = (stage: CardWorkStage) =>
    deps.pinHub.progress(ctx.live.procedure.id, { stage, step: ++step, steps });
  await deps.cards.withCard(reader, async (session) => {
    assertSerial(session.serial, card.serial);
    let issuer: IssuerSession | null = null;
    const issuerSession = async () => (issuer ??= await authority.openIssuerSession(session));

    progress('pins');
    // Every value in use first: a wrong one stops the work before anything is written.
    for (const e of entries) {
      const current = currents[e.kind];
      if (current) await verifyPinInUse(session, e.kind, current);
    }
    if (rules.setAgainOnResume) {
      // All of them, every time: the authority sets each with a fresh counter, then one row.
      for (const e of entries) await setSecret(await issuerSession(), e.kind, secrets[e.kind]!);
      await ctx.commit('pins', { kinds: entries.map((e) => e.kind) });
    } else {
      for (const e of entries) {
        if (ctx.state.pinsDone.includes(e.kind) || e.mode === 'current') continue;
        const value = secrets[e.kind]!;
        if (e.mode === 'new') await setSecret(await issuerSession(), e.kind, value);
        else {
          // Journaled before the card sees it: after a crash in between, the authority sets it.
          await ctx.commit('change-started', { kind: e.kind });
          await ctx.publish();
          await changePin(session, e.kind, currents[e.kind]!, value);
        }
        await ctx.commit('secret-set', { kind: e.kind, mode: e.mode });
        await ctx.publish();
      }
      await ctx.commit('secrets-set', { kinds: entries.map((e) => e.kind) });
    }
    await ctx.publish();

    let newSerials: string[] = [];
    const kinds = ctx.state.certificateKinds;
    if (kinds.length > 0) {
      const certs = await runCertificates({
        session,
        issuer: await issuerSession(),
        authority,
        kinds,
        journaledKeys: ctx.state.keys,
        secrets,
        label: `${rules.kind === 'issuance' ? '交付' : rules.kind} ${ctx.live.procedure.id}`,
        db: deps.db(),
        procedureId: ctx.live.procedure.id,
        holder: residentFacts(resident),
        card,
        offline: () => deps.authorityOffline(),
        now: () => deps.now(),
        commit: async (step, data, more = {}) => {
          await ctx.commit(step, data, more);
          await ctx.publish();
        },
        phase: event,
        progress,
      });
      newSerials = await serialsOf(certs);
    }
    if (ctx.state.faceAuth) {
      // 顔認証: no secret stays on the card, the drawn authentication PIN included.
      const issuer = await issuerSession();
      for (const k of PIN_KINDS) await issuer.clearPin(k);
      await ctx.commit('pins-cleared', { kinds: [...PIN_KINDS] });
    }
    if (!kind.finish) return;
    const done = await kind.finish({ ctx, card, newSerials, issuer: issuerSession });
    await ctx.commit('completed', done.data, { effects: done.effects, end: 'completed' });
  });
}

/** The journaled approval of a face override (its approver is named on screen). */
async function faceOverrideApprovalId(ctx: {
  deps: ProcedureDeps;
  procedureId: string;
}): Promise<number | null> {
  const row = (await listSteps(ctx.deps.db(), ctx.procedureId))
    .filter((r) => r.step === 'face-override')
    .at(-1);
  return row ? Number(row.data.approval) : null;
}

/**
 * The newest certificate of each kind on the card as the database recorded it: once this
 * procedure's are issued, those. The handover shows their dates from here, the signing one's too.
 */
async function newestCertificates(
  deps: ProcedureDeps,
  cardId: number,
  kinds: readonly ('signing' | 'auth')[],
) {
  const all = await listCertificatesOfCard(deps.db(), cardId);
  return kinds.flatMap((kind) => {
    const newest = all.filter((c) => c.kind === kind).sort((a, b) => b.id - a.id)[0];
    return newest ? [{ kind, notBefore: newest.notBefore, notAfter: newest.notAfter }] : [];
  });
}

/** The resident window shows the card face now: the secrets wait for the answer. */
function awaitsCardFace(s: CardState): boolean {
  return s.step === 'card-face' && s.cardFace.open;
}

/** A card procedure of one kind: the shared steps with the kind's own parts. */
export function cardProcedureSpec<R>(kind: CardKind<R>): ProcedureSpec<CardState, R> {
  const rules = kind.rules;
  const pinEntry: PinEntrySpec<CardState> = {
    isOpen: (s) => (s.step === 'pins' && s.pins.entryOpen) || awaitsCardFace(s),
    prompt: (l) => promptOf(rules, l),
    check: (ctx, pin, value, confirmation) => checkPin(rules, ctx, pin, value, confirmation),
    submit: (ctx, values) => submit(kind, ctx, values),
    awaitsCardFace,
    confirmCardFace,
    closeStale: (s) => applyCardEvent(rules, s, { type: 'needs-card' }),
  };
  return {
    kind: rules.kind,
    idPrefix: kind.idPrefix,
    initial: (procedureId, first) =>
      initialCardState(
        rules,
        procedureId,
        first?.data.under15 === true,
        first?.data.to === 'face-auth' || first?.data.to === 'standard' ? first.data.to : null,
      ),
    transition: (s, row) => cardTransition(rules, s, row),
    reopen: (s) => reopenCardState(rules, s),
    start: (deps, request) => kind.start(deps, request),
    header: (s) => headerOf(kind.header(s), s.step),
    allowed: (s) => [
      ...(isOpenCardState(s) ? ['cancel' as const] : []),
      ...(kind.allowed?.(s) ?? []),
    ],
    async view(deps, l) {
      const s = l.state;
      return {
        approvalId: await faceOverrideApprovalId({ deps, procedureId: l.procedure.id }),
        parts: {
          documents: s.documents,
          representativeAsked: rules.representative,
          faceRequired: s.faceRequired,
          face: s.face,
          faceSecondOperator: deps.faceCheck?.secondOperator === true,
          faceCheckedBy: s.face ? await faceCheckers(deps, l.procedure.id) : null,
          matchedSerial: s.matchedSerial,
          cardFace: rules.cardFace
            ? {
                shown: s.cardFace.open || s.cardFace.answer !== null,
                facts: s.cardFace.facts,
                answer: s.cardFace.answer,
                answeredAt: s.cardFace.answeredAt,
              }
            : null,
          needsCard: asksForCard(s),
          plan: s.plan,
          pins:
            s.plan === null
              ? null
              : {
                  required: requiredEntries(rules, s).map((e) => e.kind),
                  entryOpen: s.pins.entryOpen,
                  current: s.pins.current,
                  attempts: s.pins.attempts,
                  accepted: s.pins.accepted,
                },
          certificates:
            s.certificateKinds.length > 0
              ? {
                  phase: s.phase,
                  kinds: s.certificateKinds,
                  issued: s.certificatesIssued
                    ? await newestCertificates(deps, l.cardId, s.certificateKinds)
                    : [],
                }
              : null,
          handover: s.handover,
          faceAuthAtIssue: s.faceAuth,
          notice: s.notice ? { ...s.notice } : null,
          ...(kind.extraParts?.(s) ?? {}),
        },
      };
    },
    actions: {
      async recordDocuments(ctx, r) {
        // Which kinds were shown; never a document number or a copy.
        await ctx.commit('documents', {
          kinds: [...r.kinds],
          ...(rules.representative
            ? {
                guardianship: r.guardianship,
                representative: r.representative
                  ? { relation: r.representative.relation, kinds: [...r.representative.kinds] }
                  : null,
              }
            : {}),
        });
      },
      checkCard: (ctx, { reader }) => checkCard(kind, ctx, reader),
      ...(rules.handover
        ? {
            issueFaceAuth: (ctx: CardContext, { reader }: { reader: string }) =>
              issueFaceAuth(kind, ctx, reader),
          }
        : {}),
      readPhotos: (ctx, { reader }) => readPhotos(ctx, reader),
      recordFace: (ctx, request) => recordFace(ctx, request),
      async overrideFace(ctx, { approvalId }) {
        ctx.preview('face-override', {});
        const approval = await faceOverrideApproval(
          ctx.deps.db(),
          approvalId,
          ctx.live.procedure.id,
          ctx.deps.operatorId(),
        );
        await ctx.commit('face-override', { approval: approval.id, approver: approval.approverId });
      },
      ...(rules.fixedPlan(false) === null
        ? {
            async choose(
              ctx: CardContext,
              { plan, scope }: { plan: readonly PinPlanEntry[]; scope: RenewalScope | null },
            ) {
              const data = { plan: plan.map((e) => ({ kind: e.kind, mode: e.mode })), scope };
              ctx.preview('choose', data);
              if (kind.checkChoice) await kind.checkChoice(ctx, await dbCard(ctx), plan, scope);
              await ctx.commit('choose', data);
            },
          }
        : {}),
      ...(rules.cardFace
        ? {
            showCardFace: (ctx: CardContext, { reader }: { reader: string }) =>
              showCardFace(kind, ctx, reader),
          }
        : {}),
      openPinEntry: (ctx, { reader }) => openPinEntry(kind, ctx, reader),
      ...(kind.extraActions ?? {}),
    },
    pinEntry,
  };
}
