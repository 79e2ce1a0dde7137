// Unit and integration tests. Integration starts pcscd itself (tests/integration/global-setup.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A limit for a hang, not for a slow step: npm test runs the unit tests beside the
          // integration runs and the e2e on two cores, where seeding a practice database (its
          // password hashes, a preset card's RSA keys) takes several times what it takes alone.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The files share each worker's module graph instead of importing the core afresh for
          // every file: the project took 233 CPU-s isolated, 154 CPU-s this way (import 118 s of
          // it before), and CPU is what npm test runs short of. A file that changes a module's
          // state (vi.mock, a global) must undo it in its own hooks.
          isolate: false,
        },
      },
      {
        test: {
          // The integration files that reach pcscd (pcsc-mini's native client, OpenSC, vpcd): the
          // files at the top of tests/integration/ and every *.pcsc.test.ts. Each gets a process
          // of its own: pcsc-mini's monitoring threads and PC/SC contexts outlive a file, and a
          // run that shared them hung in a PC/SC file under load.
          name: 'integration-pcsc',
          include: ['tests/integration/*.test.ts', 'tests/integration/**/*.pcsc.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One pcscd, one vpcd port per run: its files must not run side by side. npm test runs
          // several runs at once, each in its own namespace (scripts/run-tests.mjs).
          fileParallelism: false,
          // After the shared files, never beside them: a run is one file at a time.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // The rest: the core through its router on the simulated reader, the scenarios, the
          // authority. Their files share the worker's modules (the core imported once, not once
          // per file), as the unit project's do; a file that changes a module's state undoes it.
          name: 'integration',
          include: ['tests/integration/*/**/*.test.ts'],
          exclude: ['tests/integration/**/*.pcsc.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          isolate: false,
        },
      },
      {
        test: {
          // The office database's own tests (migrations, dialect, concurrency, grants), on a
          // PostgreSQL server the setup starts (root only: the server runs as the postgres user).
          name: 'postgres',
          include: ['tests/postgres/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/postgres/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
