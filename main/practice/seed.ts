// Practice-mode seed: the fictional town's residents, applications, cards and practice accounts, loaded in one transaction.
import { z } from 'zod';
import { CRL_REASON_OF } from '../../preload/contract/rules/reasons';
import { ROLES } from '../../preload/contract/rules/roles';
import { SEXES } from '../../preload/contract/rules/sex';
import seedJson from '../../resources/practice/seed.json';
import { appendAudit } from '../audit/audit-log';
import { isValidMyNumber, parseIsoDate, parseMyNumber } from '../card/domain';
import { systemClock } from '../db/clock';
import type { Clock } from '../db/clock';
import type { Db, Tx } from '../db/connection';
import type { MyNumberCipher } from '../db/my-number-crypto';
import { createApplication, setApplicationStatus } from '../db/repositories/applications';
import { recordApproval } from '../operators/approvals';
import { recordRevocation, recordSuspension } from '../db/repositories/card-events';
import { receiveCard, transitionCard } from '../db/repositories/cards';
import type { CardState } from '../db/repositories/cards';
import { addCertificate, setCertificateStatus } from '../db/repositories/certificates';
import type { CertificateKind } from '../db/repositories/certificates';
import { ensureDatabaseMode } from '../db/repositories/meta';
import { countOperators, insertOperator } from '../db/repositories/operators';
import { createPasswordHasher, type PasswordHasher } from '../operators/password-hash';
import { createResident, searchResidents } from '../db/repositories/residents';
import { CASE_RESIDENTS } from './practice-cases';
import { seedRepresentativeVisits } from './representative-cases';
import { seedCardKinds } from './seed-card-kinds';
import { seedDatedRulesCases } from './seed-dated-rules';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const loginId = z.string().regex(/^[a-z0-9]+$/);

const cardSchema = z.object({
  serial: z.string().regex(/^\d{15}$/),
  state: z.enum(['received', 'prepared', 'issued', 'suspended', 'terminated']),
  /** The date the expiry was counted from (docs/card.md, Validity): when the card was made or issued. */
  validFrom: isoDate,
  expiry: isoDate,
  receivedOn: isoDate,
  preparedOn: isoDate.optional(),
  issuedOn: isoDate.optional(),
  suspendedOn: isoDate.optional(),
  suspension: z
    .object({
      reportedBy: z.enum(['callcentre', 'police', 'resident']),
      how: z.string().min(1),
      operator: loginId,
    })
    .optional(),
  terminatedOn: isoDate.optional(),
  revocation: z
    .object({
      reason: z.enum(['lost', 'stolen', 'returned', 'damaged', 'moved-abroad', 'death']),
      operator: loginId,
      approver: loginId,
      approvalReason: z.string().min(1),
    })
    .optional(),
});

const applicationSchema = z.object({
  noticeNumber: z.string().regex(/^MD-\d{4}-\d{4}$/),
  kind: z.enum(['new', 'reissue']),
  appliedOn: isoDate,
  status: z.enum(['pending', 'ready', 'issued']),
  card: cardSchema.optional(),
});

const residentSchema = z.object({
  kanaName: z.string().regex(/^[\u30a0-\u30ff]+(\u3000[\u30a0-\u30ff]+)+$/),
  kanjiName: z.string().min(1),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  address: z.string().startsWith('見本県窓口市'),
  myNumber: z.string().refine(isValidMyNumber, 'not a valid 個人番号'),
  /** The simulated card preset (resources/cards/<id>.json) this resident holds. */
  preset: z.string().optional(),
  /** A foreign resident, recorded from the 在留カード. */
  foreign: z.boolean().optional(),
  /** What the trainer may point out about this resident. */
  note: z.string().optional(),
  applications: z.array(applicationSchema),
});

