// What a reader (in-process or the vpcd bridge) needs from a simulated card: power, ATR, APDUs.
import type { Bytes } from '../transport';

export interface SimCardPort {
  /** ATR presented on power-on; an empty array means the card gives no ATR (mute). */
  readonly atr: Bytes;
  powerOn(): void;
  powerOff(): void;
  /** Warm reset: clears security states and the issuer session, keeps the card's contents. */
  reset(): void;
  /**
   * Processes one command APDU. Resolves with the response APDU, after the timing model's
   * delay when it is on. Never resolves while the card is tampered (it goes mute).
   */
  transmit(command: Bytes): Promise<Bytes>;
}
