// YUV4MPEG2 (4:2:0) video from RGB frames: what Chromium's fake camera plays in the e2e tests.
import type { RawImage } from './png';

/** One frame as planar I420: the Y plane, then Cb and Cr at half size (each 2 × 2 block averaged). */
function i420(frame: RawImage): Uint8Array {
  const { width: w, height: h, data } = frame;
  const out = new Uint8Array(w * h + 2 * (w / 2) * (h / 2));
  const cbAt = w * h;
  const crAt = cbAt + (w / 2) * (h / 2);
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let cb = 0;
      let cr = 0;
      for (let k = 0; k < 4; k++) {
        const at = (y + (k >> 1)) * w + x + (k & 1);
        const [r, g, b] = [data[at * 3]!, data[at * 3 + 1]!, data[at * 3 + 2]!];
        // BT.601 studio range: Y 16..235, Cb and Cr 16..240 around 128.
        out[at] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
        cb += 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255;
        cr += 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255;
      }
      const c = (y / 2) * (w / 2) + x / 2;
      out[cbAt + c] = Math.round(cb / 4);
      out[crAt + c] = Math.round(cr / 4);
    }
  }
  return out;
}

/**
 * A Y4M file of RGB frames (all the same even size), 4:2:0 with JPEG chroma siting, progressive,
 * square pixels: the header Chromium's --use-file-for-fake-video-capture accepts.
 */
export function encodeY4m(frames: readonly RawImage[], fps = 30): Uint8Array {
  const first = frames[0];
  if (!first) throw new RangeError('a video needs at least one frame');
  const { width, height } = first;
  if (width % 2 !== 0 || height % 2 !== 0)
    throw new RangeError('4:2:0 needs an even width and height');
  for (const f of frames) {
    if (f.width !== width || f.height !== height || f.channels !== 3)
      throw new RangeError('every frame must be RGB of the same size');
  }
  const encoder = new TextEncoder();
  const header = encoder.encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameTag = encoder.encode('FRAME\n');
  return new Uint8Array(Buffer.concat([header, ...frames.flatMap((f) => [frameTag, i420(f)])]));
}
