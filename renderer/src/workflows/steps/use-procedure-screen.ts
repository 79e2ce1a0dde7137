// What every procedure screen does around its steps: load the procedure named in the route, let it go on
// leaving, start each new step with the focus where its work is, and let Enter on a check box go on.
import { nextTick, onMounted, onUnmounted, watch, type Ref } from 'vue';
import { focusMainControl } from '../../focus-main';

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
  const focusStep = async () => {
    await nextTick();
    if (options.body.value) focusMainControl(options.body.value);
  };
  watch(options.stepKey, focusStep);
  // Opened from the search, the procedure is already known: its first step shows at mount.
  onMounted(focusStep);
  // A step's form goes on with Enter from its check boxes and radio buttons too, as it does from
  // its text fields: a keyboard user does not Tab past the whole list to reach the button.
  watch(options.body, (body, before) => {
    before?.removeEventListener('keydown', enterSubmits);
    body?.addEventListener('keydown', enterSubmits);
  });
}

function enterSubmits(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.repeat || event.isComposing) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (target.type !== 'checkbox' && target.type !== 'radio') return;
  const form = target.form;
  if (!form) return;
  event.preventDefault();
  form.requestSubmit();
}
