// The resident window's state: the prompt, the chosen language, the entry steps, and the secrets until sent.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RequestOf } from '../../../../preload/contract/channels';
import type { PinKind } from '../../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../../preload/contract/issuance';
import {
  checkFourDigitPin,
  checkPinEntry,
  checkSigningPassword,
  normaliseSigningPassword,
  PIN_RULE_VIOLATIONS,
  type PinRuleViolation,
} from '../../../../preload/contract/pin-rules';
import { RESIDENT_MESSAGES, type ResidentLocale } from '../i18n';
import {
  entryPlan,
  isPassword,
  kindsOf,
  lengthsOf,
  offersShared,
  type EntryTarget,
} from '../pin-plan';
import { callResident, residentApi } from '../resident-api';

/** What the window shows; each screen is one kind (ResidentApp.vue switches on it). */
export type Phase =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'same-offer' }
  | {
      readonly kind: 'entry';
      readonly target: EntryTarget;
      readonly stage: 'first' | 'confirm';
      /** Why the last value was refused; the entry starts again with it on screen. */
      readonly violation: PinRuleViolation | null;
      /** Main is checking the value: keys wait. */
      readonly checking: boolean;
    }
  | { readonly kind: 'review' }
  | { readonly kind: 'submitting' }
  | { readonly kind: 'done' }
  /** check: a value could not be checked; submit: the values could not be set. Both: call the clerk. */
  | { readonly kind: 'failed'; readonly during: 'check' | 'submit' };

type Entry = { value: string; confirmation: string };

/**
 * The birth date stays in main (the prompt does not carry it): the quick local check passes an
 * empty one, so only main's answer refuses a birth-date PIN.
 */
const NO_BIRTH_DATE = '';

/** How long 「ありがとうございました」 (or the failure) stays before the waiting screen returns. */
export const DONE_SCREEN_MS = 90_000;

/** A rule broken, whether main answers it as a value or as an error code of the same name. */
function violationOf(code: string): PinRuleViolation | null {
  return (PIN_RULE_VIOLATIONS as readonly string[]).includes(code)
    ? (code as PinRuleViolation)
    : null;
}

