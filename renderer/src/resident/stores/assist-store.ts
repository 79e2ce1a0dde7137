// Beside the PIN entry on the resident window: how far the card work has got, and 「職員を呼ぶ」.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ResidentProgressDto } from '../../../../preload/contract/issuance';
import { callResident, residentApi } from '../resident-api';

/** idle: not pressed yet; calling: on its way; called: main has told the clerk; failed: it did not. */
export type StaffCallState = 'idle' | 'calling' | 'called' | 'failed';

export const useAssistStore = defineStore('resident-assist', () => {
  /** main's last progress event of the running card work; null before its first. */
  const progress = shallowRef<ResidentProgressDto | null>(null);
  const staffCall = ref<StaffCallState>('idle');
  let unsubscribe: (() => void) | null = null;

  function start(): void {
    unsubscribe?.();
    unsubscribe = residentApi().onProgress((p) => {
      progress.value = p;
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    progress.value = null;
  }

  /** A new run of the card work begins at nothing, not at the last run's end. */
  function resetProgress(): void {
    progress.value = null;
  }

  async function callStaff(): Promise<void> {
    if (staffCall.value === 'calling') return;
    staffCall.value = 'calling';
    const answer = await callResident(() => residentApi().callStaff({}));
    staffCall.value = answer.ok ? 'called' : 'failed';
  }

  /** The next screen (another resident, or the clerk came): the button is offered afresh. */
  function resetCall(): void {
    if (staffCall.value !== 'calling') staffCall.value = 'idle';
  }

  return { progress, staffCall, start, stop, resetProgress, callStaff, resetCall };
});
