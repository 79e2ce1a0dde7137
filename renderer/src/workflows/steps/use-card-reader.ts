// The reader a procedure step uses: the one holding a card (else the only one), live from the reader store.
import { computed } from 'vue';
import { useReaderStore } from '../../stores/reader-store';
import { pickReader } from './step-view';

export function useCardReader() {
  const store = useReaderStore();
  const readers = computed(() =>
    store.readers?.subsystem.kind === 'ready' ? store.readers.readers : [],
  );
  const name = computed(() => pickReader(readers.value));
  const cardPresent = computed(
    () => readers.value.find((r) => r.name === name.value)?.cardPresent === true,
  );
  return { name, cardPresent };
}
