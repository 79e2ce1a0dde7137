// Data shapes that cross IPC. Plain JSON values only: strings, numbers, booleans, arrays, objects.

export type AppMode = 'production' | 'practice';

export interface AppInfoDto {
  readonly mode: AppMode;
  readonly version: string;
  /** True when the simulated reader is in use (practice mode, or configured for a demo). */
  readonly simulatedReader: boolean;
}

export type ReaderSubsystemDto =
  | { readonly kind: 'ready' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'pcsc-unavailable'; readonly reason: 'addon-missing' | 'service-not-running' };

export interface ReaderDto {
  readonly name: string;
  readonly cardPresent: boolean;
  readonly mute: boolean;
  /** ATR as upper-case hex, space separated; null when no card. */
  readonly atrHex: string | null;
  /** A known ATR's label (e.g. "マイナンバーカード（接触）"), from the ATR table; null when unknown. */
  readonly atrLabel: string | null;
}

export interface ReadersDto {
  readonly subsystem: ReaderSubsystemDto;
  readonly readers: readonly ReaderDto[];
}

/** The four secrets the clerk sees on card health, in this order. */
export const PIN_KINDS = ['signing', 'auth', 'juki', 'text'] as const;
export type PinKind = (typeof PIN_KINDS)[number];

export interface PinStatusDto {
  readonly kind: PinKind;
  /** ok: usable; locked: no tries left; not-set: never set (card before issuance). */
  readonly state: 'ok' | 'locked' | 'not-set';
  readonly triesLeft: number;
  readonly maxTries: number;
}

export type CertificateKind = 'signing' | 'auth';

export interface CertificateSummaryDto {
  readonly kind: CertificateKind;
  readonly present: boolean;
  /** ISO dates (YYYY-MM-DD), present only when the certificate is. */
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly serialHex?: string;
  readonly issuer?: string;
  /** valid, expiring (within 3 months: renewal possible), expired, not-yet-valid, absent */
  readonly validity: 'valid' | 'expiring' | 'expired' | 'not-yet-valid' | 'absent';
}

export type NextActionCode =
  | 'none'
  | 'issue-card'
  | 'reset-locked-pin'
  | 'renew-certificates'
  | 'certificates-expired'
  | 'card-expired'
  | 'card-expiring'
  | 'release-suspension';

export interface CardHealthDto {
  readonly reader: string;
  readonly atrHex: string;
  readonly atrLabel: string | null;
  readonly serial: string;
  readonly municipalityCode: string;
  /** YYYY-MM-DD */
  readonly cardExpiry: string;
  /** The state marker on the chip. A terminated card is an error (card-terminated), not a state here. */
  readonly chipState: 'active' | 'suspended';
  readonly pins: readonly PinStatusDto[];
  readonly certificates: readonly CertificateSummaryDto[];
  readonly nextActions: readonly NextActionCode[];
  /** ISO timestamp of the read. */
  readonly readAt: string;
}

export interface SimPresetDto {
  readonly id: string;
  /** Japanese label for the trainer's list. */
  readonly label: string;
}

export interface SimStateDto {
  readonly presets: readonly SimPresetDto[];
  /** The reader the simulator drives, and the preset currently inserted (null when empty). */
  readonly reader: string;
  readonly inserted: string | null;
}
