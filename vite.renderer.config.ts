// Builds the clerk and the resident renderer (two pages, shared chunks) from renderer/ into out/renderer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { faceAssetSources } from './renderer/src/face/face-assets';

const MODULES = resolve(import.meta.dirname, 'node_modules');

/**
 * The face engine's models and WASM binaries copied into the build: the app serves them itself
 * and never fetches them from the internet. Only the files the engine loads.
 */
function faceAssets(): Plugin {
  return {
    name: 'face-assets',
    apply: 'build',
    generateBundle() {
      for (const { fileName, source } of faceAssetSources())
        this.emitFile({ type: 'asset', fileName, source: readFileSync(resolve(MODULES, source)) });
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
