// 代理人交付 (issuance to a representative): 交付's steps with two visits before them. The first
// records why the resident cannot come (a listed reason), who comes instead and prints the
// 照会書兼回答書 to post; the procedure then waits without holding the counter. The second takes the
// 照会書 back (its number and validity checked), checks both people's documents and the 委任状, and
// goes on as 交付: the card, the face (the application photo against the resident's photo document),
// the card face and the PINs from the resident's sealed sheet, typed by the representative.
import { randomInt } from 'node:crypto';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type { DeliveryRequestDto, ProcedureDto } from '../../../preload/contract/procedure';
import { ageOn } from '../../../preload/contract/rules/age';
import {
  deliveryReasonRefusal,
  inquiryValidUntil,
} from '../../../preload/contract/rules/documents';
import { japanDate } from '../../../preload/contract/rules/validity';
import type { Details } from '../../audit/details-guard';
import { findOpenProcedureOfApplication } from '../../db/repositories/journal';
import type {
  ActionArgs,
  ActionHandlers,
  ProcedureRow,
  ProcedureSpec,
  StepContext,
} from '../procedure/spec';
import { headerOf } from '../procedure/steps';
import { refuse, WorkflowRefusal } from '../refusal';
import { cardProcedureSpec } from '../steps/card-steps';
import type { CardState, CardStep } from '../steps/card-state';
import {
  checkDeliveryDocuments,
  checkReply,
  checkRequest,
  isDeliveryStep,
  NO_DELIVERY,
  type DeliveryFacts,
  type DeliveryRequestRow,
  type DeliveryStep,
} from '../steps/delivery';
import { writeInquiry } from '../steps/printed-documents';
import {
  applicationToIssue,
  ISSUANCE_ACTIONS,
  ISSUANCE_RULES,
  ISSUANCE_STEPS,
  issuanceAllowed,
  newIssuance,
  prepareMatched,
} from './issuance';

/** 交付's state with the visits before it. */
export type RepresentativeState = Omit<CardState, 'step'> & {
  readonly step: CardStep | DeliveryStep;
  readonly delivery: DeliveryFacts;
};
type Ctx = StepContext<RepresentativeState>;

/** 交付 itself, as the in-person kind runs it (the same rules, actions and screens). */
const issuing = cardProcedureSpec<{ readonly applicationId: number }>({
  rules: ISSUANCE_RULES,
  idPrefix: 'dai',
  firstRead: { tries: false, factsChange: 'refuse' },
  async start(deps, { applicationId }) {
    const app = await applicationToIssue(deps, applicationId);
    const db = deps.db();
    const open = await findOpenProcedureOfApplication(db, 'representative', applicationId);
    if (open)
      return {
        existing: open.id,
        async afterwards(ctx) {
          if (ctx.state.step === 'parked') await ctx.commit('resumed', {});
        },
      };
    // The resident's own 交付 of it is open: finished or cancelled first.
    if (await findOpenProcedureOfApplication(db, 'issuance', applicationId))
      refuse('application-in-procedure', 'issuance');
    return { open: await newIssuance(deps, app) };
  },
  onMatched: prepareMatched,
  header: () => ISSUANCE_STEPS,
  allowed: issuanceAllowed,
  extraActions: ISSUANCE_ACTIONS,
});

const asCard = (s: RepresentativeState): CardState => s as CardState;
const withFacts = (s: CardState, delivery: DeliveryFacts): RepresentativeState => ({
  ...s,
  delivery,
});

/** The pure transition: the visits' rows here, the rest as 交付's. */
function transition(s: RepresentativeState, row: ProcedureRow): RepresentativeState {
  const d = row.data;
  switch (row.step) {
    case 'request': {
      const request = d as unknown as DeliveryRequestRow;
      checkRequest(s.step, request);
      return { ...s, step: 'awaiting-reply', delivery: { ...s.delivery, request } };
    }
    case 'reply':
      checkReply(
        s.step,
        s.delivery,
        {
          inquiryNumber: String(d.inquiryNumber),
          answered: d.answered === true,
          pinSheetSealed: d.sheetSealed === true,
        },
        row.at,
      );
      return { ...s, step: 'documents', delivery: { ...s.delivery, repliedAt: row.at } };
    case 'documents': {
      if (s.step !== 'documents') refuse('step-not-allowed', s.step);
      const authority = checkDeliveryDocuments(s.delivery, {
        kinds: d.kinds as DocumentsRow['kinds'],
        representative: (d.representative ?? null) as DocumentsRow['representative'],
        authority: (d.authority ?? null) as DocumentsRow['authority'],
      });
      const next = issuing.transition(asCard(s), row);
      return withFacts(next, { ...s.delivery, authority });
    }
    case 'cancelled':
      if (isDeliveryStep(s.step)) return { ...s, step: 'cancelled' };
      return withFacts(issuing.transition(asCard(s), row), s.delivery);
    default:
      // Before the reply nothing of 交付 happens (its rows are refused by their own steps).
      if (isDeliveryStep(s.step) && row.step !== 'started') refuse('step-not-allowed', s.step);
      return withFacts(issuing.transition(asCard(s), row), s.delivery);
  }
}

type DocumentsRow = ActionArgs['recordDocuments'];

