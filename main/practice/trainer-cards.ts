// The cards a trainer puts in the simulated reader: the presets and the prepared card of a ready
// application, both trusting the practice authority's issuer key.
import type { ApplicationCardFacts } from '../card/sim/application-card';
import type { LocalAuthority } from '../authority/local-authority';
import type { TrainerCards } from './trainer';

export interface TrainerCardDeps {
  authority(): Promise<LocalAuthority>;
  /** Real-card timing (the machine configuration's simTiming). */
  readonly timing: boolean;
  /** The town on the card's common record. */
  readonly municipalityCode: string;
  /** The facts of a ready application's card (issuance's; the 個人番号 reveal is audited there). */
  applicationCardFacts(
    noticeNumber: string,
  ): Promise<Omit<ApplicationCardFacts, 'municipalityCode'>>;
  applicationCards(): ReturnType<TrainerCards['applicationCards']>;
}

// The simulator's presets build certificates with @peculiar/x509: loaded on first use, so that a
// production start does not pay for them.
const presets = () => import('../card/sim/presets');

export function createTrainerCards(deps: TrainerCardDeps): TrainerCards {
  return {
    presets: async () => (await presets()).listPresets(),

    async loadPreset(id) {
      const { loadPreset } = await presets();
      // The practice authority's issuer key: its issuer sessions open on every preset card.
      const { issuerPublicKey } = await deps.authority();
      return loadPreset(id, { timing: deps.timing, issuerPublicKey });
    },

    async loadApplicationCard(noticeNumber) {
      const facts = await deps.applicationCardFacts(noticeNumber);
      const [{ loadApplicationCard }, { issuerPublicKey }, photo] = await Promise.all([
        import('../card/sim/application-card'),
        deps.authority(),
        practiceChipPhoto(noticeNumber),
      ]);
      return loadApplicationCard(
        { ...facts, municipalityCode: deps.municipalityCode },
        { timing: deps.timing, issuerPublicKey, ...(photo ? { photo } : {}) },
      );
    },

    applicationCards: () => deps.applicationCards(),
  };
}

/** The chip photo of a practice application's card (JPEG 2000), when one was generated. */
async function practiceChipPhoto(noticeNumber: string): Promise<Uint8Array | null> {
  const photos = await import('./photos');
  return photos.practiceChipPhoto(noticeNumber);
}
