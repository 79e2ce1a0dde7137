// Tells main the clerk is still there (keys, pointer), at most once per 30 s, so the idle lock measures real idleness.
import { onMounted, onUnmounted, watch } from 'vue';
import { useSessionStore } from './stores/session-store';

/** Once per 30 s is enough for a lock measured in minutes, and keeps IPC quiet while typing. */
export const ACTIVITY_REPORT_INTERVAL_MS = 30_000;

export function useActivityReport(): void {
  const session = useSessionStore();
  let lastReport = 0;

  function onActivity(): void {
    // Activity on the lock screen is not activity: only the password unlocks.
    if (!session.operator || session.locked) return;
    const at = Date.now();
    if (at - lastReport < ACTIVITY_REPORT_INTERVAL_MS) return;
    lastReport = at;
    session.reportActivity();
  }

  // A new login or an unlock restarts main's idle timer itself; the next key may report at once.
  watch(
    () => [session.operator?.id, session.locked] as const,
    () => {
      lastReport = 0;
    },
  );

  onMounted(() => {
    window.addEventListener('keydown', onActivity, { capture: true, passive: true });
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
  });
  onUnmounted(() => {
    window.removeEventListener('keydown', onActivity, { capture: true });
    window.removeEventListener('pointerdown', onActivity, { capture: true });
  });
}
