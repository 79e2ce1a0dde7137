// Card health screen logic: which reader to read, reading on insertion and on request, and the view state.
import { computed, ref, watch, type Ref } from 'vue';
import type { CardHealthDto, ReaderDto, ReadersDto } from '../../../../preload/contract/dto';
import type { AppError } from '../../../../preload/contract/errors';
import { useReaderStore } from '../../stores/reader-store';

/** What the screen shows, one kind at a time; the view switches on `kind`. */
export type CardHealthState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'subsystem-error'; readonly error: AppError }
  | { readonly kind: 'no-reader' }
  | { readonly kind: 'no-card' }
  | { readonly kind: 'reading'; readonly reader: string }
  | { readonly kind: 'health'; readonly health: CardHealthDto }
  | { readonly kind: 'error'; readonly reader: string; readonly error: AppError };

export function assertNever(value: never): never {
  throw new Error(`unexpected state: ${JSON.stringify(value)}`);
}

/** The reader to read: the one read last if it still holds a card, else the first with a card. */
function pickReader(readers: readonly ReaderDto[], previous: string | null): ReaderDto | null {
  const withCard = readers.filter((r) => r.cardPresent);
  return withCard.find((r) => r.name === previous) ?? withCard[0] ?? null;
}

export function useCardHealth(readers: Ref<ReadersDto | null>, listError: Ref<AppError | null>) {
  const result = ref<
    | { readonly kind: 'reading'; readonly reader: string }
    | { readonly kind: 'health'; readonly health: CardHealthDto }
    | { readonly kind: 'error'; readonly reader: string; readonly error: AppError }
    | null
  >(null);
  const store = useReaderStore();
  // Each read gets a number; an answer for an older read (card pulled, another inserted) is dropped.
  let generation = 0;

  const active = computed(() =>
    pickReader(readers.value?.readers ?? [], result.value ? readerOf(result.value) : null),
  );

  function readerOf(r: NonNullable<typeof result.value>): string {
    return r.kind === 'health' ? r.health.reader : r.reader;
  }

  async function read(): Promise<void> {
    const reader = active.value;
    if (!reader) return;
    const mine = ++generation;
    result.value = { kind: 'reading', reader: reader.name };
    const answer = await store.readHealth(reader.name);
    if (mine !== generation) return;
    result.value = answer.ok
      ? { kind: 'health', health: answer.value }
      : { kind: 'error', reader: reader.name, error: answer.error };
  }

  // A card counts as newly inserted when the chosen reader, its presence or its ATR changes.
  const insertionKey = computed(() => {
    const r = active.value;
    return r ? `${r.name}\n${r.atrHex ?? ''}\n${r.mute}` : null;
  });

  watch(
    insertionKey,
    (key) => {
      if (key === null) {
        generation++;
        // A card pulled out during the read is said as such (with what to do) until a card is
        // inserted again, whichever came first: the failed answer or the removal event.
        const r = result.value;
        const pulledMidRead =
          r?.kind === 'reading' || (r?.kind === 'error' && r.error.code === 'card-removed');
        result.value = pulledMidRead
          ? { kind: 'error', reader: r.reader, error: { code: 'card-removed' } }
          : null;
      } else {
        void read();
      }
    },
    { immediate: true },
  );

  const state = computed<CardHealthState>(() => {
    const dto = readers.value;
    if (!dto)
      return listError.value
        ? { kind: 'subsystem-error', error: listError.value }
        : { kind: 'starting' };
    switch (dto.subsystem.kind) {
      case 'starting':
        return { kind: 'starting' };
      case 'pcsc-unavailable':
        return {
          kind: 'subsystem-error',
          error: {
            code:
              dto.subsystem.reason === 'addon-missing' ? 'pcsc-addon-missing' : 'pcsc-unavailable',
          },
        };
      case 'ready':
        break;
      default:
        return assertNever(dto.subsystem);
    }
    if (dto.readers.length === 0) return { kind: 'no-reader' };
    if (!result.value) return { kind: 'no-card' };
    if (!active.value) {
      const r = result.value;
      return r.kind === 'error' && r.error.code === 'card-removed' ? r : { kind: 'no-card' };
    }
    return result.value;
  });

  const canReread = computed(
    () => active.value !== null && (state.value.kind === 'health' || state.value.kind === 'error'),
  );

  return { state, activeReader: active, read, canReread };
}