/** 交付's actions, refused while the procedure is still at a visit of its own. */
function guarded(actions: ActionHandlers<CardState>): ActionHandlers<RepresentativeState> {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(actions)) {
    out[name] = (ctx: Ctx, args: unknown) => {
      if (isDeliveryStep(ctx.state.step)) refuse('step-not-allowed', ctx.state.step);
      return (handler as (c: unknown, a: unknown) => Promise<unknown>)(ctx, args);
    };
  }
  return out as ActionHandlers<RepresentativeState>;
}

/** A refusal of a visit's action is audited with what was refused, then passed on. */
async function auditedRefusal<T>(ctx: Ctx, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof WorkflowRefusal)
      await ctx.audit(`${action}-refused`, { code: e.code, detail: e.detail ?? '' });
    throw e;
  }
}

/** The 照会書's number: the year and six random digits (checked only against this request). */
function newInquiryNumber(today: string): string {
  return `SK-${today.slice(0, 4)}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

async function recordRequest(ctx: Ctx, r: DeliveryRequestDto): Promise<void> {
  await auditedRefusal(ctx, 'request', async () => {
    const today = japanDate(ctx.deps.now());
    const why = deliveryReasonRefusal(r.reason, ageOn(ctx.live.birthDate, today));
    if (why) refuse('delivery-reason-invalid', why);
    const row: DeliveryRequestRow = {
      reason: r.reason,
      representative: {
        name: r.representative.name.trim(),
        relation: r.representative.relation,
        kinds: [...r.representative.kinds],
      },
      inquiryNumber: newInquiryNumber(today),
      sentOn: today,
      validUntil: inquiryValidUntil(today),
    };
    // The representative's name stays in the journal (the 照会書 is printed from it), not in
    // the audit log: that says what was decided.
    await ctx.commit('request', row as unknown as Details, {
      audit: {
        reason: row.reason,
        relation: row.representative.relation,
        kinds: [...row.representative.kinds],
        inquiry: row.inquiryNumber,
        validUntil: row.validUntil,
      },
    });
  });
}

async function recordReply(ctx: Ctx, r: ActionArgs['recordReply']): Promise<void> {
  await auditedRefusal(ctx, 'reply', () =>
    ctx.commit('reply', {
      inquiryNumber: r.inquiryNumber.trim().toUpperCase(),
      answered: r.answered,
      // Not "pin…": the journal refuses a field named like a secret (the sheet is never opened).
      sheetSealed: r.pinSheetSealed,
    }),
  );
}

async function printInquiry(ctx: Ctx): Promise<FileWrittenDto> {
  if (ctx.state.step !== 'awaiting-reply') refuse('step-not-allowed', ctx.state.step);
  const written = await writeInquiry(ctx.deps, ctx.live.procedure.id, null);
  await ctx.audit('inquiry-printed', { bytes: written.bytes });
  return written;
}

async function recordDocuments(ctx: Ctx, r: DocumentsRow): Promise<void> {
  await auditedRefusal(ctx, 'documents', () =>
    // Which kinds were shown and what authority; never a document number or a copy.
    ctx.commit('documents', {
      kinds: [...r.kinds],
      guardianship: false,
      representative: r.representative
        ? { relation: r.representative.relation, kinds: [...r.representative.kinds] }
        : null,
      authority: r.authority ?? null,
    }),
  );
}

const HEADER = ['request', 'reply', ...ISSUANCE_STEPS] as const;

export const representativeSpec: ProcedureSpec<
  RepresentativeState,
  { readonly applicationId: number }
> = {
  kind: 'representative',
  idPrefix: 'dai',
  initial: (procedureId, first) => ({
    ...issuing.initial(procedureId, first),
    step: 'request',
    delivery: NO_DELIVERY,
  }),
  transition,
  reopen: (s) => (isDeliveryStep(s.step) ? s : withFacts(issuing.reopen(asCard(s)), s.delivery)),
  start: async (deps, request) => {
    const plan = await issuing.start(deps, request);
    // 後日交付 resumed as in 交付; the afterwards works on the card part of the state alone.
    return plan as unknown as Awaited<ReturnType<ProcedureSpec<RepresentativeState>['start']>>;
  },
  header: (s) => headerOf(HEADER, s.step),
  allowed(s) {
    if (s.step === 'request') return ['cancel'];
    if (s.step === 'awaiting-reply') return ['print-inquiry', 'cancel'];
    return issuing.allowed(asCard(s));
  },
  async view(deps, l) {
    const inner = await issuing.view(deps, l as unknown as Parameters<typeof issuing.view>[1]);
    const s = l.state;
    const request = s.delivery.request;
    const today = japanDate(deps.now());
    const delivery: ProcedureDto['delivery'] = {
      request: request ? { reason: request.reason, representative: request.representative } : null,
      inquiry: request
        ? {
            number: request.inquiryNumber,
            sentOn: request.sentOn,
            validUntil: request.validUntil,
            expired: today > request.validUntil,
          }
        : null,
      repliedAt: s.delivery.repliedAt,
    };
    return {
      ...inner,
      parts: {
        ...inner.parts,
        documents: s.documents ? { ...s.documents, authority: s.delivery.authority } : null,
        delivery,
      },
    };
  },
  actions: {
    ...guarded(issuing.actions),
    recordDocuments: (ctx, r) => {
      if (isDeliveryStep(ctx.state.step)) refuse('step-not-allowed', ctx.state.step);
      return recordDocuments(ctx, r);
    },
    recordRequest,
    recordReply,
    printInquiry,
  },
  pinEntry: issuing.pinEntry as unknown as ProcedureSpec<RepresentativeState>['pinEntry'],
};
