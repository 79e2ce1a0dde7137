// The face check's similarity scores through the core: main validates them, decides the second look from its own threshold and knows the drawings; the journal and audit keep numbers only.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { CoreConfig } from '../../../main/config/config';
import type { Core } from '../../../main/core';
import type { ApprovalDto } from '../../../preload/contract/dto';
import type { FacePhotosDto } from '../../../preload/contract/issuance';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import type { FaceScoresDto } from '../../../preload/contract/rules/face-score';
import { call, raw, startCore } from '../support/router-calls';

const HANAKO = { notice: 'MD-2026-0001', birthDate: '1992-07-08' } as const;
const ENGINE = '@vladmandic/human 3.3.6';

/** Scores as the renderer sends them: another person on camera (low), the photos alike. */
const LOW: FaceScoresDto = {
  pairs: { liveChip: 0.41, liveApplication: 0.38, chipApplication: 0.74 },
  findings: { live: 'ok', chip: 'ok', application: 'ok' },
  presentationAttack: false,
  engine: ENGINE,
  // The renderer's claim; main knows better whether the photos were drawings.
  practice: true,
};
const HIGH: FaceScoresDto = {
  ...LOW,
  pairs: { liveChip: 0.93, liveApplication: 0.9, chipApplication: 0.74 },
};

let core: Core;
let dataDir: string;
afterEach(async () => core?.close());

async function upToFace(over: Partial<CoreConfig>, photos: boolean): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-face-score-'));
  core = await startCore(dataDir, over);
  await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  await call(core, 'sim:set-face-photos', { photos });
  const app = (
    await call<ResidentMatchDto>(core, 'lookup:by-notice', {
      noticeNumber: HANAKO.notice,
      birthDate: HANAKO.birthDate,
    })
  ).applications[0]!;
  const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  await call(core, 'procedure:record-documents', {
    procedureId,
    kinds: ['driving-licence'],
    guardianship: false,
    representative: null,
  });
  await call(core, 'sim:insert-application-card', { noticeNumber: HANAKO.notice });
  await call(core, 'procedure:check-card', { procedureId, reader: SIM_READER_NAME });
  return procedureId;
}

async function recordFace(procedureId: string, payload: object) {
  const r = await raw<ProcedureDto>(core, 'procedure:record-face', {
    procedureId,
    decision: 'match',
    ...payload,
  });
  return r.ok ? r.value.step : `${r.error.code}${r.error.detail ? `:${r.error.detail}` : ''}`;
}

async function faceRows(procedureId: string) {
  const db = core.db()!;
  const journal = await db.all<{ data: string }>(
    "SELECT data FROM procedure_journal WHERE procedure_id = ? AND step = 'face'",
    [procedureId],
  );
  const audit = await db.all<{ details: string }>(
    "SELECT details FROM audit_log WHERE action = 'issuance.face'",
  );
  return {
    journal: journal.map((r) => JSON.parse(r.data)),
    audit: audit.map((r) => JSON.parse(r.details)),
  };
}

