// App-wide facts from main (mode, version), loaded once at start-up.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfoDto } from '../../../preload/contract/dto';
import type { AppError } from '../../../preload/contract/errors';
import { callCounter } from '../counter-call';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfoDto | null>(null);
  const error = ref<AppError | null>(null);
  const isPractice = computed(() => info.value?.mode === 'practice');

  async function load(): Promise<void> {
    const result = await callCounter(() => window.counter.getAppInfo({}));
    if (result.ok) {
      info.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  return { info, error, isPractice, load };
});
