// The face check's similarity scores (advisory): what the renderer reports, and when 一致 needs a second look.
// No zod here: the renderer imports this, and zod's compiled parsers probe for eval, which its CSP refuses.

/**
 * The default of the machine configuration's faceCheck.scoreThreshold, measured with the
 * library's face descriptor on the test photos (tests/integration/face/face-score.chromium.test.ts):
 * the same person through the chip photo's transformations (greyscale, JPEG 2000 at 150×200,
 * crop, rotation, lower light) scored 0.74 and above, another person 0.43 and below.
 */
export const DEFAULT_FACE_SCORE_THRESHOLD = 0.6;

/** The three pairs compared: live still ↔ chip photo, live ↔ application photo, chip ↔ application. */
export const FACE_PAIRS = ['liveChip', 'liveApplication', 'chipApplication'] as const;
export type FacePair = (typeof FACE_PAIRS)[number];

/** The images scored. */
export const FACE_IMAGES = ['live', 'chip', 'application'] as const;
export type FaceImage = (typeof FACE_IMAGES)[number];

/**
 * What the face finder says of one image: a usable face, none, several, one too small to
 * compare, eyes closed, or turned away from the camera.
 */
export const FACE_FINDINGS = [
  'ok',
  'none',
  'several',
  'too-small',
  'eyes-closed',
  'turned-away',
] as const;
export type FaceFinding = (typeof FACE_FINDINGS)[number];

/**
 * The scores of one decision as the renderer sends them (channels.ts validates them in main:
 * numbers 0..1, the findings, the library's version). A pair is null when one of its images has
 * no usable face or is missing (no application photo). practice: the photos are drawings and the
 * scores mean nothing (練習用). No image, descriptor or landmark ever travels here.
 */
export interface FaceScoresDto {
  readonly pairs: Readonly<Record<FacePair, number | null>>;
  readonly findings: Readonly<Record<FaceImage, FaceFinding | null>>;
  /** The live image looked like a photo held to the camera (the library's anti-spoofing models). */
  readonly presentationAttack: boolean;
  /** The library and its version, e.g. "@vladmandic/human 3.3.6". */
  readonly engine: string;
  readonly practice: boolean;
}

/** Why 一致 needs a second look, or null when it does not. */
export type SecondLookReason = 'low-score' | 'no-score';

/**
 * Whether 一致 needs a second look: a pair below the threshold, or a pair that could not be
 * scored (no usable face in one of its images). Practice drawings never ask for it (their scores
 * mean nothing); no scores at all (the library did not load, no camera) leave the decision to
 * the clerk as before. A live image that looks like a photo held up is a hint beside the scores,
 * not a reason: the anti-spoofing model is unsure of real faces too (a studio portrait 0.45).
 */
export function secondLookReason(
  scores: FaceScoresDto | null,
  threshold: number,
): SecondLookReason | null {
  if (scores === null || scores.practice) return null;
  const pairs = FACE_PAIRS.map((p) => scores.pairs[p]);
  // The application photo may be missing (none was handed in): its pairs are not asked for.
  const expected = scores.findings.application === null ? pairs.slice(0, 1) : pairs;
  if (expected.some((s) => s !== null && s < threshold)) return 'low-score';
  if (expected.some((s) => s === null)) return 'no-score';
  return null;
}

/** A score as shown and recorded: two decimals. */
export function roundScore(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
