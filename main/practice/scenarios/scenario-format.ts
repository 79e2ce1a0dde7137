// The format of one trainer scenario (resources/practice/scenarios/<id>.json), checked at load.
import { z } from 'zod';
import { PROCEDURE_KINDS } from '../../../preload/contract/procedure-kinds';
import { MISTAKE_KINDS } from '../../../preload/contract/scenarios';
import { SEXES } from '../../../preload/contract/rules/sex';
import { isValidMyNumber } from '../../card/domain';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A person of the scenario: A, B, C … (the brief names their notice numbers as {A}, {B} …). */
const castKey = z.string().regex(/^[A-Z]$/);

/** A resident the set-up makes for this run alone, with a notice number of the run's own. */
const newResident = z.strictObject({
  key: castKey,
  kanaName: z.string().regex(/^[\u30a0-\u30ff]+(\u3000[\u30a0-\u30ff]+)+$/),
  kanjiName: z.string().min(1),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  address: z.string().startsWith('見本県窓口市'),
  /** A fixed 個人番号 (rarely needed: each run makes a fresh one otherwise). */
  myNumber: z.string().refine(isValidMyNumber, 'not a valid 個人番号').optional(),
  application: z.strictObject({
    kind: z.enum(['new', 'reissue']).default('new'),
    appliedOn: isoDate,
    /** Where the card stands: not arrived yet, in stock (入庫), or prepared for the counter. */
    card: z.enum(['none', 'received', 'prepared']),
  }),
});

/**
 * A resident of the practice seed, by the notice number of one of the applications. The run
 * starts only when its card is in `cardState` (a run before may have changed it: reset first).
 */
const seedResident = z.strictObject({
  key: castKey,
  seedNotice: z.string().regex(/^MD-\d{4}-\d{4}$/),
  cardState: z.enum(['received', 'prepared', 'issued', 'suspended', 'terminated']).optional(),
});

const castRef = { of: castKey };

/** One thing the app must have recorded at the end; checked from the database, never the screen. */
export const checkSchema = z.discriminatedUnion('kind', [
  /** The card of the person's application is in this state. */
  z.strictObject({
    kind: z.literal('card-state'),
    ...castRef,
    state: z.enum(['received', 'prepared', 'issued', 'suspended', 'terminated']),
  }),
  /** The person's application has this status. */
  z.strictObject({
    kind: z.literal('application-status'),
    ...castRef,
    status: z.enum(['pending', 'ready', 'issued']),
  }),
  /** A procedure of this kind on the person, started in this run, ended (or stands) so. */
  z.strictObject({
    kind: z.literal('procedure'),
    ...castRef,
    procedure: z.enum(PROCEDURE_KINDS),
    status: z.enum(['open', 'completed', 'cancelled']),
  }),
  /**
   * A journal row of such a procedure: its step, and (when given) the fields its data must hold.
   * `present: false` asks that no such row exists.
   */
  z.strictObject({
    kind: z.literal('journal'),
    ...castRef,
    procedure: z.enum(PROCEDURE_KINDS),
    step: z.string().min(1),
    data: z.record(z.string(), z.unknown()).optional(),
    present: z.boolean().default(true),
  }),
  /**
   * An audit row of the trainee in this run with this action (e.g. issuance.deferral-slip-printed),
   * on the person when `of` is given; `present: false` asks that there is none.
   */
  z.strictObject({
    kind: z.literal('audit'),
    of: castKey.optional(),
    action: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    present: z.boolean().default(true),
  }),
  /** No mistake of this kind on the way (or at most `atMost`). */
  z.strictObject({
    kind: z.literal('mistakes'),
    mistake: z.enum(MISTAKE_KINDS),
    atMost: z.number().int().min(0).default(0),
  }),
]);
export type ScenarioCheck = z.infer<typeof checkSchema>;

export const scenarioSchema = z.strictObject({
  /** Also the file name: kebab-case. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  /** The procedures the trainee is expected to run (the library shows them; coverage is counted). */
  procedures: z.array(z.enum(PROCEDURE_KINDS)).min(1),
  /** What the trainee reads before starting, in plain Japanese; {A} is A's notice number. */
  brief: z.string().min(1),
  /** For the trainer only: what the scenario teaches, and the mistake it is built around. */
  trainerNote: z.string().min(1),
  setup: z.strictObject({
    cast: z.array(z.union([newResident, seedResident])).min(1),
    /** The card lying in the reader when the trainee starts (a wrong one, on purpose, may be). */
    reader: z
      .union([
        z.strictObject({ applicationCardOf: castKey }),
        z.strictObject({ preset: z.string().min(1) }),
      ])
      .nullable()
      .default(null),
    faults: z
      .strictObject({
        authorityOffline: z.boolean().default(false),
        facePhotos: z.boolean().default(false),
      })
      .default({ authorityOffline: false, facePhotos: false }),
    /**
     * A 交付 of this cast member's application that the trainee's previous session at the counter
     * left open (started, not parked): it holds the counter until the trainee deals with it.
     */
    leftOpen: castKey.nullable().default(null),
    /** The practice clock (Japan time HH:MM), or null for the real time. */
    practiceClock: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .nullable()
      .default(null),
  }),
  outcomes: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        /** What is expected, as the trainee's result says it. */
        label: z.string().min(1),
        /** What to practise when it was not met (the trainee report's points). */
        advice: z.string().min(1),
        check: checkSchema,
      }),
    )
    .min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type CastMember = Scenario['setup']['cast'][number];

/** Checks one scenario file's content, and what zod cannot: every key used is in the cast. */
export function parseScenario(raw: unknown, fileName?: string): Scenario {
  const s = scenarioSchema.parse(raw);
  const where = `scenario ${fileName ?? s.id}`;
  if (fileName !== undefined && fileName !== `${s.id}.json`)
    throw new Error(`${where}: the file must be named ${s.id}.json`);
  const keys = new Set(s.setup.cast.map((c) => c.key));
  if (keys.size !== s.setup.cast.length) throw new Error(`${where}: a cast key twice`);
  const used = [
    ...s.outcomes.map((o) => ('of' in o.check ? o.check.of : undefined)),
    s.setup.reader && 'applicationCardOf' in s.setup.reader
      ? s.setup.reader.applicationCardOf
      : undefined,
    ...[...s.brief.matchAll(/\{([A-Z])\}/g)].map((m) => m[1]),
    s.setup.leftOpen ?? undefined,
  ];
  for (const k of used) {
    if (k !== undefined && !keys.has(k)) throw new Error(`${where}: ${k} is not in the cast`);
  }
  const ids = new Set(s.outcomes.map((o) => o.id));
  if (ids.size !== s.outcomes.length) throw new Error(`${where}: an outcome id twice`);
  return s;
}
