// The face step's similarity scores: each photo analysed once, the still when taken, the three pairs compared; numbers only leave this window.
import { computed, onUnmounted, ref, shallowRef, type Ref } from 'vue';
import {
  roundScore,
  secondLookReason,
  type FaceScoresDto,
  type FaceImage,
} from '../../../../preload/contract/rules/face-score';
import {
  loadFaceEngine,
  looksPresented,
  type FaceAnalysis,
  type FaceEngine,
} from '../../face/face-engine';

export type FaceScoreState = 'off' | 'loading' | 'ready' | 'failed';

/** What goes to main with the decision: the advisory scores, and whether the clerk looked again. */
export interface FaceDecisionExtras {
  readonly scores: FaceScoresDto | null;
  readonly secondLook: boolean;
}

async function imageOf(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = src;
  await image.decode();
  return image;
}

/**
 * enabled: the machine configuration's faceCheck.score. drawings: the photos are practice
 * drawings, whose scores mean nothing (練習用).
 */
export function useFaceScores(o: {
  readonly enabled: Ref<boolean>;
  readonly threshold: Ref<number>;
  readonly drawings: Ref<boolean>;
}) {
  const state = ref<FaceScoreState>(o.enabled.value ? 'loading' : 'off');
  const engine = shallowRef<FaceEngine | null>(null);
  // Descriptors stay in these refs, in this window, for as long as the step is on screen.
  const analyses = shallowRef<Partial<Record<FaceImage, FaceAnalysis | null>>>({});
  /** The still's analysis is under way (shown as 計算中). */
  const scoring = ref(false);
  let generation = 0;
  let gone = false;

  const ready: Promise<FaceEngine | null> = o.enabled.value
    ? loadFaceEngine().then(
        (e) => {
          engine.value = e;
          state.value = 'ready';
          return e;
        },
        () => {
          state.value = 'failed';
          return null;
        },
      )
    : Promise.resolve(null);

  async function analyse(which: FaceImage, image: HTMLImageElement | HTMLCanvasElement | null) {
    const e = await ready;
    if (!e || gone) return;
    const analysis = image ? await e.analyse(image) : null;
    if (!gone) analyses.value = { ...analyses.value, [which]: analysis };
  }

  /** The chip and application photos, as soon as they are read. */
  async function photos(chip: string, application: string | null): Promise<void> {
    if (!o.enabled.value) return;
    await analyse('chip', await imageOf(chip));
    await analyse('application', application ? await imageOf(application) : null);
  }

  /** The still just taken (the canvas is read at once, before the clerk can go back to live). */
  async function still(canvas: HTMLCanvasElement): Promise<void> {
    if (!o.enabled.value) return;
    const mine = ++generation;
    scoring.value = true;
    const e = await ready;
    if (!e || gone || mine !== generation) return;
    const analysis = await e.analyse(canvas);
    if (gone || mine !== generation) return;
    analyses.value = { ...analyses.value, live: analysis };
    scoring.value = false;
  }

  /** Back to the live image: the still's analysis goes with the still. */
  function release(): void {
    generation++;
    scoring.value = false;
    const { live: _live, ...rest } = analyses.value;
    analyses.value = rest;
  }

  const scores = computed<FaceScoresDto | null>(() => {
    const e = engine.value;
    const a = analyses.value;
    if (!e || a.live === undefined || a.chip === undefined) return null;
    const application = a.application ?? null;
    return {
      pairs: {
        liveChip: e.similarity(a.live, a.chip),
        liveApplication: e.similarity(a.live, application),
        chipApplication: e.similarity(a.chip, application),
      },
      findings: {
        live: a.live?.finding ?? null,
        chip: a.chip?.finding ?? null,
        application: application?.finding ?? null,
      },
      presentationAttack: looksPresented(a.live),
      engine: e.version,
      practice: o.drawings.value,
    };
  });

  const lookReason = computed(() => secondLookReason(scores.value, o.threshold.value));
  const findings = computed(() => ({
    chip: analyses.value.chip?.finding ?? null,
    application: analyses.value.application?.finding ?? null,
    live: analyses.value.live?.finding ?? null,
  }));

  onUnmounted(() => {
    gone = true;
    analyses.value = {};
  });

  return { state, scoring, scores, lookReason, findings, photos, still, release, roundScore };
}