describe('face scores: main decides the second look', () => {
  it('the photo scenario: real photos, so a low score needs the second look before 一致', async () => {
    const procedureId = await upToFace({}, true);
    const photos = await call<FacePhotosDto>(core, 'procedure:read-photos', {
      procedureId,
      reader: SIM_READER_NAME,
    });
    expect(photos.drawings).toBe(false);
    // The renderer calling the photos drawings changes nothing: main served them.
    expect(await recordFace(procedureId, { scores: LOW })).toBe('second-look-required:low-score');
    expect(await recordFace(procedureId, { scores: LOW, secondLook: true })).toBe('card-face');
    const { journal, audit } = await faceRows(procedureId);
    const expected = {
      decision: 'match',
      scores: LOW.pairs,
      findings: LOW.findings,
      presentationAttack: false,
      engine: ENGINE,
      threshold: 0.6,
      secondLook: 'low-score',
    };
    expect(journal).toEqual([expect.objectContaining(expected)]);
    expect(audit).toEqual([expect.objectContaining(expected)]);
  });

  it('a pair without a face asks for it too; high scores do not', async () => {
    const procedureId = await upToFace({}, true);
    const noFace: FaceScoresDto = {
      ...HIGH,
      pairs: { ...HIGH.pairs, liveChip: null, liveApplication: null },
      findings: { ...HIGH.findings, live: 'none' },
    };
    expect(await recordFace(procedureId, { scores: noFace })).toBe('second-look-required:no-score');
    expect(await recordFace(procedureId, { scores: HIGH })).toBe('card-face');
    expect((await faceRows(procedureId)).journal[0]).not.toHaveProperty('secondLook');
  });

  it("the municipality's threshold is main's: below 0.35 the same scores pass", async () => {
    const procedureId = await upToFace(
      { faceCheck: { secondOperator: false, scoreThreshold: 0.35 } },
      true,
    );
    expect(await recordFace(procedureId, { scores: LOW })).toBe('card-face');
    expect((await faceRows(procedureId)).journal[0]).toMatchObject({ threshold: 0.35 });
  });

  it('practice drawings: scores recorded as practice, no second look asked', async () => {
    const procedureId = await upToFace({}, false);
    expect(await recordFace(procedureId, { scores: { ...LOW, practice: false } })).toBe(
      'card-face',
    );
    expect((await faceRows(procedureId)).journal[0]).toMatchObject({ practice: true });
  });

  it('with the two-person check, the second look is the second operator’s approval', async () => {
    const procedureId = await upToFace({ faceCheck: { secondOperator: true } }, true);
    expect(await recordFace(procedureId, { scores: LOW, secondLook: true })).toBe(
      'second-check-required',
    );
    const approval = await call<ApprovalDto>(core, 'approval:approve', {
      action: 'face-check-second',
      procedureId,
      reason: '類似度が基準未満',
      approverLoginId: 'renshu02',
      approverPassword: 'renshu02-2026',
    });
    expect(await recordFace(procedureId, { scores: LOW, approvalId: approval.approvalId })).toBe(
      'card-face',
    );
    expect((await faceRows(procedureId)).journal[0]).toMatchObject({
      secondLook: 'low-score',
      approval: approval.approvalId,
    });
  });

  it('refuses what is not a score: out of range, a descriptor, an image, an unknown finding', async () => {
    const procedureId = await upToFace({}, true);
    for (const scores of [
      { ...HIGH, pairs: { ...HIGH.pairs, liveChip: 1.5 } },
      { ...HIGH, pairs: { ...HIGH.pairs, liveChip: -0.1 } },
      { ...HIGH, descriptor: Array.from({ length: 1024 }, () => 0.01) },
      { ...HIGH, findings: { ...HIGH.findings, live: 'smiling' } },
      { ...HIGH, engine: 'data:image/png;base64,iVBORw0KGgo=' },
    ])
      expect(await recordFace(procedureId, { scores })).toMatch(/^validation/);
    expect((await call<ProcedureDto>(core, 'procedure:get', { procedureId })).step).toBe('face');
  });
});

describe('face scores: nothing of a face is kept', () => {
  it('no image, descriptor or landmark in the database, its journal, the audit or the logs', async () => {
    const procedureId = await upToFace({}, true);
    const photos = await call<FacePhotosDto>(core, 'procedure:read-photos', {
      procedureId,
      reader: SIM_READER_NAME,
    });
    expect(await recordFace(procedureId, { scores: HIGH })).toBe('card-face');
    const { journal, audit } = await faceRows(procedureId);
    const rows = JSON.stringify([journal, audit]);
    expect(rows).toContain('"liveChip":0.93');
    for (const word of ['data:image', 'embedding', 'descriptor', 'mesh', 'landmark', 'iVBOR'])
      expect(rows.includes(word), word).toBe(false);
    // No run of numbers as long as a descriptor (1024) or a mesh (468 points), anywhere.
    expect(/(-?\d+(\.\d+)?,){32}/.test(rows)).toBe(false);
    await core.close();
    // Every file the core wrote (database, its journal, error and audit logs): no photo bytes.
    const chip = Buffer.from(photos.chip.split(',')[1]!, 'base64').subarray(16, 80);
    const application = Buffer.from(photos.application!.split(',')[1]!, 'base64').subarray(16, 80);
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      expect(bytes.includes(chip), f.name).toBe(false);
      expect(bytes.includes(application), f.name).toBe(false);
      expect(bytes.includes('data:image'), f.name).toBe(false);
    }
  });
});
