// The calls of the procedure screen: the DTO on screen, the last refusal, a busy count, main's updates followed.
import { computed, ref, shallowRef } from 'vue';
import type { AppError } from '../../../preload/contract/errors';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';

/**
 * what: the procedure's name for a programming error; subscribe: main's update event
 * (procedure:updated), followed while a procedure screen is open.
 */
export function useProcedureCalls<T extends { readonly procedureId: string }>(
  what: string,
  subscribe: (listener: (dto: T) => void) => () => void,
) {
  /** The procedure the clerk is working on; null on the find screens. Replaced whole on each answer. */
  const current = shallowRef<T | null>(null);
  /** The last call that failed on the procedure screen (main's own notices are in current.notice). */
  const error = ref<AppError | null>(null);
  // A count, not a flag: an event-driven call may overlap one the clerk started.
  const pending = ref(0);
  const busy = computed(() => pending.value > 0);

  /** Runs a call whose answer is the procedure's new state; a refusal stays on screen until the next success. */
  async function step(call: () => Promise<Result<T>>): Promise<Result<T>> {
    pending.value++;
    try {
      const result = await callCounter(call);
      if (result.ok) {
        current.value = result.value;
        error.value = null;
      } else {
        error.value = result.error;
      }
      return result;
    } finally {
      pending.value--;
    }
  }

  /** Calls that answer something else (photos, a PDF): the error is kept the same way. */
  async function other<R>(call: () => Promise<Result<R>>): Promise<Result<R>> {
    pending.value++;
    try {
      const result = await callCounter(call);
      error.value = result.ok ? null : result.error;
      return result;
    } finally {
      pending.value--;
    }
  }

  function id(): string {
    const procedureId = current.value?.procedureId;
    if (!procedureId) throw new Error(`no ${what} procedure on screen`);
    return procedureId;
  }

  /** An update from main replaces the procedure on screen only when it is that procedure. */
  function follow(dto: T): void {
    if (current.value?.procedureId === dto.procedureId) current.value = dto;
  }

  let unsubscribe: (() => void) | null = null;

  /** Follows main's updates of the procedure on screen (PIN progress, certificate phases). Idempotent. */
  function listen(): void {
    unsubscribe ??= subscribe(follow);
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    current.value = null;
    error.value = null;
  }

  /** Opens a procedure by id: what was on screen for another one is dropped first. */
  function load(procedureId: string, get: () => Promise<Result<T>>): Promise<Result<T>> {
    listen();
    // Nothing of one resident's procedure (its facts, its refusal naming a card) stays on screen
    // while another's loads.
    if (current.value?.procedureId !== procedureId) {
      current.value = null;
      error.value = null;
    }
    return step(get);
  }

  return { current, error, busy, step, other, id, listen, stop, load };
}
