// admin:run-preflight, admin:write-support-bundle, preflight:summary — the workstation preflight over IPC.
import { ok } from '../../../preload/contract/result';
import type { RecordAudit } from '../../audit/operator-audit';
import type { PreflightService } from '../../preflight/service';
import type { HandlerPart } from './handler-table';

export type PreflightChannel =
  'admin:run-preflight' | 'admin:write-support-bundle' | 'preflight:summary';

export function preflightHandlers(deps: {
  readonly preflight: PreflightService;
  readonly audit: RecordAudit;
}): HandlerPart<PreflightChannel> {
  const { preflight } = deps;
  return {
    'admin:run-preflight': async ({ cameras }) => ok(await preflight.run(cameras)),
    'admin:write-support-bundle': async ({ cameras }) => {
      const written = await preflight.writeSupportBundle(cameras);
      // Who took the machine's facts away, and how much: the file itself holds no secret.
      await deps.audit('support.bundle-written', { bytes: written.bytes });
      return ok(written);
    },
    'preflight:summary': async () => ok(preflight.summary()),
  };
}
