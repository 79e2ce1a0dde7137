// What only the Electron shell can tell the preflight: displays, printers, its own version and executable.
import type { DisplayInfo } from '../windows/placement';

export interface WorkstationHost {
  displays(): readonly DisplayInfo[];
  /** Printer names as Chromium sees them. */
  printers(): Promise<readonly string[]>;
  readonly electronVersion: string;
  /** An installed build (electron-builder), whose fuses were set; false for `npm start`. */
  readonly packaged: boolean;
  /** The running executable, whose fuses are read. */
  readonly executable: string;
}
