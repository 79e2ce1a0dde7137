// The simulated reader the trainer drives in practice mode: presets, the inserted card, insert and remove.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SimStateDto } from '../../../preload/contract/dto';
import type { AppError } from '../../../preload/contract/errors';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';

export const useSimStore = defineStore('sim', () => {
  const state = ref<SimStateDto | null>(null);
  const error = ref<AppError | null>(null);
  // A count, not a flag: a refresh (reader changed) may overlap an insert the trainer started.
  const pending = ref(0);
  const busy = computed(() => pending.value > 0);

  async function run(call: () => Promise<Result<SimStateDto>>): Promise<void> {
    pending.value++;
    try {
      const result = await callCounter(call);
      if (result.ok) {
        state.value = result.value;
        error.value = null;
      } else {
        error.value = result.error;
      }
    } finally {
      pending.value--;
    }
  }

  const load = () => run(() => window.counter.sim.getState({}));
  const insert = (preset: string) => run(() => window.counter.sim.insertCard({ preset }));
  const remove = () => run(() => window.counter.sim.removeCard({}));

  return { state, error, busy, load, insert, remove };
});
