// Builds the sandboxed preloads: one CommonJS file each, no imports at run time but 'electron'.
// A sandboxed preload cannot require a sibling file, so the clerk's and the resident's preload are
// two separate builds (one Vite environment each), never one build with a shared chunk.
import { resolve } from 'node:path';
import { defineConfig, type EnvironmentOptions } from 'vite';

const outDir = resolve(import.meta.dirname, 'out/preload');

function preload(name: 'index' | 'resident', emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external: ['electron'] },
    build: {
      ssr: true,
      outDir,
      emptyOutDir,
      target: 'chrome130',
      minify: false,
      rollupOptions: {
        input: { [name]: resolve(import.meta.dirname, `preload/${name}.ts`) },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  };
}

export default defineConfig({
  environments: {
    // The clerk window's preload first: it empties the folder, the resident's is added beside it.
    index: preload('index', true),
    resident: preload('resident', false),
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.index!);
      await builder.build(builder.environments.resident!);
    },
  },
});
