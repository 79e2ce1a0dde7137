// Integration setup: a real pcscd with the vpcd driver for the PC/SC files (the integration-pcsc
// project), stopped by its PID afterwards; on the PostgreSQL lane, the office database's server.
import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createPcscWatcher } from '../../main/card/pcsc-transport';
import { onPostgres, startTestPostgres } from '../fixtures/postgres';
import { missingPcscPieces, startPcscd, VPCD_READER, type PcscdHandle } from '../../scripts/pcscd';

declare module 'vitest' {
  export interface ProvidedContext {
    pcscd: { pid: number; owned: boolean; reader: string };
  }
}

/** How long the vpcd reader may take to appear after pcscd answers, before the suite fails. */
const READER_LIMIT_MS = 15_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync('test-reports', { recursive: true });
  // Only the PC/SC files talk to pcscd; the core's files run on the simulated reader.
  const stopReader = project.name === 'integration-pcsc' ? await startReader(project) : null;
  // The PostgreSQL lane of the matrix: the same files, their cores on the office database.
  let postgres: Awaited<ReturnType<typeof startTestPostgres>> | null = null;
  if (onPostgres()) {
    try {
      postgres = await startTestPostgres(
        process.env.MADOGUCHI_PG_LOG ?? 'test-reports/postgres.log',
      );
    } catch (e) {
      await stopReader?.();
      throw e;
    }
  }
  project.provide('postgres', postgres?.info ?? null);
  return async () => {
    await postgres?.server.stop();
    await stopReader?.();
  };
}

/** pcscd started, its vpcd reader listed and empty; gives the function that stops it. */
async function startReader(project: TestProject): Promise<() => Promise<void>> {
  // Never skip: a machine without pcscd or vpcd fails the suite with the reason.
  const missing = missingPcscPieces();
  if (missing) throw new Error(`integration tests need pcscd and vsmartcard-vpcd: ${missing}`);

  // Runs side by side, each in its own namespace (scripts/run-tests.mjs), each name their own log.
  const logFile = process.env.MADOGUCHI_PCSCD_LOG ?? 'test-reports/pcscd.log';
  let pcscd: PcscdHandle;
  try {
    pcscd = await startPcscd({ logFile });
  } catch (e) {
    throw new Error(
      `integration tests could not start pcscd (see ${logFile}): ${(e as Error).message}`,
    );
  }

  // The vpcd reader must be there before any suite counts on it.
  const watcher = createPcscWatcher({ retryMs: 0 });
  // pcscd answers on its socket before it has opened every reader of reader.conf.d on a busy
  // machine: the vpcd reader may come a moment later, as an event.
  const added = new Promise<void>((resolve) => {
    const off = watcher.onEvent((e) => {
      if (e.kind === 'reader-added' && e.reader === VPCD_READER) {
        off();
        resolve();
      }
    });
  });
  await watcher.start();
  if (watcher.state().kind === 'ready' && !watcher.readers().some((r) => r.name === VPCD_READER)) {
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([
      added,
      new Promise<void>((resolve) => (limit = setTimeout(resolve, READER_LIMIT_MS))),
    ]);
    clearTimeout(limit);
  }
  const names = watcher.readers().map((r) => r.name);
  const occupied = watcher
    .readers()
    .some((r) => r.name === VPCD_READER && (r.atr !== null || r.mute));
  const state = watcher.state();
  await watcher.stop();
  if (state.kind !== 'ready' || !names.includes(VPCD_READER)) {
    await pcscd.stop();
    throw new Error(
      `pcscd is up but the vpcd reader "${VPCD_READER}" is not listed (state ${state.kind}; readers: ${
        names.join(', ') || 'none'
      }). Check /etc/reader.conf.d/vpcd, or set VPCD_READER.`,
    );
  }

  if (occupied) {
    await pcscd.stop();
    throw new Error(
      `a card is already in "${VPCD_READER}": another vpcd client (npm run sim:vpcd, vicc) holds port 35963; stop it first`,
    );
  }

  project.provide('pcscd', { pid: pcscd.pid, owned: pcscd.owned, reader: VPCD_READER });
  return () => pcscd.stop();
}
