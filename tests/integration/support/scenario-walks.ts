// Walks that more than one scenario test takes, beside the 交付 walk of scenario-run.ts: a 交付
// stopped at the face check, and the procedures on a seed resident's issued card.
import { expect } from 'vitest';
import type { Core } from '../../../main/core';
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import { call, RESIDENT } from './router-calls';
import {
  DRIVING_LICENCE,
  findApplication,
  insertCardOf,
  READER,
  type ScenarioContext,
} from './scenario-run';

/**
 * 交付 of `key`'s own card up to the face check, decided `decision`; with `cancel`, the procedure
 * is then cancelled with the reason the clerk types.
 */
export async function issuanceStoppedAtFace(
  ctx: ScenarioContext,
  key: string,
  w: { decision: 'match' | 'mismatch' | null; cancel: boolean },
): Promise<ProcedureDto> {
  const { core } = ctx;
  await insertCardOf(ctx, key);
  const app = await findApplication(ctx, key);
  const started = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  const procedureId = started.procedureId;
  await call(core, 'procedure:record-documents', { procedureId, ...DRIVING_LICENCE });
  let dto = await call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
  if (w.decision !== null)
    dto = await call<ProcedureDto>(core, 'procedure:record-face', {
      procedureId,
      decision: w.decision,
    });
  if (!w.cancel) return dto;
  return call<ProcedureDto>(core, 'procedure:cancel', {
    procedureId,
    reason: 'カードの顔写真が本人と一致しない',
  });
}

/** The card the clerk finds by its serial (printed on the card), as the lookup answers it. */
export async function cardBySerial(core: Core, serial: string): Promise<number> {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-serial', { serial });
  return found.cards.find((c) => c.serial === serial)!.id;
}

/** A card procedure of `kind` started on the card with `serial`. */
export async function startOnCard(
  core: Core,
  kind: string,
  serial: string,
  extra: Record<string, unknown> = {},
): Promise<ProcedureDto> {
  return call<ProcedureDto>(core, 'procedure:start', {
    kind,
    cardId: await cardBySerial(core, serial),
    ...extra,
  });
}

/**
 * The documents (list A), the card in the reader, the face check when the procedure asks for it,
 * then the choice of secrets: where 解除, 初期化・再設定 and 更新 all go before the resident types.
 */
export async function upToChoice(
  core: Core,
  procedureId: string,
  plan: readonly PinPlanEntry[],
  scope?: string,
): Promise<ProcedureDto> {
  await call(core, 'procedure:record-documents', { procedureId, kinds: ['driving-licence'] });
  let dto = await call<ProcedureDto>(core, 'procedure:check-card', { procedureId, reader: READER });
  if (dto.step === 'face')
    dto = await call<ProcedureDto>(core, 'procedure:record-face', {
      procedureId,
      decision: 'match',
    });
  expect(dto.step).toBe('choose');
  return call<ProcedureDto>(core, 'procedure:choose', {
    procedureId,
    plan,
    ...(scope ? { scope } : {}),
  });
}

/** The resident's entry opened on the reader and `values` submitted from their window. */
export async function residentEnters(
  core: Core,
  procedureId: string,
  values: Record<string, unknown>,
): Promise<ProcedureDto> {
  await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
  await call(core, 'resident:submit-pins', values, RESIDENT);
  return call<ProcedureDto>(core, 'procedure:get', { procedureId });
}
