// Where the build puts the face engine's models and WASM binaries, beside the page (vite.renderer.config.ts copies them).

export const FACE_MODELS_PATH = 'face/models/';
export const FACE_WASM_PATH = 'face/wasm/';

/** The models the engine loads: detector, mesh (landmarks, rotation, blinks), descriptor, anti-spoofing. */
export const FACE_MODELS = ['blazeface', 'facemesh', 'faceres', 'antispoof', 'liveness'] as const;

/**
 * TensorFlow.js's WASM binaries: SIMD (every Chromium the app runs in) and plain as the
 * fallback; the threaded one needs cross-origin isolation, which the app does not turn on.
 */
export const FACE_WASM = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

/**
 * Every file the engine needs, where the build puts it (beside the page) and where it comes from
 * under node_modules: the models from @vladmandic/human, the WASM binaries from
 * @tensorflow/tfjs-backend-wasm (the version human bundles; human does not ship them).
 */
export function faceAssetSources(): { readonly fileName: string; readonly source: string }[] {
  return [
    ...FACE_MODELS.flatMap((model) =>
      ['json', 'bin'].map((ext) => ({
        fileName: `${FACE_MODELS_PATH}${model}.${ext}`,
        source: `@vladmandic/human/models/${model}.${ext}`,
      })),
    ),
    ...FACE_WASM.map((wasm) => ({
      fileName: `${FACE_WASM_PATH}${wasm}`,
      source: `@tensorflow/tfjs-backend-wasm/dist/${wasm}`,
    })),
  ];
}
