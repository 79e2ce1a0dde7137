// Builds the main process (Node, ESM) into out/main. Native and Electron modules stay external.
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const external = [
  'electron',
  'pcsc-mini',
  'sqlite3',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'out/main'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'main/index.ts') },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: true, external },
});
