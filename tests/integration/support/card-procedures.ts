// What the tests of the procedures on a resident's card share: a preset card trusting the core's
// authority, a card's id and certificates from the database, a refusal as "code detail", and the
// resident's PIN entry opened and submitted.
import { loadPreset } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { Core } from '../../../main/core';
import type { Channel } from '../../../preload/contract/channels';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import { call, CLERK, raw, RESIDENT } from './router-calls';

export const READER = SIM_READER_NAME;

/** A fresh card of the preset, trusting this core's practice authority (as sim:insert-card does). */
export async function presetCard(core: Core, preset: string): Promise<SimCard> {
  const { issuerPublicKey } = await core.authority();
  return loadPreset(preset, { timing: false, issuerPublicKey });
}

export async function cardId(core: Core, serial: string): Promise<number> {
  const row = await core
    .db()!
    .get<{ id: number }>('SELECT id FROM cards WHERE serial = ?', [serial]);
  return row!.id;
}

/** The call's refusal as "code detail" ("accepted" when it was not refused). */
export async function refusal(
  core: Core,
  channel: Channel,
  payload: unknown = {},
  sender = CLERK,
): Promise<string> {
  const r = await raw(core, channel, payload, sender);
  return r.ok ? 'accepted' : `${r.error.code}${r.error.detail ? ` ${r.error.detail}` : ''}`;
}

export async function certificates(core: Core, serial: string) {
  return core.db()!.all<{ kind: string; status: string; reason: string | null; serial: string }>(
    `SELECT c.kind AS kind, c.status AS status, c.revocation_reason AS reason, c.serial AS serial
       FROM certificates c JOIN cards k ON k.id = c.card_id WHERE k.serial = ? ORDER BY c.id`,
    [serial],
  );
}

export const entry = (v: string) => ({ value: v, confirmation: v });

/** Opens the resident's entry on the reader and submits `values` as the resident window does. */
export async function enter(core: Core, procedureId: string, values: Record<string, unknown>) {
  await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
  const r = await raw<{ done: boolean }>(core, 'resident:submit-pins', values, RESIDENT);
  return {
    result: r.ok ? 'done' : `${r.error.code}${r.error.detail ? ` ${r.error.detail}` : ''}`,
    dto: await call<ProcedureDto>(core, 'procedure:get', { procedureId }),
  };
}
