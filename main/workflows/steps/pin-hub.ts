// The resident's entry, shared by every procedure that asks for secrets (交付, 解除, 初期化・再設定,
// 更新): one entry open at a time on the one resident window; the resident:* channels go to the
// procedure that owns it. An entry may first ask the resident to confirm the card face (交付's
// 券面確認): until they have, no secret is taken. Also how each entered value is checked, by its
// mode (new / current / change). Values live only inside the calls; nothing here keeps one.
import type { PinKind } from '../../../preload/contract/dto';
import type {
  CardFaceAnswer,
  CardFaceAnsweredDto,
  PinCheckDto,
  ResidentProgressDto,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import type { PinEntryMode } from '../../../preload/contract/lifecycle';
import {
  checkCurrentFormat,
  checkPinEntry,
  normaliseSecret,
  type PinRuleViolation,
} from '../../../preload/contract/rules/pins';
import { parsePin, parseSigningPassword, type Pin, type SigningPassword } from '../../card/domain';
import { WorkflowRefusal } from '../refusal';

/** One secret as the resident window sends it (resident:submit-pins). */
export interface PinEntryValues {
  readonly value: string;
  readonly confirmation: string;
  /** The value in use ('change'; for 'current' the value itself is the one in use). */
  readonly current?: string | undefined;
}

export type SubmittedValues = Partial<Record<PinKind, PinEntryValues>>;

/** A procedure whose PIN entry the hub may route to. */
export interface PinEntryOwner {
  readonly procedureId: string;
  /** The entry is open now (the resident screen shows it). */
  isOpen(): boolean;
  /** The values are being written to the card now: the entry cannot be taken away. */
  isBusy(): boolean;
  prompt(): ResidentPromptDto;
  checkPin(kind: PinKind, value: string, confirmation: string): Promise<PinCheckDto>;
  submit(values: SubmittedValues): Promise<ResidentSubmitDto>;
  /** The entry shows the card face to confirm: no secret is taken until the resident has. */
  awaitsCardFace(): boolean;
  confirmCardFace(answer: CardFaceAnswer): Promise<CardFaceAnsweredDto>;
  /** Another procedure opens its entry: this one closes, nothing having been sent. */
  closeStale(): Promise<void>;
}

export type PinHub = ReturnType<typeof createPinHub>;

export function createPinHub(
  emitPrompt: (prompt: ResidentPromptDto | null) => void,
  emitProgress: (progress: ResidentProgressDto) => void = () => undefined,
) {
  let owner: PinEntryOwner | null = null;

  function openOwner(): PinEntryOwner {
    if (!owner || !owner.isOpen()) throw new WorkflowRefusal('pin-entry-not-open');
    return owner;
  }

  /** The open entry at its secrets: refused while the card face waits for the resident. */
  function pinOwner(): PinEntryOwner {
    const o = openOwner();
    if (o.awaitsCardFace()) throw new WorkflowRefusal('card-face-not-confirmed');
    return o;
  }

  return {
    /**
     * `next` opens its entry. One resident window: an entry left open by another procedure (the
     * clerk moved on) is closed, unless its values are being written right now.
     */
    async claim(next: PinEntryOwner): Promise<void> {
      const other = owner;
      if (other && other !== next && other.procedureId !== next.procedureId && other.isOpen()) {
        if (other.isBusy()) throw new WorkflowRefusal('procedure-busy', 'pin-entry');
        await other.closeStale();
      }
      owner = next;
    },
    /** The owner's entry opened, changed or closed: the resident window follows. */
    changed(o: PinEntryOwner): void {
      if (owner?.procedureId !== o.procedureId) return;
      emitPrompt(o.isOpen() ? o.prompt() : null);
    },
    /**
     * The card work after the resident's 設定する moved on: the resident window's progress bar
     * follows, for the procedure that owns the entry only.
     */
    progress(procedureId: string, progress: ResidentProgressDto): void {
      if (owner?.procedureId === procedureId) emitProgress(progress);
    },
    prompt(): ResidentPromptDto | null {
      return owner?.isOpen() ? owner.prompt() : null;
    },
    async checkPin(kind: PinKind, value: string, confirmation: string): Promise<PinCheckDto> {
      return pinOwner().checkPin(kind, value, confirmation);
    },
    async submit(values: SubmittedValues): Promise<ResidentSubmitDto> {
      return pinOwner().submit(values);
    },
    /**
     * The resident's answer to the card face of `procedureId`: refused unless that procedure's
     * card face is the one on screen now (an answer to an earlier screen is not this one's).
     */
    async confirmCardFace(
      procedureId: string,
      answer: CardFaceAnswer,
    ): Promise<CardFaceAnsweredDto> {
      const o = openOwner();
      if (o.procedureId !== procedureId || !o.awaitsCardFace())
        throw new WorkflowRefusal('pin-entry-not-open', 'card-face');
      return o.confirmCardFace(answer);
    },
    /** Forgets the owner (practice reset: the database was replaced). */
    forget(): void {
      const had = owner?.isOpen() ?? false;
      owner = null;
      if (had) emitPrompt(null);
    },
  };
}

/** resident:check-pin of one secret: a value in use by its format, a new one by the rules. */
export function checkOne(
  kind: PinKind,
  mode: PinEntryMode,
  value: string,
  confirmation: string,
  birthDate: string,
): PinRuleViolation | null {
  return mode === 'current'
    ? checkCurrentFormat(kind, normaliseSecret(kind, value))
    : checkPinEntry(kind, value, confirmation, birthDate);
}

export function toSecret(kind: PinKind, value: string): Pin | SigningPassword {
  return kind === 'signing' ? parseSigningPassword(normaliseSecret(kind, value)) : parsePin(value);
}

/** One secret of a submission, checked by its mode. */
export type CheckedEntry =
  | { readonly ok: false; readonly violation: PinRuleViolation }
  | {
      readonly ok: true;
      /** The value the card holds afterwards (the new one, or the one in use kept). */
      readonly value: Pin | SigningPassword;
      /** The value in use, for 'current' (same as value) and 'change'. */
      readonly current: Pin | SigningPassword | null;
    };

export function checkSubmitted(
  kind: PinKind,
  mode: PinEntryMode,
  entry: PinEntryValues | undefined,
  birthDate: string,
): CheckedEntry {
  const missing: PinRuleViolation = kind === 'signing' ? 'password-format' : 'pin-format';
  if (!entry) return { ok: false, violation: missing };
  if (mode === 'current') {
    const value = entry.current ?? entry.value;
    const violation = checkCurrentFormat(kind, normaliseSecret(kind, value));
    if (violation) return { ok: false, violation };
    const secret = toSecret(kind, value);
    return { ok: true, value: secret, current: secret };
  }
  const violation = checkPinEntry(kind, entry.value, entry.confirmation, birthDate);
  if (violation) return { ok: false, violation };
  if (mode === 'new') return { ok: true, value: toSecret(kind, entry.value), current: null };
  const current = entry.current ?? '';
  const currentViolation = checkCurrentFormat(kind, normaliseSecret(kind, current));
  if (currentViolation) return { ok: false, violation: currentViolation };
  return { ok: true, value: toSecret(kind, entry.value), current: toSecret(kind, current) };
}
