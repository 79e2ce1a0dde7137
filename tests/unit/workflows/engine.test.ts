// The procedure engine on its own, with a small counting spec: one transaction per step, a refused
// step writes nothing, one action at a time, the state after a restart is the live one, cancel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProcedureEngine } from '../../../main/workflows/procedure/engine';
import type { ProcedureSpec } from '../../../main/workflows/procedure/spec';
import { refuse } from '../../../main/workflows/refusal';
import {
  auditCount,
  journalSteps,
  recordsFixture,
  refusalOf,
  type RecordsFixture,
} from './revocation-fixture';

interface Counting {
  readonly step: 'reason' | 'fee' | 'completed' | 'cancelled';
  readonly count: number;
  readonly reopened: number;
}

/** Counts 'reason' rows up to three, then 'fee' closes it; refuses a fourth and a cancel at fee. */
function countingSpec(
  hooks: { gate?: Promise<void> } = {},
): ProcedureSpec<Counting, { cardId: number }> {
  return {
    // The procedures table knows the real kinds only: the test spec borrows one.
    kind: 'reissue',
    idPrefix: 'tst',
    initial: () => ({ step: 'reason', count: 0, reopened: 0 }),
    transition(s, row) {
      if (s.step === 'completed' || s.step === 'cancelled') refuse('procedure-closed', s.step);
      switch (row.step) {
        case 'reason':
          if (s.count >= 3) refuse('plan-invalid', 'too-many');
          return { ...s, count: s.count + Number(row.data.by ?? 1) };
        case 'fee':
          return { ...s, step: 'completed' };
        case 'cancelled':
          return { ...s, step: 'cancelled' };
        default:
          return s;
      }
    },
    reopen: (s) => ({ ...s, reopened: s.reopened + 1 }),
    async start(deps, { cardId }) {
      const card = await deps
        .db()
        .get<{ resident_id: number }>('SELECT resident_id FROM cards WHERE id = ?', [cardId]);
      return {
        open: { residentId: card!.resident_id, cardId, step: 'start', data: { test: true } },
      };
    },
    checkCancel(s) {
      if (s.count === 2) refuse('step-not-allowed', 'two');
    },
    header: (s) => ({
      steps: ['reason', 'fee'],
      index: s.step === 'reason' ? 0 : 2,
      stopped: false,
      waiting: false,
    }),
    allowed: () => [],
    async view(_deps, l) {
      return {
        approvalId: null,
        // What the test reads back: the count, and how often the procedure was reopened.
        parts: { notice: { code: 'plan-invalid', detail: `${l.state.count}:${l.state.reopened}` } },
      };
    },
    actions: {
      async setReissueReason(ctx) {
        await hooks.gate;
        await ctx.commit('reason', { by: 1 });
      },
      async approve(ctx) {
        await ctx.commit(
          'reason',
          { by: 1 },
          {
            effects: async () => {
              throw new Error('the disk is full');
            },
          },
        );
      },
      async recordFee(ctx) {
        await ctx.commit('fee', {}, { end: 'completed' });
      },
    },
  };
}

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(async () => {
  await f.dispose();
});

async function started(spec = countingSpec()) {
  const engine = createProcedureEngine(f.deps(), [spec]);
  const { cardId } = await f.issuedCard(1);
  const dto = await engine.start('reissue', { cardId });
  return { engine, id: dto.procedureId, dto };
}

const reason = { reason: 'lost', express: false } as const;

