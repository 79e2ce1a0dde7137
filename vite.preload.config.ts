// Builds the sandboxed preload: one CommonJS file, no imports at run time but 'electron'.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'out/preload'),
    emptyOutDir: true,
    target: 'chrome130',
    minify: false,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true, external: ['electron'] },
});
