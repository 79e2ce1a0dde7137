// The national certificate service's hours as a step sees them: a step that needs the authority
// (issuing, setting a PIN through it, revoking) is refused outside them, before anything is done.
import type { ServiceState } from '../../../preload/contract/rules/service-hours';
import { refuse } from '../refusal';

/** The refusal's detail: why and when it reopens, `after-hours:<ISO instant>`. */
export function serviceClosedDetail(s: Extract<ServiceState, { open: false }>): string {
  return `${s.why}:${s.reopensAt}`;
}

/** Refuses (certificate-service-closed) when the service takes no operations now. */
export function assertServiceOpen(deps: { certificateService(): ServiceState }): void {
  const s = deps.certificateService();
  if (!s.open) refuse('certificate-service-closed', serviceClosedDetail(s));
}
