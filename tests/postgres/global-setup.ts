// The postgres project's setup: one PostgreSQL server for the run, stopped by its PID afterwards.
import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../fixtures/postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync('test-reports', { recursive: true });
  const { info, server } = await startTestPostgres(
    process.env.MADOGUCHI_PG_LOG ?? 'test-reports/postgres.log',
  );
  project.provide('postgres', info);
  return () => server.stop();
}
