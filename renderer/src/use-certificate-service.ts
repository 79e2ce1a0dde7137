// Whether the certificate service takes work now, as main judges it (rules:today): asked when a
// screen opens and again when the trainer moves the practice clock.
import { computed, onMounted, ref, watch, type ComputedRef } from 'vue';
import type { RulesTodayDto } from '../../preload/contract/lifecycle';
import { useRulesStore } from './stores/rules-store';
import { useSimStore } from './stores/sim-store';

export interface ClosedService {
  readonly why: 'before-hours' | 'after-hours' | 'maintenance';
  readonly reopensAt: string;
  readonly hours: RulesTodayDto['hours'];
}

/** The service's state: null while open or not known yet, else why and until when it is closed. */
export function useCertificateService(): { closed: ComputedRef<ClosedService | null> } {
  const rules = useRulesStore();
  const sim = useSimStore();
  const today = ref<RulesTodayDto | null>(null);

  async function load(): Promise<void> {
    const r = await rules.today();
    if (r.ok) today.value = r.value;
  }
  onMounted(load);
  // The trainer moves the practice clock: the screen follows at once (practice only).
  watch(() => sim.state?.practiceClock, load);

  const closed = computed(() => {
    const s = today.value?.service;
    return s && !s.open ? { why: s.why, reopensAt: s.reopensAt, hours: today.value!.hours } : null;
  });
  return { closed };
}