describe('the procedure engine', () => {
  it('starts with the procedure row, its first journal row and its audit row, and publishes', async () => {
    const { id, dto } = await started();
    expect(await journalSteps(f.t, id)).toEqual(['start']);
    expect(await auditCount(f.t, 'reissue.start')).toBe(1);
    expect(dto).toMatchObject({ kind: 'reissue', step: 'reason', startedBy: 'clerk' });
    expect(f.events.map((e) => e.procedureId)).toEqual([id]);
  });

  it('one step is one row in the journal and one in the audit log, and the state moves with it', async () => {
    const { engine, id } = await started();
    const dto = await engine.act(id, 'setReissueReason', reason);
    expect(dto.notice?.detail).toBe('1:0');
    expect(await journalSteps(f.t, id)).toEqual(['start', 'reason']);
    expect(await auditCount(f.t, 'reissue.reason')).toBe(1);
  });

  it('a step its transition refuses writes nothing and leaves the state as it was', async () => {
    const { engine, id } = await started();
    for (let i = 0; i < 3; i++) await engine.act(id, 'setReissueReason', reason);
    expect(await refusalOf(engine.act(id, 'setReissueReason', reason))).toBe('plan-invalid');
    expect(await journalSteps(f.t, id)).toEqual(['start', 'reason', 'reason', 'reason']);
    expect(await auditCount(f.t, 'reissue.reason')).toBe(3);
    expect((await engine.get(id)).notice?.detail).toBe('3:0');
  });

  it('effects that fail roll the step back: no journal row, no audit row, no new state', async () => {
    const { engine, id } = await started();
    await expect(engine.act(id, 'approve', { approvalId: 1 })).rejects.toThrow('the disk is full');
    expect(await journalSteps(f.t, id)).toEqual(['start']);
    expect(await auditCount(f.t, 'reissue.reason')).toBe(0);
    expect((await engine.get(id)).notice?.detail).toBe('0:0');
  });

  it('one action at a time: a second one while the first runs is refused', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { engine, id } = await started(countingSpec({ gate }));
    const first = engine.act(id, 'setReissueReason', reason);
    expect(
      await refusalOf(engine.act(id, 'recordFee', { status: 'paid', waiverReason: null })),
    ).toBe('procedure-busy');
    open();
    expect((await first).notice?.detail).toBe('1:0');
  });

  it('a kind without the action refuses it', async () => {
    const { engine, id } = await started();
    expect(await refusalOf(engine.act(id, 'checkCard', { reader: 'r' }))).toBe('step-not-allowed');
  });

  it('after a restart the state is rebuilt from the journal, then reopened once', async () => {
    const spec = countingSpec();
    const { engine, id } = await started(spec);
    await engine.act(id, 'setReissueReason', reason);
    await engine.act(id, 'setReissueReason', reason);
    const live = await engine.get(id);
    const restarted = createProcedureEngine(f.deps(), [spec]);
    const again = await restarted.get(id);
    // The same procedure, rebuilt by the same transition; an open one is reopened once.
    expect({ ...again, notice: null }).toEqual({ ...live, notice: null });
    expect(live.notice?.detail).toBe('2:0');
    expect(again.notice?.detail).toBe('2:1');
    expect((await restarted.listOpen()).map((p) => p.procedureId)).toEqual([id]);
  });

  it('cancel writes its row with the reason and closes the procedure; the spec may refuse it', async () => {
    const { engine, id } = await started();
    await engine.act(id, 'setReissueReason', reason);
    await engine.act(id, 'setReissueReason', reason);
    expect(await refusalOf(engine.cancel(id, '取下げ'))).toBe('step-not-allowed');
    await engine.act(id, 'setReissueReason', reason);
    const cancelled = await engine.cancel(id, '取下げ');
    expect(cancelled).toMatchObject({ step: 'cancelled' });
    expect(cancelled.completedAt).not.toBeNull();
    expect(await journalSteps(f.t, id)).toEqual([
      'start',
      'reason',
      'reason',
      'reason',
      'cancelled',
    ]);
    expect(await refusalOf(engine.act(id, 'setReissueReason', reason))).toBe('procedure-closed');
    expect(await engine.listOpen()).toEqual([]);
  });

  it('an unknown procedure is not found', async () => {
    const { engine } = await started();
    expect(await refusalOf(engine.get('tst-nothing'))).toBe('not-found');
  });
});
