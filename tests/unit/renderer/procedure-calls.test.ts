// The procedure screen's calls: another procedure loaded never shows anything of the last one (its
// facts, its refusal naming a card's holder), even while the new one is on its way from main.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../preload/contract/errors';
import type { Result } from '../../../preload/contract/result';
import { useProcedureCalls } from '../../../renderer/src/stores/procedure-calls';

interface Dto {
  readonly procedureId: string;
  readonly residentName: string;
}

/** A call main answers when the test says so. */
function pending<T>() {
  let answer!: (r: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve));
  return { call: () => promise, answer };
}

describe('procedure calls', () => {
  it('loading another procedure drops the last one and its refusal at once', async () => {
    const calls = useProcedureCalls<Dto>('test', () => () => undefined);
    await calls.load('A', async () => ({
      ok: true,
      value: { procedureId: 'A', residentName: '窓口　花子' },
    }));
    const refusal: AppError = { code: 'wrong-card', cardHolder: '窓口　一郎' };
    await calls.step(async () => ({ ok: false, error: refusal }));
    expect(calls.error.value).toEqual(refusal);

    const b = pending<Dto>();
    const loading = calls.load('B', b.call);
    // Before main answers: nothing of A on screen.
    expect(calls.current.value).toBeNull();
    expect(calls.error.value).toBeNull();
    b.answer({ ok: true, value: { procedureId: 'B', residentName: '窓口　一郎' } });
    await loading;
    expect(calls.current.value?.residentName).toBe('窓口　一郎');
  });

  it('an update of another procedure never replaces the one on screen', async () => {
    let push: ((dto: Dto) => void) | null = null;
    const calls = useProcedureCalls<Dto>('test', (listener) => {
      push = listener;
      return () => undefined;
    });
    await calls.load('A', async () => ({
      ok: true,
      value: { procedureId: 'A', residentName: '窓口　花子' },
    }));
    push!({ procedureId: 'B', residentName: '窓口　一郎' });
    expect(calls.current.value).toEqual({ procedureId: 'A', residentName: '窓口　花子' });
  });
});
