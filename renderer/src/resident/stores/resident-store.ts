// The resident window's state: the prompt, the chosen language, the entry steps, and the secrets until sent.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RequestOf } from '../../../../preload/contract/channels';
import type { PinKind } from '../../../../preload/contract/dto';
import type { CardFaceAnswer, ResidentPromptDto } from '../../../../preload/contract/issuance';
import {
  checkCurrentFormat,
  checkFourDigitPin,
  checkPinEntry,
  checkSigningPassword,
  normaliseSigningPassword,
  PIN_RULE_VIOLATIONS,
  type PinRuleViolation,
} from '../../../../preload/contract/rules/pins';
import { RESIDENT_MESSAGES, type ResidentLocale } from '../i18n';
import {
  currentRefusalOf,
  entryPlan,
  isPassword,
  kindsOf,
  lengthsOf,
  modeOf,
  offersShared,
  stagesOf,
  type CurrentRefusal,
  type EntryStage,
  type EntryTarget,
} from '../pin-plan';
import { callResident, residentApi } from '../resident-api';

/** What the window shows; each screen is one kind (ResidentApp.vue switches on it). */
export type Phase =
  | { readonly kind: 'waiting' }
  /** Release, reset, renewal: what the entry is for and what the resident will enter, first. */
  | { readonly kind: 'intro' }
  /** 交付: the chip's four facts to confirm before any secret; `sending` while main records it. */
  | { readonly kind: 'card-face'; readonly sending: boolean }
  /** The resident answered the card face: the clerk goes on (confirmed) or takes over (wrong). */
  | { readonly kind: 'card-face-answered'; readonly answer: CardFaceAnswer }
  | { readonly kind: 'same-offer' }
  | {
      readonly kind: 'entry';
      readonly target: EntryTarget;
      readonly stage: EntryStage;
      /** Why the last value was refused; the entry starts again with it on screen. */
      readonly violation: PinRuleViolation | null;
      /** Main is checking the value: keys wait. */
      readonly checking: boolean;
    }
  | { readonly kind: 'review' }
  | { readonly kind: 'submitting' }
  | { readonly kind: 'done' }
  /** check: a value could not be checked; submit: the values could not be set. Both: call the clerk. */
  | { readonly kind: 'failed'; readonly during: 'check' | 'submit' }
  /** Main found a value in use wrong (tries left) or locked (0): the resident asks the clerk. */
  | ({ readonly kind: 'wrong-current' } & CurrentRefusal);

