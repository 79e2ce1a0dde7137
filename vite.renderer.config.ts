// Builds the clerk and the resident renderer (two pages, shared chunks) from renderer/ into out/renderer.
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [vue()],
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
