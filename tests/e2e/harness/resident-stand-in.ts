// A stand-in for main's resident handlers, for specs that show the resident's screens before an
// issuance can be opened.
import type { PinKind } from '../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import { checkPinEntry } from '../../../preload/contract/rules/pins';
import type { Result } from '../../../preload/contract/result';
import type { StandIn } from './fixtures';

/**
 * A stand-in for main's resident handlers, with main's rules (the contract's checkPinEntry and the
 * applicant's birth date): the resident screens are exercised before an issuance can be opened.
 */
export function residentStandIn(first: ResidentPromptDto, birthDate: string) {
  let prompt: ResidentPromptDto | null = first;
  const checks: { kind: PinKind; value: string; confirmation: string }[] = [];
  const submits: Record<
    string,
    { value: string; confirmation: string; current?: string } | undefined
  >[] = [];
  let submitAnswer: Result<unknown> = { ok: true, value: { done: true } };
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const standIn: StandIn = async (channel, payload) => {
    if (channel === 'resident:get-prompt') return { ok: true, value: prompt };
    if (channel === 'resident:check-pin') {
      const p = payload as { kind: PinKind; value: string; confirmation: string };
      checks.push(p);
      return {
        ok: true,
        value: { violation: checkPinEntry(p.kind, p.value, p.confirmation, birthDate) },
      };
    }
    if (channel === 'resident:submit-pins') {
      submits.push(payload as (typeof submits)[number]);
      await gate;
      return submitAnswer;
    }
    return { ok: false, error: { code: 'forbidden-sender' } };
  };
  return {
    standIn,
    checks,
    submits,
    /** The next submit waits until release() (the processing screen stays up meanwhile). */
    holdSubmit() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
    answerSubmit(answer: Result<unknown>) {
      submitAnswer = answer;
    },
    /** What resident:get-prompt answers from now on (main's open entry, or none). */
    setPrompt(next: ResidentPromptDto | null) {
      prompt = next;
    },
  };
}
