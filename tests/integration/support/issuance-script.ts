// The 交付 of 窓口花子 (MD-2026-0001, card 990000000000001) driven through the core's router the way
// the two windows do it: one action for whatever step the procedure is at, so a run that starts
// after a crash picks the open procedure up where it stands.
import type { Channel } from '../../../preload/contract/channels';
import type { IssuanceDto } from '../../../preload/contract/issuance';

export type Call = (
  window: 'clerk' | 'resident',
  channel: Channel,
  payload: unknown,
) => Promise<unknown>;

export const NOTICE = 'MD-2026-0001';
export const BIRTH_DATE = '1992-07-08';
/** The values the resident types (a secret scan looks for exactly these). */
export const TYPED = { signing: 'MADO2026KEY', auth: '7395', juki: '2846', text: '5017' } as const;

/** Logs the practice clerk in and opens (or resumes) the issuance of MD-2026-0001. */
export async function openIssuance(call: Call): Promise<IssuanceDto> {
  await call('clerk', 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
  const app = (await call('clerk', 'issuance:find-by-notice', {
    noticeNumber: NOTICE,
    birthDate: BIRTH_DATE,
  })) as { id: number };
  return (await call('clerk', 'issuance:start', { applicationId: app.id })) as IssuanceDto;
}

/** Does the one thing the current step needs, and returns the procedure after it. */
export async function advance(call: Call, reader: string, dto: IssuanceDto): Promise<IssuanceDto> {
  const procedureId = dto.procedureId;
  const clerk = async (channel: Channel, payload: Record<string, unknown>) =>
    (await call('clerk', channel, { procedureId, ...payload })) as IssuanceDto;
  if (dto.needsCard || dto.step === 'card') return clerk('issuance:check-card', { reader });
  switch (dto.step) {
    case 'documents':
      return clerk('issuance:record-documents', {
        kinds: ['driving-licence'],
        guardianship: false,
        representative: null,
      });
    case 'face':
      return clerk('issuance:record-face', { decision: 'match' });
    case 'pins':
    case 'parked': {
      if (!dto.pins.entryOpen) return clerk('issuance:open-pin-entry', { reader });
      for (const [kind, value] of Object.entries(TYPED)) {
        await call('resident', 'resident:check-pin', { kind, value, confirmation: value });
      }
      await call('resident', 'resident:submit-pins', {
        signing: { value: TYPED.signing, confirmation: TYPED.signing },
        auth: { value: TYPED.auth, confirmation: TYPED.auth },
        juki: { value: TYPED.juki, confirmation: TYPED.juki },
        text: { value: TYPED.text, confirmation: TYPED.text },
      });
      return clerk('issuance:get', {});
    }
    case 'handover':
      return clerk('issuance:complete', {
        collectedJukiCard: false,
        collectedNotificationCard: true,
      });
    default:
      throw new Error(`nothing to do at step ${dto.step}`);
  }
}
