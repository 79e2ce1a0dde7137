// The resident's 「職員を呼ぶ」 as the clerk's window knows it: the latest call not yet dismissed.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { StaffCallDto } from '../../../preload/contract/issuance';

export const useStaffCallStore = defineStore('staff-call', () => {
  const call = shallowRef<StaffCallDto | null>(null);
  /** Presses since the last dismissal (a resident may press again while waiting). */
  const count = ref(0);
  let unsubscribe: (() => void) | null = null;

  function start(): void {
    unsubscribe?.();
    unsubscribe = window.counter.onStaffCalled((dto) => {
      call.value = dto;
      count.value += 1;
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  function dismiss(): void {
    call.value = null;
    count.value = 0;
  }

  return { call, count, start, stop, dismiss };
});
