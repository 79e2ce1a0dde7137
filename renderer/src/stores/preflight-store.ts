// The workstation preflight: the start-up summary for the clerk window's strip, the full list and the support bundle for the administrator.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PreflightSummaryDto } from '../../../preload/contract/preflight';
import { callCounter } from '../counter-call';

/** How many cameras this window sees; null when the browser will not say. */
export async function cameraCount(): Promise<number | null> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput').length;
  } catch {
    return null;
  }
}

export const usePreflightStore = defineStore('preflight', () => {
  const summary = ref<PreflightSummaryDto | null>(null);
  let unsubscribe: (() => void) | null = null;

  async function refresh(): Promise<void> {
    const result = await callCounter(() => window.counter.preflightSummary({}));
    if (result.ok) summary.value = result.value;
  }

  /** Follows the start-up checks while an operator is logged in. */
  function start(): void {
    unsubscribe ??= window.counter.onPreflightChanged(() => void refresh());
    void refresh();
  }
  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    summary.value = null;
  }

  const run = async () => {
    const cameras = await cameraCount();
    return callCounter(() => window.counter.admin.runPreflight({ cameras }));
  };
  const writeSupportBundle = async () => {
    const cameras = await cameraCount();
    return callCounter(() => window.counter.admin.writeSupportBundle({ cameras }));
  };

  return { summary, start, stop, run, writeSupportBundle };
});