const seedSchema = z.object({
  $comment: z.string(),
  municipality: z.object({ code: z.string(), prefecture: z.string(), name: z.string() }),
  referenceDate: isoDate,
  operators: z.array(
    z.object({
      loginId,
      displayName: z.string().min(1),
      role: z.enum(ROLES),
      password: z.string().min(8),
    }),
  ),
  residents: z.array(residentSchema),
});

export type PracticeSeed = z.infer<typeof seedSchema>;
export type PracticeSeedResident = z.infer<typeof residentSchema>;

/** resources/practice/seed.json with the cases kept in their own modules, validated. */
export function practiceSeed(): PracticeSeed {
  return seedSchema.parse({
    ...seedJson,
    residents: [...seedJson.residents, ...CASE_RESIDENTS],
  });
}

export class PracticeSeedRefusedError extends Error {
  override readonly name = 'PracticeSeedRefusedError';
  constructor(readonly reason: 'not-empty') {
    super('the practice database already holds residents or operators; reset it instead');
  }
}

/** Written as the very first audit row when the seed is loaded by a reset (main/practice/reset.ts). */
export interface PracticeResetRecord {
  /** The trainer's login id: operator ids of the old database mean nothing in the new one. */
  readonly trainerLoginId: string;
  /** File name the old database was moved to. */
  readonly previousFile: string;
}

export interface SeedSummary {
  readonly residents: number;
  readonly applications: number;
  readonly cards: number;
  /** Operator id by login id, as created in this database. */
  readonly operators: Readonly<Record<string, number>>;
}

/** A clock stopped at 10:00 JST on a seed date, so the history keeps the seed's dates. */
function onDate(date: string): Clock {
  const at = new Date(`${parseIsoDate(date)}T01:00:00.000Z`);
  return () => at;
}

// The steps a card takes from 入庫 to its seeded state, each on its own date.
function cardSteps(card: z.infer<typeof cardSchema>): { to: CardState; on: string }[] {
  const path: Record<CardState, CardState[]> = {
    received: [],
    prepared: ['prepared'],
    issued: ['prepared', 'issued'],
    suspended: ['prepared', 'issued', 'suspended'],
    terminated: ['prepared', 'issued', 'terminated'],
  };
  const dates: Record<CardState, string | undefined> = {
    received: card.receivedOn,
    prepared: card.preparedOn,
    issued: card.issuedOn,
    suspended: card.suspendedOn,
    terminated: card.terminatedOn,
  };
  return path[card.state].map((to) => {
    const on = dates[to];
    if (on === undefined) throw new Error(`seed card ${card.serial}: no date for ${to}`);
    return { to, on };
  });
}