export const useResidentStore = defineStore('resident', () => {
  const locale = ref<ResidentLocale>('ja');
  const prompt = shallowRef<ResidentPromptDto | null>(null);
  const phase = shallowRef<Phase>({ kind: 'waiting' });
  /** The value being typed. Only its length reaches the screen (●), never the characters. */
  const draft = ref('');
  /** The resident's answer to 「3つの暗証番号を同じ数字にする」; null before it is asked. */
  const shared = ref<boolean | null>(null);
  const position = ref(0);

  // The secrets are kept outside Vue's reactivity (no watcher, no devtools ever sees them) and
  // only until submitPins sends them (ARCHITECTURE.md, Data: no PIN in a renderer store after).
  let firstEntry = '';
  const accepted = new Map<EntryTarget, Entry>();
  /** Bumped whenever the entry starts over, so an answer that arrives late is dropped. */
  let generation = 0;
  let unsubscribe: (() => void) | null = null;
  let waitingTimer: ReturnType<typeof setTimeout> | null = null;

  const messages = computed(() => RESIDENT_MESSAGES[locale.value]);
  const plan = computed(() => (prompt.value ? entryPlan(prompt.value.required, shared.value) : []));
  /** Steps in all, for 「2 / 4」: the 4-digit ones counted separately until the offer is answered. */
  const total = computed(() =>
    prompt.value ? entryPlan(prompt.value.required, shared.value ?? false).length : 0,
  );
  const draftLength = computed(() => draft.value.length);

  function forgetSecrets(): void {
    draft.value = '';
    firstEntry = '';
    for (const entry of accepted.values()) {
      entry.value = '';
      entry.confirmation = '';
    }
    accepted.clear();
  }

  function enterTarget(target: EntryTarget, violation: PinRuleViolation | null = null): void {
    phase.value = { kind: 'entry', target, stage: 'first', violation, checking: false };
  }

  /** The step at `position`: an entry, the offer before the first 4-digit PIN, or the review. */
  function showStep(): void {
    const next = plan.value[position.value];
    if (next) return enterTarget(next);
    if (prompt.value && offersShared(prompt.value.required) && shared.value === null) {
      phase.value = { kind: 'same-offer' };
      return;
    }
    phase.value = { kind: 'review' };
  }

  function begin(p: ResidentPromptDto): void {
    generation += 1;
    forgetSecrets();
    prompt.value = p;
    shared.value = null;
    position.value = 0;
    showStep();
  }

  function backToWaiting(): void {
    generation += 1;
    forgetSecrets();
    const hadResident = prompt.value !== null || phase.value.kind !== 'waiting';
    prompt.value = null;
    shared.value = null;
    position.value = 0;
    phase.value = { kind: 'waiting' };
    // The next resident starts in Japanese, whatever the last one chose.
    if (hadResident) locale.value = 'ja';
  }

  function samePrompt(a: ResidentPromptDto, b: ResidentPromptDto): boolean {
    return (
      a.procedureId === b.procedureId &&
      a.resume === b.resume &&
      a.required.length === b.required.length &&
      a.required.every((k, i) => b.required[i] === k)
    );
  }

  /**
   * A prompt from main. The same prompt again (main re-sends it as the clerk's view moves) leaves
   * the resident where they are; a different one starts over; none returns to waiting. After the
   * values were sent the prompt is forgotten, so any prompt then starts a new entry.
   */
  function applyPrompt(p: ResidentPromptDto | null): void {
    const kind = phase.value.kind;
    if (p === null) {
      // Main closes the entry the moment the values arrive: the resident keeps seeing 処理中 and
      // then the outcome. A close after that is the clerk moving on.
      if (kind === 'submitting') return;
      return backToWaiting();
    }
    const current = prompt.value;
    if (current && samePrompt(current, p) && kind !== 'waiting' && kind !== 'failed') return;
    begin(p);
  }

  async function start(): Promise<void> {
    const api = residentApi();
    unsubscribe?.();
    unsubscribe = api.onPromptChanged((p) => applyPrompt(p));
    const result = await callResident(() => api.getPrompt({}));
    // No open entry (or the counter is not ready): the waiting screen is the right one.
    if (result.ok) applyPrompt(result.value);
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    if (waitingTimer) clearTimeout(waitingTimer);
    waitingTimer = null;
    backToWaiting();
  }

  function chooseLanguage(next: ResidentLocale): void {
    locale.value = next;
  }

  function chooseShared(choice: boolean): void {
    if (phase.value.kind !== 'same-offer') return;
    shared.value = choice;
    showStep();
  }

  /** A key of the pad (or the keyboard): a digit, or for the password a letter, upper-cased. */
  function press(key: string): void {
    const p = phase.value;
    if (p.kind !== 'entry' || p.checking || key.length !== 1) return;
    const char = isPassword(p.target) ? normaliseSigningPassword(key) : key;
    const allowed = isPassword(p.target) ? /^[A-Z0-9]$/ : /^[0-9]$/;
    if (!allowed.test(char) || draft.value.length >= lengthsOf(p.target).max) return;
    draft.value += char;
  }

  function erase(): void {
    if (phase.value.kind === 'entry' && !phase.value.checking)
      draft.value = draft.value.slice(0, -1);
  }

  function clearDraft(): void {
    if (phase.value.kind === 'entry' && !phase.value.checking) draft.value = '';
  }

  /** The rule of the target alone, for a quick answer after the first entry. */
  function localRule(target: EntryTarget, value: string): PinRuleViolation | null {
    return isPassword(target)
      ? checkSigningPassword(normaliseSigningPassword(value))
      : checkFourDigitPin(value, NO_BIRTH_DATE);
  }

  function refuse(target: EntryTarget, violation: PinRuleViolation): void {
    firstEntry = '';
    draft.value = '';
    enterTarget(target, violation);
  }

  function fail(during: 'check' | 'submit'): void {
    generation += 1;
    forgetSecrets();
    phase.value = { kind: 'failed', during };
  }

  /**
   * 決定: the first entry moves on to the confirmation; the confirmation is checked locally for
   * speed, then by main, which decides (resident:check-pin, once per kind the value is for).
   */
  async function confirmEntry(): Promise<void> {
    const p = phase.value;
    if (p.kind !== 'entry' || p.checking) return;
    if (draft.value.length < lengthsOf(p.target).min) return;
    const typed = draft.value;
    draft.value = '';
    if (p.stage === 'first') {
      const violation = localRule(p.target, typed);
      if (violation) return refuse(p.target, violation);
      firstEntry = typed;
      phase.value = { ...p, stage: 'confirm', violation: null };
      return;
    }
    const kinds = kindsOf(p.target);
    const local = checkPinEntry(kinds[0]!, firstEntry, typed, NO_BIRTH_DATE);
    if (local) return refuse(p.target, local);

    const mine = generation;
    phase.value = { ...p, checking: true };
    const api = residentApi();
    for (const kind of kinds) {
      const value = firstEntry;
      const answer = await callResident(() => api.checkPin({ kind, value, confirmation: typed }));
      if (mine !== generation) return;
      const violation = answer.ok ? answer.value.violation : violationOf(answer.error.code);
      if (violation) return refuse(p.target, violation);
      if (!answer.ok) return fail('check');
    }
    accepted.set(p.target, { value: firstEntry, confirmation: typed });
    firstEntry = '';
    position.value += 1;
    showStep();
  }

  /** 最初からやり直す: every value dropped, the same prompt from its first step. */
  function restart(): void {
    if (prompt.value) begin(prompt.value);
  }

  /** 「職員にお声がけください」 and then the clerk: asks main for the prompt again. */
  async function retry(): Promise<void> {
    backToWaitingKeepLanguage();
    const result = await callResident(() => residentApi().getPrompt({}));
    if (result.ok) applyPrompt(result.value);
  }

  function backToWaitingKeepLanguage(): void {
    const chosen = locale.value;
    backToWaiting();
    locale.value = chosen;
  }

  function entryOf(kind: PinKind): Entry | undefined {
    if (kind !== 'signing' && accepted.has('shared')) return accepted.get('shared');
    return accepted.get(kind);
  }

  /**
   * 設定する: all values in one call. The store forgets them before the call goes out; the request
   * object is emptied when it returns, whatever the answer.
   */
  async function submit(): Promise<void> {
    if (phase.value.kind !== 'review' || !prompt.value) return;
    const required = prompt.value.required;
    const copy = (kind: PinKind): Entry => {
      const e = entryOf(kind);
      return { value: e?.value ?? '', confirmation: e?.confirmation ?? '' };
    };
    const request: RequestOf<'resident:submit-pins'> = {
      auth: copy('auth'),
      juki: copy('juki'),
      text: copy('text'),
      ...(required.includes('signing') ? { signing: copy('signing') } : {}),
    };
    forgetSecrets();
    const mine = ++generation;
    phase.value = { kind: 'submitting' };
    const answer = await callResident(() => residentApi().submitPins(request));
    for (const entry of [request.signing, request.auth, request.juki, request.text]) {
      if (entry) {
        entry.value = '';
        entry.confirmation = '';
      }
    }
    if (mine !== generation) return;
    if (answer.ok && answer.value.done) phase.value = { kind: 'done' };
    else fail('submit');
    // The entry is over either way: a prompt from now on is a new one (a resumed entry after the
    // card is reinserted, or the next resident).
    prompt.value = null;
    scheduleWaiting();
  }

  /** After the outcome has been read, the screen goes back to waiting for the next resident. */
  function scheduleWaiting(): void {
    if (waitingTimer) clearTimeout(waitingTimer);
    const mine = generation;
    waitingTimer = setTimeout(() => {
      waitingTimer = null;
      if (mine === generation && (phase.value.kind === 'done' || phase.value.kind === 'failed'))
        backToWaiting();
    }, DONE_SCREEN_MS);
  }

  return {
    locale,
    prompt,
    phase,
    shared,
    position,
    total,
    messages,
    draftLength,
    start,
    stop,
    applyPrompt,
    chooseLanguage,
    chooseShared,
    press,
    erase,
    clearDraft,
    confirmEntry,
    restart,
    retry,
    submit,
  };
});
