// Transcript builders for a whole My Number Card: session opening, file reads, the health read.
import * as x509 from '@peculiar/x509';
import { concatBytes, toHex } from '../../../main/card/apdu';
import { CardSession } from '../../../main/card/card-session';
import { encodeTlv } from '../../../main/card/tlv';
import type { ReaderEvent, ReaderSnapshot, ReaderWatcher } from '../../../main/card/transport';
import { CardAbsentError } from '../../../main/card/transport';
import { ScriptedTransport } from './scripted-transport';

export const AID = {
  jpki: 'D392F000260100000001',
  common: 'D3921000310001010100',
  juki: 'D3921000310001010401',
  text: 'D3921000310001010408',
} as const;

const ascii = (s: string) => toHex(new TextEncoder().encode(s));

export interface IdentityFacts {
  serial?: string;
  municipality?: string;
  expiry?: string; // YYYYMMDD
}

export function identityRecordHex(f: IdentityFacts = {}): string {
  return (
    '011C' +
    ascii((f.serial ?? '400000012719843') + (f.municipality ?? '13221') + (f.expiry ?? '20350217'))
  );
}

/** What CardSession.open sends: recognise (JPKI AID + label), then the common identity record. */
export function openSessionScript(f: IdentityFacts & { label?: string } = {}): string {
  return `
    => 00A4040C0A ${AID.jpki}
    <= 9000
    => 00A4020C02 0006
    <= 9000
    => 00B0000020
    <= ${ascii((f.label ?? 'JPKIAPICCTOKEN2').padEnd(32, ' '))} 9000
    ${identityScript(f)}
  `;
}

/**
 * A session opened over a transcript (openSessionScript, so the common application is selected),
 * that then plays `script`; `t.assertDone()` after.
 */
export async function scriptedSession(
  script: string,
  f: IdentityFacts = {},
): Promise<{ t: ScriptedTransport; session: CardSession }> {
  const t = new ScriptedTransport(openSessionScript(f) + script);
  const session = await CardSession.open(t, { reader: 'R', exchangeTimeoutMs: 500 });
  return { t, session };
}

/** assertSameCard and the identity part of opening: select common, EF 0001, record 1. */
export function identityScript(f: IdentityFacts = {}): string {
  return `
    => 00A4040C0A ${AID.common}
    <= 9000
    => 00A4020C02 0001
    <= 9000
    => 00B2010400
    <= ${identityRecordHex(f)} 9000
  `;
}

/** READ BINARY lines as readBinary() sends them for a file holding `tlv` then FF filler. */
export function readTlvScript(tlv: Uint8Array): string {
  const file = new Uint8Array(tlv.length + 64).fill(0xff);
  file.set(tlv);
  const lines = [`=> 00B0000000`, `<= ${toHex(file.subarray(0, 256))} 9000`];
  let have = Math.min(256, file.length);
  while (have < tlv.length) {
    const le = Math.min(256, tlv.length - have);
    lines.push(
      `=> 00B0${have.toString(16).padStart(4, '0').toUpperCase()}${(le & 0xff).toString(16).padStart(2, '0').toUpperCase()}`,
    );
    lines.push(`<= ${toHex(file.subarray(have, have + le))} 9000`);
    have += le;
  }
  return lines.join('\n');
}

/**
 * A resident match up to EF 0001: SELECT text, 照合番号A `presented` answered with `codeA`, and,
 * when verified, EF 0001 holding `onCard` (by default the number presented).
 */
export function textCodeAScript(o: { presented: string; codeA?: string; onCard?: string }): string {
  const codeA = `
    => 00A4040C0A ${AID.text}
    <= 9000
    => 00A4020C02 0014
    <= 9000
    => 002000800C ${ascii(o.presented)}
    <= ${o.codeA ?? '9000'}
  `;
  if ((o.codeA ?? '9000') !== '9000') return codeA;
  return `
    ${codeA}
    => 00A4020C02 0001
    <= 9000
    ${readTlvScript(encodeTlv(0xff10, new TextEncoder().encode(o.onCard ?? o.presented)))}
  `;
}