/** One secret as sent: `current` only for a value that is changed ('change'). */
type Entry = { value: string; confirmation: string; current?: string };

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
  // only until submitPins sends them (docs/architecture.md, Data: no PIN in a renderer store after).
  let firstEntry = '';
  /** The value in use of a 'change' entry, until its new value is confirmed. */
  let currentEntry = '';
  const accepted = new Map<EntryTarget, Entry>();
  /** Bumped whenever the entry starts over, so an answer that arrives late is dropped. */
  let generation = 0;
  let unsubscribe: (() => void) | null = null;
  let waitingTimer: ReturnType<typeof setTimeout> | null = null;

  const messages = computed(() => RESIDENT_MESSAGES[locale.value]);
  /**
   * A prompt that arrived while the values were being set or while a refused value in use is on
   * screen: the resident starts it with a button once they have read why (not under their eyes).
   */
  const pendingPrompt = shallowRef<ResidentPromptDto | null>(null);
  const plan = computed(() =>
    prompt.value ? entryPlan(prompt.value.required, shared.value, prompt.value.modes) : [],
  );
  /** Steps in all, for 「2 / 4」: the 4-digit ones counted separately until the offer is answered. */
  const total = computed(() =>
    prompt.value
      ? entryPlan(prompt.value.required, shared.value ?? false, prompt.value.modes).length
      : 0,
  );
  const draftLength = computed(() => draft.value.length);

  function forgetSecrets(): void {
    draft.value = '';
    firstEntry = '';
    currentEntry = '';
    for (const entry of accepted.values()) {
      entry.value = '';
      entry.confirmation = '';
      if (entry.current !== undefined) entry.current = '';
    }
    accepted.clear();
  }

  function modeOfTarget(target: EntryTarget) {
    return modeOf(prompt.value?.modes ?? {}, target);
  }

  /** A target from its first screen, or from `stage` (a refused new value keeps the one in use). */
  function enterTarget(
    target: EntryTarget,
    violation: PinRuleViolation | null = null,
    stage: EntryStage = stagesOf(modeOfTarget(target))[0]!,
  ): void {
    phase.value = { kind: 'entry', target, stage, violation, checking: false };
  }

  /** The step at `position`: an entry, the offer before the first 4-digit PIN, or the review. */
  function showStep(): void {
    const next = plan.value[position.value];
    if (next) return enterTarget(next);
    if (
      prompt.value &&
      offersShared(prompt.value.required, prompt.value.modes) &&
      shared.value === null
    ) {
      phase.value = { kind: 'same-offer' };
      return;
    }
    phase.value = { kind: 'review' };
  }

  function begin(p: ResidentPromptDto): void {
    generation += 1;
    forgetSecrets();
    prompt.value = p;
    pendingPrompt.value = null;
    shared.value = null;
    position.value = 0;
    if (p.cardFace) {
      phase.value = { kind: 'card-face', sending: false };
      return;
    }
    // Issuance goes straight to the first entry, as it always has; the later procedures say first
    // why the card needs the values and which ones the resident will be asked for.
    if (p.purpose === 'issuance') showStep();
    else phase.value = { kind: 'intro' };
  }

  /** はじめる on the intro screen. */
  function startEntry(): void {
    if (phase.value.kind === 'intro') showStep();
  }

  function backToWaiting(): void {
    generation += 1;
    forgetSecrets();
    const hadResident = prompt.value !== null || phase.value.kind !== 'waiting';
    prompt.value = null;
    pendingPrompt.value = null;
    shared.value = null;
    position.value = 0;
    phase.value = { kind: 'waiting' };
    // The next resident starts in Japanese, whatever the last one chose.
    if (hadResident) locale.value = 'ja';
  }

  /** The same entry: procedure, secrets and how each is entered (tries left may have moved). */
  function samePrompt(a: ResidentPromptDto, b: ResidentPromptDto): boolean {
    return (
      a.procedureId === b.procedureId &&
      a.resume === b.resume &&
      a.purpose === b.purpose &&
      (a.cardFace === null) === (b.cardFace === null) &&
      a.required.length === b.required.length &&
      a.required.every((k, i) => b.required[i] === k && modeOf(a.modes, k) === modeOf(b.modes, k))
    );
  }

  /**
   * A prompt from main. The same prompt again (main re-sends it as the clerk's view moves) leaves
   * the resident where they are; a different one starts over; none returns to waiting. After the
   * values were sent the prompt is forgotten, so any prompt then starts a new entry.
   */
  function applyPrompt(p: ResidentPromptDto | null): void {
    const kind = phase.value.kind;
    // While the values are set, and while a refused value in use is explained, the screen stays:
    // an entry main opens again waits for the resident's button. Main closes the entry the moment
    // the values arrive, so a close during 処理中 is expected; a close after the outcome is the
    // clerk moving on.
    if (kind === 'submitting' || (kind === 'wrong-current' && p !== null)) {
      pendingPrompt.value = p;
      return;
    }
    // Main closes the card face the moment the answer arrives; after it the screen thanks the
    // resident (in their language) until the clerk opens the PIN entry.
    if (phase.value.kind === 'card-face' && phase.value.sending) {
      pendingPrompt.value = p;
      return;
    }
    if (kind === 'card-face-answered' && p === null) return;
    if (p === null) return backToWaiting();
    const current = prompt.value;
    if (current && samePrompt(current, p) && kind !== 'waiting' && kind !== 'failed') {
      prompt.value = p;
      return;
    }
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

  /** A new value refused: typed again from its first entry; the value in use of a change is kept. */
  function refuse(target: EntryTarget, violation: PinRuleViolation): void {
    firstEntry = '';
    draft.value = '';
    const keepCurrent = modeOfTarget(target) === 'change' && currentEntry !== '';
    enterTarget(target, violation, keepCurrent ? 'first' : undefined);
  }

  function accept(target: EntryTarget, entry: Entry): void {
    accepted.set(target, entry);
    firstEntry = '';
    currentEntry = '';
    position.value += 1;
    showStep();
  }

  /**
   * The value in use: its format only, here (main checks nothing about it before the card does).
   * 'current' is then done; 'change' goes on to the new value.
   */
  function confirmCurrent(target: EntryTarget, typed: string): void {
    // A value in use is one secret's, never the shared PIN's (that one is only ever set anew).
    const violation = checkCurrentFormat(kindsOf(target)[0]!, typed);
    if (violation) {
      currentEntry = '';
      return enterTarget(target, violation, 'current');
    }
    if (modeOfTarget(target) === 'current')
      return accept(target, { value: typed, confirmation: typed });
    currentEntry = typed;
    phase.value = { kind: 'entry', target, stage: 'first', violation: null, checking: false };
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
    if (p.stage === 'current') return confirmCurrent(p.target, typed);
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
    const changed = modeOfTarget(p.target) === 'change';
    accept(p.target, {
      value: firstEntry,
      confirmation: typed,
      ...(changed ? { current: currentEntry } : {}),
    });
  }

  /** はい、正しいです / いいえ、違うところがあります on the card face. */
  async function answerCardFace(answer: CardFaceAnswer): Promise<void> {
    const p = phase.value;
    const current = prompt.value;
    if (p.kind !== 'card-face' || p.sending || !current) return;
    const mine = ++generation;
    pendingPrompt.value = null;
    phase.value = { kind: 'card-face', sending: true };
    const result = await callResident(() =>
      residentApi().confirmCardFace({ procedureId: current.procedureId, answer }),
    );
    if (mine !== generation) return;
    const next = pendingPrompt.value;
    pendingPrompt.value = null;
    if (!result.ok) return fail('check');
    prompt.value = null;
    phase.value = { kind: 'card-face-answered', answer };
    if (next) return begin(next);
    // "Something is wrong": the clerk takes over; the window returns to waiting in time.
    if (answer === 'wrong') scheduleWaiting();
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
    const request = submission(prompt.value);
    forgetSecrets();
    const mine = ++generation;
    pendingPrompt.value = null;
    phase.value = { kind: 'submitting' };
    const answer = await callResident(() => residentApi().submitPins(request));
    for (const entry of Object.values(request)) {
      entry.value = '';
      entry.confirmation = '';
      if (entry.current !== undefined) entry.current = '';
    }
    if (mine !== generation) return;
    // The entry is over either way: a prompt from now on is a new one (a resumed entry after the
    // card is reinserted, or the next resident).
    prompt.value = null;
    const refusal = answer.ok ? null : currentRefusalOf(answer.error);
    if (answer.ok && answer.value.done) {
      pendingPrompt.value = null;
      phase.value = { kind: 'done' };
    } else if (refusal) {
      phase.value = { kind: 'wrong-current', ...refusal };
      // Main may have opened the entry again before its answer arrived: ask rather than wait.
      const open = await callResident(() => residentApi().getPrompt({}));
      if (mine === generation && open.ok && open.value && phase.value.kind === 'wrong-current')
        pendingPrompt.value = open.value;
    } else {
      fail('submit');
    }
    scheduleWaiting();
  }

  /**
   * The request: each secret of the prompt as its mode asks. current: the value in use as value
   * and confirmation; change: the value in use as `current` with the new one; new: as typed twice.
   */
  function submission(p: ResidentPromptDto): RequestOf<'resident:submit-pins'> {
    const request: Partial<Record<PinKind, Entry>> = {};
    for (const kind of p.required) {
      const e = entryOf(kind);
      const entry: Entry = { value: e?.value ?? '', confirmation: e?.confirmation ?? '' };
      if (modeOf(p.modes, kind) === 'change') entry.current = e?.current ?? '';
      request[kind] = entry;
    }
    return request;
  }

  /** もう一度入力する after a refused value in use: the entry main opened again. */
  function resumePending(): void {
    const next = pendingPrompt.value;
    if (phase.value.kind !== 'wrong-current' || !next) return;
    begin(next);
  }

  /** After the outcome has been read, the screen goes back to waiting for the next resident. */
  function scheduleWaiting(): void {
    if (waitingTimer) clearTimeout(waitingTimer);
    const mine = generation;
    waitingTimer = setTimeout(() => {
      waitingTimer = null;
      const kind = phase.value.kind;
      // A refused value in use with the entry open again stays until the resident goes on.
      const waitsForResident = kind === 'wrong-current' && pendingPrompt.value !== null;
      const outcome =
        kind === 'done' ||
        kind === 'failed' ||
        kind === 'wrong-current' ||
        kind === 'card-face-answered';
      if (mine === generation && outcome && !waitsForResident) backToWaiting();
    }, DONE_SCREEN_MS);
  }

  return {
    locale,
    prompt,
    pendingPrompt,
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
    startEntry,
    answerCardFace,
    resumePending,
    press,
    erase,
    clearDraft,
    confirmEntry,
    restart,
    retry,
    submit,
  };
});
