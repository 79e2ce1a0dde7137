// The face check's similarity engine in this window: @vladmandic/human on TensorFlow.js's WASM backend, models served by the app itself.
import type { FaceResult, Human, Result as HumanResult } from '@vladmandic/human';
import { roundScore, type FaceFinding } from '../../../preload/contract/rules/face-score';
import { FACE_MODELS_PATH, FACE_WASM_PATH } from './face-assets';

/** A face narrower than this share of its image, or than MIN_FACE_PX, is too small to compare. */
const MIN_FACE_SHARE = 0.15;
const MIN_FACE_PX = 48;
/** Head turned more than this (radians, about 30°) left/right or up/down: turned away. */
const MAX_TURN = 0.5;
/** Below this, the anti-spoofing or liveness model thinks the live image is not a live face. */
const MIN_REAL = 0.5;
/** A second face is counted from this detection score (someone behind the resident). */
const MIN_SECOND_FACE = 0.6;

/**
 * One image's face as the engine sees it. The descriptor stays in this window's memory, for the
 * step's comparisons only: it is never sent to main, stored or logged.
 */
export interface FaceAnalysis {
  readonly finding: FaceFinding;
  readonly descriptor: readonly number[] | null;
  /** The anti-spoofing (real) and liveness scores, 0..1, where the models ran. */
  readonly real: number | null;
  readonly live: number | null;
  readonly ms: number;
}

export interface FaceEngine {
  /** "@vladmandic/human 3.3.6": recorded with the scores. */
  readonly version: string;
  /** Models loaded and warmed up, in milliseconds (the background load after login). */
  readonly loadMs: number;
  /** TensorFlow.js's backend in use: "wasm" (a fallback to plain JavaScript is seconds per image). */
  readonly backend: string;
  analyse(image: HTMLImageElement | HTMLCanvasElement): Promise<FaceAnalysis>;
  /** 0..1, two decimals; null when either side has no usable face. */
  similarity(a: FaceAnalysis | null, b: FaceAnalysis | null): number | null;
}

function findingOf(faces: readonly FaceResult[], result: HumanResult, width: number): FaceFinding {
  const counted = faces.filter((f, i) => i === 0 || f.score >= MIN_SECOND_FACE);
  if (counted.length === 0) return 'none';
  if (counted.length > 1) return 'several';
  const face = counted[0]!;
  if (face.box[2] < MIN_FACE_PX || face.box[2] < width * MIN_FACE_SHARE) return 'too-small';
  const angle = face.rotation?.angle;
  if (angle && (Math.abs(angle.yaw) > MAX_TURN || Math.abs(angle.pitch) > MAX_TURN))
    return 'turned-away';
  const blinks = result.gesture.filter(
    (g) => 'face' in g && g.face === face.id && g.gesture.startsWith('blink'),
  );
  if (blinks.length >= 2) return 'eyes-closed';
  return 'ok';
}

const NO_REUSE = { skipFrames: 0, skipTime: 0 } as const;

async function createEngine(): Promise<FaceEngine> {
  const started = performance.now();
  // Its own chunk, loaded after login: the login screen never waits for it.
  const { Human: HumanClass } = await import('@vladmandic/human');
  const human: Human = new HumanClass({
    backend: 'wasm',
    // Relative to the page (app://counter/clerk.html): the app's own copies.
    modelBasePath: new URL(FACE_MODELS_PATH, document.baseURI).href,
    wasmPath: new URL(FACE_WASM_PATH, document.baseURI).href,
    debug: false,
    async: true,
    // Its own warm-up fetches a data: URL, which the CSP's connect-src refuses; ours is below.
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false },
    // Never a result kept from the previous image (the library's video mode reuses them).
    face: {
      enabled: true,
      detector: {
        rotation: true,
        maxDetected: 3,
        minConfidence: 0.3,
        return: false,
        ...NO_REUSE,
      },
      mesh: { enabled: true, ...NO_REUSE },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: true, ...NO_REUSE },
      emotion: { enabled: false },
      gear: { enabled: false },
      antispoof: { enabled: true, ...NO_REUSE },
      liveness: { enabled: true, ...NO_REUSE },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    gesture: { enabled: true },
  });
  await human.load();
  // The WASM backend's first run (memory, kernels) on a blank frame: the face step's first photo
  // then costs what every later one does.
  const blank = document.createElement('canvas');
  blank.width = 64;
  blank.height = 64;
  await human.detect(blank);
  const loadMs = Math.round(performance.now() - started);
  return {
    version: `@vladmandic/human ${human.version}`,
    loadMs,
    backend: String(human.tf.getBackend()),
    async analyse(image) {
      const t0 = performance.now();
      const result = await human.detect(image);
      const width = image instanceof HTMLImageElement ? image.naturalWidth : image.width;
      const faces = [...result.face].sort((a, b) => b.score - a.score);
      const finding = findingOf(faces, result, width);
      const first = faces[0];
      return {
        finding,
        descriptor:
          finding === 'none' || finding === 'several' || !first?.embedding?.length
            ? null
            : [...first.embedding],
        real: first?.real ?? null,
        live: first?.live ?? null,
        ms: Math.round(performance.now() - t0),
      };
    },
    similarity(a, b) {
      if (!a?.descriptor || !b?.descriptor) return null;
      return roundScore(human.match.similarity([...a.descriptor], [...b.descriptor]));
    },
  };
}

let engine: Promise<FaceEngine> | null = null;

/**
 * The one engine of this window, loaded once: started in the background after login, awaited by
 * the face step. A failed load is tried again on the next call.
 */
export function loadFaceEngine(): Promise<FaceEngine> {
  engine ??= createEngine().catch((e: unknown) => {
    engine = null;
    throw e;
  });
  return engine;
}

/** The live image looked like a photo held to the camera (where the models ran). */
export function looksPresented(live: FaceAnalysis | null): boolean {
  if (!live || live.finding === 'none') return false;
  return (
    (live.real !== null && live.real < MIN_REAL) || (live.live !== null && live.live < MIN_REAL)
  );
}
