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
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One pcscd, one vpcd port per run: its files must not run side by side. npm test runs
          // several runs at once, each in its own namespace (scripts/run-tests.mjs).
          fileParallelism: false,
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