/** A certificate a preset card holds, as the database records it. */
export interface PresetCertificateRow {
  readonly kind: CertificateKind;
  /** Upper-case hex as the certificate reads back; the repository stores it in its own form. */
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface PresetCertificates {
  /** The day the preset's certificates were issued. */
  readonly issuedOn: string;
  readonly rows: readonly PresetCertificateRow[];
}

/**
 * The certificates on each preset card the seed names, by card serial: the same serials and
 * validity the simulated card is built with (main/card/sim/presets.ts), so suspending, releasing
 * or revoking a seeded card finds them in the database.
 */
export async function presetCertificateRows(
  seed: PracticeSeed = practiceSeed(),
): Promise<Map<string, PresetCertificates>> {
  // Loaded only here: the presets bring the X.509 library, which the app's start does not need.
  const presets = await import('../card/sim/presets');
  const rows = new Map<string, PresetCertificates>();
  for (const r of seed.residents) {
    if (r.preset === undefined || !presets.isPresetId(r.preset)) continue;
    const data = presets.presetData(r.preset);
    if (data.profile !== 'my-number') continue;
    const { notBefore, notAfter } = presets.certificateValidity(
      data.holder,
      data.certificates.issuedOn,
    );
    const usages = (['sign', 'auth'] as const).filter((u) => data.certificates[u]);
    rows.set(data.holder.serial, {
      issuedOn: data.certificates.issuedOn,
      rows: await Promise.all(
        usages.map(async (usage) => ({
          kind: usage === 'sign' ? ('signing' as const) : ('auth' as const),
          serial: await presets.presetCertificateSerial(data.holder.serial, usage),
          notBefore: notBefore.toISOString(),
          notAfter: notAfter.toISOString(),
        })),
      ),
    });
  }
  return rows;
}

// Each certificate as the card's history left it: issued with the card's certificates, then
// held with the card's suspension, revoked with its revocation, or expired by the reference date.
async function seedCertificates(
  tx: Tx,
  cardId: number,
  card: z.infer<typeof cardSchema>,
  onCard: PresetCertificates,
  referenceDate: string,
): Promise<void> {
  for (const row of onCard.rows) {
    const id = await addCertificate(tx, { cardId, ...row }, onDate(onCard.issuedOn));
    if (card.state === 'issued') {
      if (row.notAfter < onDate(referenceDate)().toISOString()) {
        const expiredAt = new Date(new Date(row.notAfter).getTime() + 1000);
        await setCertificateStatus(tx, id, 'expired', null, () => expiredAt);
      }
    } else if (card.state === 'suspended') {
      await setCertificateStatus(tx, id, 'on_hold', null, onDate(dateOf(card, 'suspendedOn')));
    } else if (card.state === 'terminated') {
      if (!card.revocation) throw new Error(`seed card ${card.serial}: terminated, no revocation`);
      await setCertificateStatus(
        tx,
        id,
        'revoked',
        CRL_REASON_OF[card.revocation.reason],
        onDate(dateOf(card, 'terminatedOn')),
      );
    } else {
      throw new Error(`seed card ${card.serial}: certificates on a card not yet issued`);
    }
  }
}

function dateOf(card: z.infer<typeof cardSchema>, field: 'suspendedOn' | 'terminatedOn'): string {
  const on = card[field];
  if (on === undefined) throw new Error(`seed card ${card.serial}: no ${field}`);
  return on;
}

/**
 * Loads the practice seed into an empty practice database, all in one transaction: practice
 * operators, residents, applications, cards in their states, and the audit rows. Refuses a
 * production database (DbModeMismatchError) and one that already holds residents or operators.
 */
export async function seedPracticeDatabase(
  db: Db,
  cipher: MyNumberCipher,
  clock: Clock = systemClock,
  options: {
    readonly reset?: PracticeResetRecord;
    /** How the operators' passwords are hashed: the app's cost unless a test passes its own. */
    readonly hasher?: PasswordHasher;
  } = {},
): Promise<SeedSummary> {
  await ensureDatabaseMode(db, 'practice');
  const seed = practiceSeed();
  const assertEmpty = async (q: Db | Tx) => {
    const residents = (await searchResidents(q, {}, 1, 1)).total;
    if (residents > 0 || (await countOperators(q)) > 0)
      throw new PracticeSeedRefusedError('not-empty');
  };
  await assertEmpty(db);
  // scrypt is slow: hash before the write queue is taken.
  const hasher = options.hasher ?? createPasswordHasher();
  const hashes = await Promise.all(seed.operators.map((o) => hasher.hash(o.password)));
  const certificates = await presetCertificateRows(seed);

  return db.transaction(async (tx) => {
    await assertEmpty(tx);
    if (options.reset) {
      await appendAudit(
        tx,
        {
          operatorId: null,
          action: 'practice.reset',
          details: {
            trainerLoginId: options.reset.trainerLoginId,
            previousFile: options.reset.previousFile,
          },
        },
        clock,
      );
    }

    const operators: Record<string, number> = {};
    let adminId: number | null = null;
    for (const [i, o] of seed.operators.entries()) {
      const id = await insertOperator(tx, { ...o, passwordHash: hashes[i] ?? '' }, clock);
      operators[o.loginId] = id;
      // As createOperator records it: the first administrator creates itself, then creates the rest.
      adminId ??= o.role === 'admin' ? id : null;
      await appendAudit(
        tx,
        {
          operatorId: adminId ?? id,
          action: 'operator.created',
          details: { operator: id, role: o.role, practice: true },
        },
        clock,
      );
    }
    const operatorId = (login: string): number => {
      const id = operators[login];
      if (id === undefined) throw new Error(`seed names an unknown practice operator: ${login}`);
      return id;
    };

    let applications = 0;
    let cards = 0;
    for (const r of seed.residents) {
      const firstApplied = r.applications.map((a) => a.appliedOn).sort()[0] ?? seed.referenceDate;
      const residentId = await createResident(
        tx,
        cipher,
        {
          kanaName: r.kanaName,
          kanjiName: r.kanjiName,
          birthDate: parseIsoDate(r.birthDate),
          address: r.address,
          sex: r.sex,
          myNumber: parseMyNumber(r.myNumber),
        },
        onDate(firstApplied),
      );
      for (const a of r.applications) {
        const applicationId = await createApplication(
          tx,
          { noticeNumber: a.noticeNumber, residentId, kind: a.kind },
          onDate(a.appliedOn),
        );
        applications++;
        const card = a.card;
        if (a.status !== statusFor(card?.state)) {
          throw new Error(
            `seed application ${a.noticeNumber}: status ${a.status} does not fit its card`,
          );
        }
        if (!card) continue;
        const cardId = await receiveCard(
          tx,
          { serial: card.serial, applicationId, expiry: card.expiry },
          onDate(card.receivedOn),
        );
        cards++;
        await setApplicationStatus(tx, applicationId, 'ready', onDate(card.receivedOn));
        for (const step of cardSteps(card)) {
          await transitionCard(tx, cardId, step.to, onDate(step.on));
          if (step.to === 'issued') {
            await setApplicationStatus(tx, applicationId, 'issued', onDate(step.on));
          }
          if (step.to === 'suspended' && card.suspension) {
            await recordSuspension(
              tx,
              {
                cardId,
                reportedBy: card.suspension.reportedBy,
                reportedAt: onDate(step.on)().toISOString(),
                how: card.suspension.how,
                operatorId: operatorId(card.suspension.operator),
              },
              onDate(step.on),
            );
          }
          if (step.to === 'terminated' && card.revocation) {
            const approvalId = await recordApproval(
              tx,
              {
                action: 'revocation',
                requesterId: operatorId(card.revocation.operator),
                approverId: operatorId(card.revocation.approver),
                reason: card.revocation.approvalReason,
              },
              onDate(step.on),
            );
            await recordRevocation(
              tx,
              {
                cardId,
                reason: card.revocation.reason,
                operatorId: operatorId(card.revocation.operator),
                approvalId,
              },
              onDate(step.on),
            );
          }
        }
        const onCard = certificates.get(card.serial);
        if (onCard && onCard.rows.length > 0) {
          await seedCertificates(tx, cardId, card, onCard, seed.referenceDate);
        }
      }
    }

    await seedRepresentativeVisits(tx, operatorId('renshu01'), clock);
    await seedCardKinds(tx, operatorId, onDate);
    // The dated rules' own cases (an uncollected card past its day) live in their own module.
    const dated = await seedDatedRulesCases(tx, cipher);
    applications += dated.applications;
    cards += dated.cards;
    const residents = seed.residents.length + dated.residents;
    const summary = { residents, applications, cards, operators };
    await appendAudit(
      tx,
      {
        operatorId: null,
        action: 'practice.seeded',
        details: {
          residents: summary.residents,
          applications,
          cards,
          operators: seed.operators.length,
        },
      },
      clock,
    );
    return summary;
  });
}

// Pending until its card arrives, ready while the card waits in stock, issued once handed over.
function statusFor(state: CardState | undefined): 'pending' | 'ready' | 'issued' {
  if (state === undefined) return 'pending';
  return state === 'received' || state === 'prepared' ? 'ready' : 'issued';
}
