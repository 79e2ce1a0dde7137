// Standard middleware against the simulated card: unmodified OpenSC (pkcs15-tool, pkcs11-tool) over pcscd + vpcd.
import { execFile } from 'node:child_process';
import { X509Certificate, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATION_IDS } from '../../main/card/sim/generations';
import { loadPreset } from '../../main/card/sim/presets';
import type { SimCardPort } from '../../main/card/sim/sim-card-port';
import type { Bytes } from '../../main/card/transport';
import { createPcscHarness, type PcscHarness } from './support/pcsc-harness';

const run = promisify(execFile);
const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
// Fixture PIN of the 'issued' preset (resources/cards/issued.json), not a real one.
const ISSUED_AUTH_PIN = '1234';
const JPKI_AID_SELECT = '00A4040C0AD392F000260100000001';

const hex = (b: Bytes) => Buffer.from(b).toString('hex').toUpperCase();

/** Wraps a card to keep a transcript of what the middleware sent; VERIFY data is never kept. */
function recording(card: SimCardPort, transcript: string[]): SimCardPort {
  return {
    get atr() {
      return card.atr;
    },
    powerOn: () => card.powerOn(),
    powerOff: () => card.powerOff(),
    reset: () => card.reset(),
    async transmit(command: Bytes) {
      const response = await card.transmit(command);
      const shown =
        command[1] === 0x20 && command.length > 5
          ? `${hex(command.subarray(0, 5))}<pin>`
          : hex(command);
      transcript.push(`${shown} ${hex(response.subarray(response.length - 2))}`);
      return response;
    },
  };
}

async function opensc(tool: string, args: string[]): Promise<string> {
  // Async on purpose: the bridge answering vpcd lives on this event loop.
  const { stdout } = await run(tool, args, { timeout: 30_000 });
  return stdout;
}

describe.each(GENERATION_IDS)(
  'OpenSC reads and signs with the simulated card (generation %s) through pcscd',
  (generation) => {
    let h: PcscHarness;
    const transcript: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'opensc-'));

    beforeAll(async () => {
      for (const tool of ['/usr/bin/pkcs15-tool', '/usr/bin/pkcs11-tool', PKCS11_MODULE]) {
        if (!existsSync(tool))
          throw new Error(`${tool} is missing: install the Debian package opensc`);
      }
      h = await createPcscHarness();
      const card = await loadPreset('issued', { timing: false, generation });
      await h.insert(recording(card, transcript));
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('pkcs15-tool --list-certificates finds the four JPKI certificates', async () => {
      transcript.length = 0;
      const out = await opensc('pkcs15-tool', ['--list-certificates']);
      for (const label of [
        'User Authentication Certificate]',
        'Digital Signature Certificate]',
        'User Authentication Certificate CA]',
        'Digital Signature Certificate CA]',
      ]) {
        expect(out).toContain(label);
      }
      // OpenSC's JPKI driver recognised the card by selecting the JPKI AID (the ATR is not in its table).
      expect(transcript).toContain(`${JPKI_AID_SELECT} 9000`);
      // The signing certificate stays private: its read is refused without the password.
      expect(transcript).toContain('00A4020C020001 9000');
      expect(transcript).toContain('00B0000004 6982');
    });

    it('pkcs15-tool --list-pins shows the tries left, using VERIFY without data (no try spent)', async () => {
      transcript.length = 0;
      const out = await opensc('pkcs15-tool', ['--list-pins']);
      const triesOf = (label: string) => {
        const block = out.split('PIN [').find((b) => b.startsWith(label));
        return block?.match(/Tries left\s*:\s*(\d+)/)?.[1];
      };
      expect(triesOf('User Authentication PIN]')).toBe('3');
      expect(triesOf('Digital Signature PIN]')).toBe('5');
      expect(transcript).toContain('00200080 63C3');
      expect(transcript).toContain('00200080 63C5');
      expect(transcript.some((line) => line.includes('<pin>'))).toBe(false);
    });

    it('pkcs11-tool signs SHA256-RSA-PKCS with the auth key after login, and the signature verifies', async () => {
      transcript.length = 0;
      const message = join(dir, 'message.bin');
      const signature = join(dir, 'signature.bin');
      writeFileSync(message, 'counter test: 窓口');
      await opensc('pkcs11-tool', [
        '--module',
        PKCS11_MODULE,
        '--login',
        '--pin',
        ISSUED_AUTH_PIN,
        '--sign',
        '-m',
        'SHA256-RSA-PKCS',
        '--id',
        '01',
        '--input-file',
        message,
        '--output-file',
        signature,
      ]);
      const pem = await opensc('pkcs15-tool', ['--read-certificate', '01']);
      const certificate = new X509Certificate(pem);
      expect(certificate.issuer).toContain('JPKI');
      const sig = readFileSync(signature);
      expect(sig.length).toBe(256);
      expect(verify('sha256', readFileSync(message), certificate.publicKey, sig)).toBe(true);
      expect(verify('sha256', Buffer.from('another message'), certificate.publicKey, sig)).toBe(
        false,
      );
      // The card computed it: key EF 0017 selected, then the JPKI sign command with a DigestInfo.
      expect(transcript).toContain('00A4020C020017 9000');
      const sign = transcript.find((line) => line.startsWith('802A0080'));
      expect(sign?.slice(8, 20)).toBe('333031300D06'); // Lc 0x33 and the SHA-256 DigestInfo prefix
      expect(sign?.endsWith(' 9000')).toBe(true);
    });
  },
);
