// A simulated card made for one application, as delivered to the counter for 交付 (practice mode, tests).
import { createHash, type KeyObject } from 'node:crypto';
import { defaultChipPhoto } from '../../images/portrait';
import { isJpeg2000 } from '../../images/jp2';
import { sexCodeOf, type Sex } from '../../../preload/contract/rules/sex';
import type { HolderFacts } from './card-files';
import { holderSchema, portraitHintsOf, presetAuthority, writeHolderFiles } from './presets';
import { SimCard } from './sim-card';
import { GENERATIONS, type GenerationId } from './generations';
import { timingForAtr } from './timing';

/** What the database knows of the card's holder and of the card itself. Dates are YYYY-MM-DD. */
export interface ApplicationCardFacts {
  /** Family name, U+3000, given name. */
  name: string;
  /** As printed on the card: full-width digits. */
  address: string;
  birthDate: string;
  sex: Sex;
  /** The 12-digit 個人番号. */
  myNumber: string;
  /** The 5-digit municipality code. */
  municipalityCode: string;
  /** The 15-digit card serial. */
  serial: string;
  cardExpiry: string;
  /** The 4-digit code printed on the card face; derived from the serial when absent. */
  securityCode?: string;
}

export interface ApplicationCardOptions {
  /** On: the card takes the time of a real one (practice mode, benchmarks). */
  timing: boolean;
  /** The issuer key the card trusts for issuer sessions (the counter's authority). */
  issuerPublicKey: KeyObject;
  /** The chip photo, JPEG 2000 (codestream or JP2); default: a portrait drawn from the serial. */
  photo?: Uint8Array;
  /** The card generation it plays (default 'first'). */
  generation?: GenerationId;
}

/** A stable 4-digit security code for a serial: the same card always prints the same code. */
export function securityCodeOf(serial: string): string {
  const digest = createHash('sha256').update(`security-code:${serial}`).digest();
  return String(digest.readUInt32BE(0) % 10_000).padStart(4, '0');
}

/**
 * The card of an application as it reaches the counter (like the 'prepared' preset): holder
 * files written, chip active, no PIN, no key, no certificate. Throws on facts a card could not
 * hold (a 個人番号 with a wrong check digit, a serial that is not 15 digits, …) without
 * echoing them.
 */
export async function loadApplicationCard(
  facts: ApplicationCardFacts,
  options: ApplicationCardOptions,
): Promise<SimCard> {
  const parsed = holderSchema.safeParse({
    ...facts,
    sex: sexCodeOf(facts.sex),
    securityCode: facts.securityCode ?? securityCodeOf(facts.serial),
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`application card facts are invalid at: ${fields}`);
  }
  const holder: HolderFacts = parsed.data;
  if (options.photo && !isJpeg2000(options.photo))
    throw new Error('the chip photo must be JPEG 2000');
  const photo = options.photo ?? (await defaultChipPhoto(holder.serial, portraitHintsOf(holder)));
  const generation = options.generation ?? 'first';
  const card = new SimCard({
    profile: 'my-number',
    generation,
    timing: options.timing ? timingForAtr(GENERATIONS[generation].atr) : null,
    issuerPublicKey: options.issuerPublicKey,
  });
  const { issuerKey } = await presetAuthority();
  await writeHolderFiles(card, holder, issuerKey.privateKey, photo);
  card.manufactureChipState('active');
  return card;
}
