// The card readers main sees, kept live through the reader:changed event, and the card in one read.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReadersDto } from '../../../preload/contract/dto';
import type { AppError } from '../../../preload/contract/errors';
import { callCounter } from '../counter-call';

export const useReaderStore = defineStore('reader', () => {
  const readers = ref<ReadersDto | null>(null);
  const error = ref<AppError | null>(null);
  let unsubscribe: (() => void) | null = null;
  let eventsSeen = 0;

  /** Subscribes first, then lists, so no change between the two is lost. Idempotent. */
  async function start(): Promise<void> {
    if (unsubscribe) return;
    unsubscribe = window.counter.onReadersChanged((dto) => {
      eventsSeen++;
      readers.value = dto;
      error.value = null;
    });
    const seenBefore = eventsSeen;
    const result = await callCounter(() => window.counter.listReaders({}));
    // An event that arrived while the list was in flight is newer than the list: keep it.
    if (eventsSeen !== seenBefore) return;
    if (result.ok) {
      readers.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  /** Stops listening and forgets the list (after logout the next operator starts fresh). */
  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    readers.value = null;
    error.value = null;
  }

  /** The card in this reader as it is now (card health): read without spending a try. */
  const readHealth = (reader: string) =>
    callCounter(() => window.counter.readCardHealth({ reader }));

  return { readers, error, start, stop, readHealth };
});
