// The page the face-score integration test drives in Chromium: the renderer's own engine module, and the image transformations a chip photo goes through.
import {
  loadFaceEngine,
  looksPresented,
  type FaceAnalysis,
} from '../../../renderer/src/face/face-engine';
import type { FacePageApi, FaceVariant } from './face-page-api';

async function image(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  await img.decode();
  return img;
}

/** A canvas of `width`×`height` with `draw` applied: how each variant of a photo is made. */
function canvas(
  width: number,
  height: number,
  draw: (g: CanvasRenderingContext2D) => void,
): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const g = c.getContext('2d')!;
  g.fillStyle = '#e0e2e6';
  g.fillRect(0, 0, width, height);
  draw(g);
  return c;
}

function variant(img: HTMLImageElement, v: FaceVariant): HTMLImageElement | HTMLCanvasElement {
  const { naturalWidth: w, naturalHeight: h } = img;
  switch (v.kind) {
    case 'as-is':
      return img;
    case 'grey':
      return canvas(w, h, (g) => {
        g.filter = 'grayscale(1)';
        g.drawImage(img, 0, 0);
      });
    case 'crop':
      return canvas(v.w, v.h, (g) => g.drawImage(img, v.x, v.y, v.w, v.h, 0, 0, v.w, v.h));
    case 'rotate':
      return canvas(w, h, (g) => {
        g.translate(w / 2, h / 2);
        g.rotate((v.degrees * Math.PI) / 180);
        g.translate(-w / 2, -h / 2);
        g.drawImage(img, 0, 0);
      });
    case 'dark':
      return canvas(w, h, (g) => {
        g.filter = `brightness(${v.brightness})`;
        g.drawImage(img, 0, 0);
      });
    case 'small':
      // The face a few percent of a wide picture: too small to compare.
      return canvas(w * 4, h * 3, (g) => g.drawImage(img, w * 2, h, w / 3, h / 3));
    case 'twice':
      return canvas(w * 2, h, (g) => {
        g.drawImage(img, 0, 0);
        g.drawImage(img, w, 0);
      });
    case 'blank':
      // A wall and a door, no face.
      return canvas(300, 400, (g) => {
        g.fillStyle = '#8a6f4d';
        g.fillRect(90, 80, 120, 320);
      });
  }
}

const analyses = new Map<string, FaceAnalysis>();

const api: FacePageApi = {
  async load() {
    const engine = await loadFaceEngine();
    return { loadMs: engine.loadMs, version: engine.version, backend: engine.backend };
  },
  async analyse(name, src, v) {
    const engine = await loadFaceEngine();
    const a = await engine.analyse(variant(await image(src), v));
    analyses.set(name, a);
    return {
      finding: a.finding,
      ms: a.ms,
      presented: looksPresented(a),
      descriptorLength: a.descriptor?.length ?? 0,
    };
  },
  async similarity(a, b) {
    const engine = await loadFaceEngine();
    return engine.similarity(analyses.get(a) ?? null, analyses.get(b) ?? null);
  },
  memory() {
    const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return m?.usedJSHeapSize ?? null;
  },
};
(window as unknown as { face: FacePageApi }).face = api;
