// The trainer's simulator: the card in the simulated reader, the one taken out to be put back, and
// the practice fault of an authority that refuses to issue certificates, and the practice clock
// (the time of day the certificate service's hours are judged by, e.g. an evening visit).
import type { SimPresetDto, SimStateDto } from '../../preload/contract/dto';
import { err, ok, type Result } from '../../preload/contract/result';
import type { RecordAudit } from '../audit/operator-audit';
import type { SimCardPort } from '../card/sim/sim-card-port';
import type { SimReader } from '../card/sim/sim-reader';

/** The cards a trainer can put in the reader (main/practice/trainer-cards.ts in the app). */
export interface TrainerCards {
  presets(): Promise<readonly SimPresetDto[]>;
  /** A fresh card of a preset listed by presets(). */
  loadPreset(id: string): Promise<SimCardPort>;
  /** The prepared card of a ready application; a WorkflowRefusal when it has none. */
  loadApplicationCard(noticeNumber: string): Promise<SimCardPort>;
  /** The applications whose card loadApplicationCard can make. */
  applicationCards(): Promise<SimStateDto['applicationCards']>;
}

export interface TrainerDeps {
  readonly reader: Pick<SimReader, 'name' | 'current' | 'swap' | 'remove'>;
  readonly cards: TrainerCards;
  readonly audit: RecordAudit;
}

export interface Trainer {
  state(): Promise<SimStateDto>;
  /** A preset's card in place of the one in the reader; refused (validation) for an unknown id. */
  insertPreset(preset: string): Promise<Result<SimStateDto>>;
  insertApplicationCard(noticeNumber: string): Promise<SimStateDto>;
  /** Takes the card out, keeping it to be put back as it is, with what was written to it. */
  remove(): Promise<SimStateDto>;
  /** Puts back the card taken out last; refused (no-card) when there is none. */
  reinsert(): Promise<Result<SimStateDto>>;
  authorityOffline(): boolean;
  setAuthorityOffline(offline: boolean): Promise<SimStateDto>;
  /** The face check shows the test photos (real faces) in place of the drawings. */
  facePhotos(): boolean;
  setFacePhotos(photos: boolean): Promise<SimStateDto>;
  /** The practice clock: a Japan time of day (HH:MM) the service hours are judged at, or null. */
  practiceClock(): string | null;
  setPracticeClock(time: string | null): Promise<SimStateDto>;
  /** The practice data started over: the authority is online again, the clock the real one, the photos drawings. */
  clearFaults(): void;
}

export function createTrainer(deps: TrainerDeps): Trainer {
  const { reader, cards, audit } = deps;
  /** What the card in the reader is: a preset id or a notice number; null when none is known. */
  let inserted: string | null = null;
  let removed: { card: SimCardPort; label: string } | null = null;
  let authorityOffline = false;
  let facePhotos = false;
  let practiceClock: string | null = null;

  async function state(): Promise<SimStateDto> {
    // A card pulled by other means (a test, the reader's own removal) is no longer the inserted one.
    if (!reader.current()) inserted = null;
    return {
      presets: await cards.presets(),
      reader: reader.name,
      inserted,
      removed: removed?.label ?? null,
      applicationCards: await cards.applicationCards(),
      authorityOffline,
      facePhotos,
      practiceClock,
    };
  }

  function put(card: SimCardPort, label: string): void {
    reader.swap(card);
    inserted = label;
    removed = null;
  }

  return {
    state,

    async insertPreset(preset) {
      if (!(await cards.presets()).some((p) => p.id === preset)) {
        return err({ code: 'validation', detail: 'preset' });
      }
      put(await cards.loadPreset(preset), preset);
      await audit('practice.card-inserted', { preset });
      return ok(await state());
    },

    async insertApplicationCard(noticeNumber) {
      put(await cards.loadApplicationCard(noticeNumber), noticeNumber);
      await audit('practice.card-inserted', { notice: noticeNumber });
      return state();
    },

    async remove() {
      const card = reader.current();
      if (card) removed = { card, label: inserted ?? '' };
      reader.remove();
      inserted = null;
      return state();
    },

    async reinsert() {
      if (!removed) return err({ code: 'no-card' });
      const { card, label } = removed;
      put(card, label);
      // A card whose label was unknown when it was taken out stays unnamed.
      inserted = label || null;
      await audit('practice.card-reinserted', {});
      return ok(await state());
    },

    authorityOffline: () => authorityOffline,

    async setAuthorityOffline(offline) {
      authorityOffline = offline;
      await audit('practice.authority-offline', { offline });
      return state();
    },

    facePhotos: () => facePhotos,

    async setFacePhotos(photos) {
      facePhotos = photos;
      await audit('practice.face-photos', { photos });
      return state();
    },

    practiceClock: () => practiceClock,

    async setPracticeClock(time) {
      practiceClock = time;
      await audit('practice.clock-set', { time: time ?? 'real' });
      return state();
    },

    clearFaults() {
      authorityOffline = false;
      facePhotos = false;
      practiceClock = null;
    },
  };
}
