// Builds the clerk and the resident renderer (two pages, shared chunks) from renderer/ into out/renderer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { FACE_MODELS, FACE_MODELS_PATH, FACE_WASM_PATH } from './renderer/src/face/face-assets';

const MODULES = resolve(import.meta.dirname, 'node_modules');
/**
 * TensorFlow.js's WASM binaries: SIMD (every Chromium the app runs in) and plain as the
 * fallback; the threaded one needs cross-origin isolation, which the app does not turn on.
 */
const FACE_WASM = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

/**
 * The face engine's models (from @vladmandic/human) and WASM binaries (from
 * @tensorflow/tfjs-backend-wasm, the version human bundles) copied into the build: the app serves
 * them itself and never fetches them from the internet. Only the models the engine loads.
 */
function faceAssets(): Plugin {
  return {
    name: 'face-assets',
    apply: 'build',
    generateBundle() {
      for (const model of FACE_MODELS)
        for (const ext of ['json', 'bin'])
          this.emitFile({
            type: 'asset',
            fileName: `${FACE_MODELS_PATH}${model}.${ext}`,
            source: readFileSync(resolve(MODULES, `@vladmandic/human/models/${model}.${ext}`)),
          });
      for (const wasm of FACE_WASM)
        this.emitFile({
          type: 'asset',
          fileName: `${FACE_WASM_PATH}${wasm}`,
          source: readFileSync(resolve(MODULES, `@tensorflow/tfjs-backend-wasm/dist/${wasm}`)),
        });
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [vue(), faceAssets()],
  define: {
    // vue-i18n: no runtime message compiler that needs eval (CSP script-src 'self').
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        clerk: resolve(import.meta.dirname, 'renderer/clerk.html'),
        resident: resolve(import.meta.dirname, 'renderer/resident.html'),
      },
    },
  },
});
