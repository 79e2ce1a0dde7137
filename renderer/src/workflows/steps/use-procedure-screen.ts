// What every procedure screen does around its steps: load the procedure named in the route, let it go on
// leaving, and start each new step with the focus on its title (keyboard and screen reader start there).
import { nextTick, onUnmounted, watch, type Ref } from 'vue';

export function useProcedureScreen(options: {
  readonly procedureId: () => string;
  readonly load: (procedureId: string) => unknown;
  readonly stop: () => void;
  /** Changes whenever another step's screen is shown. */
  readonly stepKey: () => unknown;
  readonly body: Ref<HTMLElement | null>;
}): void {
  watch(options.procedureId, (id) => void options.load(id), { immediate: true });
  onUnmounted(options.stop);
  watch(options.stepKey, async () => {
    await nextTick();
    options.body.value?.querySelector<HTMLElement>('[data-step-focus]')?.focus();
  });
}