/**
 * The rest of a match on a card that keeps EF 0002 closed (6982): the integrity record EF 0003
 * with `fieldsDigest` as DF32 (none when null), and a signature-sized DF33 that makes it longer
 * than one READ BINARY.
 */
export function textDigestScript(fieldsDigest: Uint8Array | null): string {
  const record = concatBytes([
    encodeTlv(0xdf31, new Uint8Array(32).fill(0x31)),
    ...(fieldsDigest ? [encodeTlv(0xdf32, fieldsDigest)] : []),
    encodeTlv(0xdf33, new Uint8Array(256).fill(0x5a)),
  ]);
  return `
    => 00A4020C02 0002
    <= 9000
    => 00B0000000
    <= 6982
    => 00A4020C02 0003
    <= 9000
    ${readTlvScript(encodeTlv(0xff30, record))}
  `;
}

export interface HealthFacts {
  chip?: 'absent' | '01' | '02';
  presence?: string; // 3 bytes hex of EF 0008
  authCert?: Uint8Array | null;
  pins?: Partial<PinAnswers>;
}

/** The health read after opening, in the order card-health.ts sends it. */
export function healthScript(f: HealthFacts = {}): string {
  const pins = { signing: '63C5', auth: '63C3', juki: '63C3', text: '63C3', ...f.pins };
  const chip =
    (f.chip ?? 'absent') === 'absent'
      ? `=> 00A4020C02 0003\n<= 6A82`
      : `=> 00A4020C02 0003\n<= 9000\n=> 00B0000001\n<= ${f.chip} 9000`;
  const cert = f.authCert ? `=> 00A4020C02 000A\n<= 9000\n${readTlvScript(f.authCert)}` : '';
  return `
    ${chip}
    => 00A4040C0A ${AID.jpki}
    <= 9000
    => 00A4020C02 0008
    <= 9000
    => 00B0000003
    <= ${f.presence ?? '8F8F00'} 9000
    ${cert}
    ${pinStatesScript(pins, { jpkiSelected: true })}
  `;
}

export interface PinAnswers {
  signing: string;
  auth: string;
  juki: string;
  text: string;
}

/**
 * The four PIN states as the card layer reads them: each key asked with an empty VERIFY and
 * answered with its status word; JPKI is selected first unless the session has it selected.
 */
export function pinStatesScript(sw: PinAnswers, o: { jpkiSelected?: boolean } = {}): string {
  return `
    ${o.jpkiSelected ? '' : `=> 00A4040C0A ${AID.jpki}\n<= 9000`}
    => 00A4020C02 001B
    <= 9000
    => 00200080
    <= ${sw.signing}
    => 00A4020C02 0018
    <= 9000
    => 00200080
    <= ${sw.auth}
    => 00A4040C0A ${AID.juki}
    <= 9000
    => 00A4020C02 001C
    <= 9000
    => 00200080
    <= ${sw.juki}
    => 00A4040C0A ${AID.text}
    <= 9000
    => 00A4020C02 0011
    <= 9000
    => 00200080
    <= ${sw.text}
  `;
}

const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** A self-signed stand-in for the auth certificate with the dates a test needs. */
export async function makeCertificate(notBefore: string, notAfter: string): Promise<Uint8Array> {
  const keys = await crypto.subtle.generateKey(rsa, false, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a1b2c',
    name: 'C=JP, O=JPKI-TEST, OU=JPKI for user authentication',
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
    signingAlgorithm: rsa,
    keys,
  });
  return new Uint8Array(cert.rawData);
}

/** A reader watcher whose connects hand out scripted transports in order. */
export class FakeWatcher implements ReaderWatcher {
  private listeners = new Set<(e: ReaderEvent) => void>();
  readonly queue: ScriptedTransport[] = [];
  snapshots: ReaderSnapshot[] = [];

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  state() {
    return { kind: 'ready' } as const;
  }
  readers(): readonly ReaderSnapshot[] {
    return this.snapshots;
  }
  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ReaderEvent): void {
    for (const l of this.listeners) l(event);
  }
  async connect(reader: string) {
    const next = this.queue.shift();
    if (!next) throw new CardAbsentError(reader);
    return next;
  }
}
