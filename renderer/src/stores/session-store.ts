// Who is at the counter, as main says (SessionDto): followed live through auth:changed. Never holds a password.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionDto } from '../../../preload/contract/dto';
import type { AppError } from '../../../preload/contract/errors';
import { isCounterRole, type Role } from '../../../preload/contract/rules/roles';
import { callCounter, setSessionRefusedHandler } from '../counter-call';

/** A one-time note for the login screen (e.g. after the practice reset logged everyone out). */
export type LoginNotice = 'practice-reset' | null;

export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionDto | null>(null);
  const error = ref<AppError | null>(null);
  const notice = ref<LoginNotice>(null);
  let unsubscribe: (() => void) | null = null;
  let eventsSeen = 0;

  const operator = computed(() => session.value?.operator ?? null);
  const role = computed<Role | null>(() => operator.value?.role ?? null);
  const locked = computed(() => session.value?.locked === true);
  const isCounter = computed(() => role.value !== null && isCounterRole(role.value));

  /** Takes a session main answered (login, unlock, event): the newest word wins. */
  function apply(dto: SessionDto): void {
    session.value = dto;
    error.value = null;
  }

  async function refresh(): Promise<void> {
    const seenBefore = eventsSeen;
    const result = await callCounter(() => window.counter.auth.getSession({}));
    if (eventsSeen !== seenBefore) return;
    if (result.ok) apply(result.value);
    else error.value = result.error;
  }

  /** Subscribes first, then asks, so a lock between the two is not lost. Idempotent. */
  async function start(): Promise<void> {
    if (unsubscribe) return;
    unsubscribe = window.counter.onSessionChanged((dto) => {
      eventsSeen++;
      apply(dto);
    });
    setSessionRefusedHandler(() => void refresh());
    await refresh();
  }

  async function logout(): Promise<void> {
    const result = await callCounter(() => window.counter.auth.logout({}));
    if (result.ok) apply(result.value);
    else error.value = result.error;
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    setSessionRefusedHandler(null);
  }

  return {
    session,
    error,
    notice,
    operator,
    role,
    locked,
    isCounter,
    apply,
    refresh,
    start,
    stop,
    logout,
  };
});
