// The simulated reader the trainer drives in practice mode: presets, the inserted card, insert and remove,
// the card of an application, the pulled card put back, a failing authority, a reissued card received,
// the practice clock.
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

  /**
   * The 交付 and 再交付 practice: the picture follows what main answers; a refusal is returned for
   * the trainer panel to show beside those controls (not as the reader's error).
   */
  async function practice(call: () => Promise<Result<SimStateDto>>): Promise<Result<SimStateDto>> {
    const result = await callCounter(call);
    if (result.ok) state.value = result.value;
    return result;
  }
  const reinsertCard = () => practice(() => window.counter.sim.reinsertCard({}));
  const insertApplicationCard = (noticeNumber: string) =>
    practice(() => window.counter.sim.insertApplicationCard({ noticeNumber }));
  const setAuthorityOffline = (offline: boolean) =>
    practice(() => window.counter.sim.setAuthorityOffline({ offline }));
  const setFacePhotos = (photos: boolean) =>
    practice(() => window.counter.sim.setFacePhotos({ photos }));
  const receiveCard = (noticeNumber: string) =>
    practice(() => window.counter.sim.receiveCard({ noticeNumber }));
  /** The practice clock: a Japan time of day (HH:MM) the service hours are judged at; null: real. */
  const setPracticeClock = (time: string | null) =>
    practice(() => window.counter.sim.setPracticeClock({ time }));

  return {
    state,
    error,
    busy,
    load,
    insert,
    remove,
    reinsertCard,
    insertApplicationCard,
    setAuthorityOffline,
    setFacePhotos,
    receiveCard,
    setPracticeClock,
  };
});
