// A scenario's set-up in the practice database: its own residents with fresh notice numbers and
// cards (so a scenario runs again as often as wanted), the seed's residents it names, a 交付 left
// open by the previous session, the card in the reader, the faults and the practice clock.
import { randomInt } from 'node:crypto';
import { appendAudit } from '../../audit/audit-log';
import { japanDate } from '../../../preload/contract/rules/validity';
import { myNumberCheckDigit, parseIsoDate, parseMyNumber } from '../../card/domain';
import type { Clock } from '../../db/clock';
import type { Db, Tx } from '../../db/connection';
import type { MyNumberCipher } from '../../db/my-number-crypto';
import {
  countApplicationsWithNoticePrefix,
  createApplication,
  findApplicationByNotice,
  setApplicationStatus,
} from '../../db/repositories/applications';
import { findCardOfApplication, receiveCard, transitionCard } from '../../db/repositories/cards';
import { startProcedure, recordStep } from '../../db/repositories/journal';
import { createResident } from '../../db/repositories/residents';
import { newProcedureId } from '../../workflows/procedure/journal';
import { WorkflowRefusal } from '../../workflows/refusal';
import { nextPracticeSerial, practiceExpiry } from '../receive-card';
import type { Trainer } from '../trainer';
import type { CastMember, Scenario } from './scenario-format';

/** One person of a run, as the set-up made or found them. */
export interface CastEntry {
  readonly key: string;
  readonly residentId: number;
  readonly applicationId: number;
  readonly noticeNumber: string;
  readonly cardId: number | null;
}

export interface SetupDeps {
  readonly db: Db;
  readonly cipher: MyNumberCipher;
  readonly trainer: Trainer;
  readonly now: Clock;
  /** The trainee starting the run: a procedure left open is theirs, as the counter's. */
  readonly traineeId: number;
}

/** A fresh 個人番号 for a run's resident (random, with its check digit). */
function freshMyNumber(): string {
  const first11 = `${randomInt(1, 10)}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  return `${first11}${myNumberCheckDigit(first11)}`;
}

/** The runs' notice numbers: MD-<year>-7nnn, one after those made before (this one's too). */
async function nextNotice(q: Db | Tx, year: string): Promise<string> {
  const n = (await countApplicationsWithNoticePrefix(q, `MD-${year}-7`)) + 1;
  if (n > 999) throw new WorkflowRefusal('scenario-setup-failed', 'notice-numbers');
  return `MD-${year}-7${String(n).padStart(3, '0')}`;
}

async function makeResident(
  tx: Tx,
  cipher: MyNumberCipher,
  c: Extract<CastMember, { kanaName: string }>,
  noticeNumber: string,
  clock: Clock,
): Promise<CastEntry> {
  const applied: Clock = () => new Date(`${c.application.appliedOn}T01:00:00.000Z`);
  const residentId = await createResident(
    tx,
    cipher,
    {
      kanaName: c.kanaName,
      kanjiName: c.kanjiName,
      birthDate: parseIsoDate(c.birthDate),
      address: c.address,
      sex: c.sex,
      myNumber: parseMyNumber(c.myNumber ?? freshMyNumber()),
    },
    applied,
  );
  const applicationId = await createApplication(
    tx,
    { noticeNumber, residentId, kind: c.application.kind },
    applied,
  );
  let cardId: number | null = null;
  if (c.application.card !== 'none') {
    cardId = await receiveCard(
      tx,
      {
        serial: await nextPracticeSerial(tx),
        applicationId,
        expiry: practiceExpiry(c.birthDate, japanDate(clock())),
      },
      clock,
    );
    await setApplicationStatus(tx, applicationId, 'ready', clock);
    if (c.application.card === 'prepared') await transitionCard(tx, cardId, 'prepared', clock);
  }
  return { key: c.key, residentId, applicationId, noticeNumber, cardId };
}

async function findSeeded(
  q: Db | Tx,
  c: Extract<CastMember, { seedNotice: string }>,
): Promise<CastEntry> {
  const app = await findApplicationByNotice(q, c.seedNotice);
  if (!app) throw new WorkflowRefusal('scenario-setup-failed', `no ${c.seedNotice}`);
  const card = await findCardOfApplication(q, app.id);
  // A run before this one changed the seed's resident: the practice data must be reset first.
  if (c.cardState !== undefined && card?.state !== c.cardState)
    throw new WorkflowRefusal('scenario-needs-reset', c.seedNotice);
  return {
    key: c.key,
    residentId: app.residentId,
    applicationId: app.id,
    noticeNumber: app.noticeNumber,
    cardId: card?.id ?? null,
  };
}

/**
 * The rows the 交付's start writes (the procedure, its first journal row, its audit row), as the
 * trainee's before the run, so the engine finds it open and holding the counter.
 */
async function leaveIssuanceOpen(tx: Tx, c: CastEntry, deps: SetupDeps): Promise<void> {
  if (c.cardId === null) throw new WorkflowRefusal('scenario-setup-failed', `no card of ${c.key}`);
  const operatorId = deps.traineeId;
  const id = newProcedureId('iss');
  const base = { residentId: c.residentId, cardId: c.cardId };
  await startProcedure(
    tx,
    { id, kind: 'issuance', operatorId, ...base, applicationId: c.applicationId },
    deps.now,
  );
  const data = { under15: false };
  await recordStep(
    tx,
    { procedureId: id, step: 'started', status: 'completed', operatorId, data },
    deps.now,
  );
  await appendAudit(
    tx,
    {
      operatorId,
      action: 'issuance.started',
      ...base,
      details: { procedure: id, notice: c.noticeNumber, ...data },
    },
    deps.now,
  );
}

/** Makes the scenario's data in one transaction, then sets the reader, the faults and the clock. */
export async function setUpScenario(s: Scenario, deps: SetupDeps): Promise<CastEntry[]> {
  const year = japanDate(deps.now()).slice(0, 4);
  const cast = await deps.db.transaction(async (tx) => {
    const out: CastEntry[] = [];
    for (const c of s.setup.cast) {
      if ('seedNotice' in c) out.push(await findSeeded(tx, c));
      else out.push(await makeResident(tx, deps.cipher, c, await nextNotice(tx, year), deps.now));
    }
    return out;
  });
  if (s.setup.leftOpen !== null) {
    const of = cast.find((c) => c.key === s.setup.leftOpen)!;
    await deps.db.transaction((tx) => leaveIssuanceOpen(tx, of, deps));
  }
  const { trainer } = deps;
  trainer.clearFaults();
  await trainer.setAuthorityOffline(s.setup.faults.authorityOffline);
  await trainer.setFacePhotos(s.setup.faults.facePhotos);
  await trainer.setPracticeClock(s.setup.practiceClock);
  const reader = s.setup.reader;
  if (reader === null) await trainer.remove();
  else if ('preset' in reader) {
    const r = await trainer.insertPreset(reader.preset);
    if (!r.ok) throw new WorkflowRefusal('scenario-setup-failed', reader.preset);
  } else {
    const of = cast.find((c) => c.key === reader.applicationCardOf)!;
    await trainer.insertApplicationCard(of.noticeNumber);
  }
  return cast;
}

/** The brief with this run's notice numbers in place of {A}, {B} …. */
export function briefOf(s: Scenario, cast: readonly CastEntry[]): string {
  return s.brief.replace(
    /\{([A-Z])\}/g,
    (_, k: string) => cast.find((c) => c.key === k)?.noticeNumber ?? k,
  );
}
