// What the tests of the card's later life start from: 窓口花子's card issued by the practice
// authority (so the card trusts its issuer key) on a fresh data folder, suspended or not, and the
// ways to look at the card and the database afterwards.
import { spawn } from 'node:child_process';
import {
  createHash,
  createPublicKey,
  verify as verifySignature,
  type KeyObject,
} from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createCore, type Core } from '../../../main/core';
import { CardStatusError, encodeCommand, parseResponse, type Apdu } from '../../../main/card/apdu';
import { readCertificate, selectJpki, sign, verifyJpki } from '../../../main/card/apps/jpki';
import { parsePin, parseSigningPassword } from '../../../main/card/domain';
import { loadPreset } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import { advance, CARD_SERIAL, openIssuance } from './issuance-script';
import { practiceConfig, routerCall } from './router-calls';
import { serverEnvForChild } from '../../fixtures/postgres';

export { cardSeen, ORIGIN, practiceConfig, routerCall, tryCall, watched } from './router-calls';

const CHILD = join(import.meta.dirname, 'issuance-child.ts');

/** The folders (and child bundles) made here, removed by removeDataDirs() when the file is done. */
const made: string[] = [];
function newDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeDataDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = null;
}

// A seeded practice data folder with its authority, made once per test file and copied for each
// test: the seed's password hashes and the authority's RSA keys cost seconds each time.
let template: Promise<{ dir: string; issuerPublicKey: KeyObject }> | null = null;
function seededTemplate() {
  template ??= (async () => {
    const dir = newDataDir('madoguchi-life-template-');
    const core = createCore(practiceConfig(dir, { kind: 'simulated' }));
    await core.start();
    const { issuerPublicKey } = await core.authority();
    await core.close();
    return { dir, issuerPublicKey };
  })();
  return template;
}

/**
 * A fresh practice data folder (the seed and its authority, as a first start makes them) and the
 * authority's issuer key, which a card must trust for the issuer's sessions.
 */
export async function seededDataDir(): Promise<{ dataDir: string; issuerPublicKey: KeyObject }> {
  const { dir, issuerPublicKey } = await seededTemplate();
  const dataDir = newDataDir('madoguchi-life-data-');
  cpSync(dir, dataDir, { recursive: true });
  return { dataDir, issuerPublicKey };
}

export interface PreparedCard {
  readonly dataDir: string;
  readonly card: SimCard;
  /** The card's certificate rows as prepared (on hold when suspended). */
  readonly certificates: readonly CertificateRow[];
  /** When the card's certificates expire (ms since the epoch). */
  readonly notAfter: number;
}

/**
 * 花子's card after her 交付 on the simulated reader in-process (the PC/SC path is what the tests
 * themselves drive), then, with `suspend`, reported lost by the police an hour ago.
 */
export async function prepareIssuedCard(options: { suspend: boolean }): Promise<PreparedCard> {
  const { dataDir } = await seededDataDir();
  const core = createCore(practiceConfig(dataDir, { kind: 'simulated' }));
  await core.start();
  try {
    const { issuerPublicKey } = await core.authority();
    const card = await loadPreset('prepared', { timing: false, issuerPublicKey });
    core.simReader!.insert(card);
    const call = routerCall(core);
    let dto = await openIssuance(call);
    for (let i = 0; dto.step !== 'completed'; i++) {
      if (i > 12) throw new Error(`the 交付 is stuck at ${dto.step}`);
      dto = await advance(call, SIM_READER_NAME, dto);
    }
    if (options.suspend) {
      const row = await core
        .db()!
        .get<{ id: number }>('SELECT id FROM cards WHERE serial = ?', [CARD_SERIAL]);
      const dto = (await call('clerk', 'procedure:start', {
        kind: 'suspension',
        cardId: row!.id,
        report: {
          reporter: 'police',
          method: 'telephone',
          reportedAt: new Date(Date.now() - 3_600_000).toISOString(),
          note: '駅で紛失',
        },
      })) as ProcedureDto;
      if (dto.card.state !== 'suspended') throw new Error(`not suspended: ${dto.card.state}`);
    }
    core.simReader!.remove();
    const notAfters = await core.db()!.all<{ notAfter: string }>(
      `SELECT c.not_after AS notAfter FROM certificates c JOIN cards k ON k.id = c.card_id
         WHERE k.serial = ?`,
      [CARD_SERIAL],
    );
    return {
      dataDir,
      card,
      certificates: await certificateRows(core),
      notAfter: Math.min(...notAfters.map((r) => Date.parse(r.notAfter))),
    };
  } finally {
    await core.close();
  }
}

/**
 * Wrong entries of a JPKI secret, as at a convenience store's terminal: `times` tries spent on the
 * card (three lock the auth PIN). Straight to the card, before it goes into the reader.
 */
export async function spendTries(
  card: SimCard,
  kind: 'signing' | 'auth',
  times: number,
): Promise<void> {
  const ch: Apdu = {
    async send(cmd) {
      return parseResponse(await card.transmit(encodeCommand(cmd)));
    },
    async exchange(cmd) {
      const r = await this.send(cmd);
      if (r.sw !== 0x9000) throw new CardStatusError(r.sw, cmd.ins);
      return r.data;
    },
  };
  card.powerOn();
  await selectJpki(ch);
  for (let i = 0; i < times; i++) {
    const r = await verifyJpki(
      ch,
      kind === 'signing'
        ? { kind, password: parseSigningPassword('WRONG999') }
        : { kind, pin: parsePin('9051') },
    );
    if (r.kind === 'verified') throw new Error('the wrong value was taken');
  }
  // Leaves the card powered (a reader may hold it) with nothing selected or verified.
  card.reset();
}

export interface CertificateRow {
  readonly kind: string;
  readonly serial: string;
  readonly status: string;
  readonly reason: string | null;
}

/** The certificate rows of 花子's card, oldest first. */
export async function certificateRows(core: Core): Promise<CertificateRow[]> {
  return core.db()!.all<CertificateRow>(
    `SELECT c.kind AS kind, c.serial AS serial, c.status AS status, c.revocation_reason AS reason
     FROM certificates c JOIN cards k ON k.id = c.card_id
     WHERE k.serial = ? ORDER BY c.id`,
    [CARD_SERIAL],
  );
}

/** The card's state in the database. */
export async function cardState(core: Core): Promise<string | undefined> {
  const row = await core
    .db()!
    .get<{ state: string }>('SELECT state FROM cards WHERE serial = ?', [CARD_SERIAL]);
  return row?.state;
}

/** A certificate serial as a number: the database, the authority and the card spell it apart. */
export const serialNumber = (hex: string): bigint => BigInt(`0x${hex.replace(/[^0-9a-f]/gi, '')}`);

/**
 * On the card, in one session, for each JPKI key given its secret: presents the secret, reads the
 * key's certificate, signs a digest with the key and checks the signature with the certificate's
 * public key. Answers with each certificate's serial: readable, and belonging to the key.
 */
export async function signOnCard(
  core: Core,
  reader: string,
  secrets: Partial<Record<'signing' | 'auth', string>>,
): Promise<Partial<Record<'signing' | 'auth', bigint>>> {
  return core.cards.withCard(reader, async (session) => {
    await selectJpki(session);
    const serials: Partial<Record<'signing' | 'auth', bigint>> = {};
    for (const kind of ['signing', 'auth'] as const) {
      const secret = secrets[kind];
      if (secret === undefined) continue;
      const verified = await verifyJpki(
        session,
        kind === 'signing'
          ? { kind, password: parseSigningPassword(secret) }
          : { kind, pin: parsePin(secret) },
      );
      if (verified.kind !== 'verified') throw new Error(`the ${kind} secret: ${verified.kind}`);
      const certificate = await readCertificate(session, kind);
      if (!certificate) throw new Error(`no ${kind} certificate on the card`);
      const message = new TextEncoder().encode(`窓口 ${kind} ${Date.now()}`);
      const digest = new Uint8Array(createHash('sha256').update(message).digest());
      const signature = await sign(session, kind, digest);
      const publicKey = createPublicKey({
        key: Buffer.from(certificate.x509.publicKey.rawData),
        format: 'der',
        type: 'spki',
      });
      if (!verifySignature('sha256', message, publicKey, signature))
        throw new Error(`the ${kind} key on the card does not match its certificate`);
      serials[kind] = serialNumber(certificate.serialHex);
    }
    return serials;
  });
}

// ---- the crash child ----

/**
 * Bundles the crash child once per test file (a child then starts in a fraction of a second, where
 * tsx would compile it each time). Its packages resolve from the project (NODE_PATH, runAndKill);
 * the name is the test process's own, as other test runs on the machine may bundle theirs at once.
 */
export async function buildChild(name: string): Promise<string> {
  const outfile = join(
    process.cwd(),
    'node_modules',
    '.cache',
    'madoguchi',
    `${name}-${process.pid}.cjs`,
  );
  made.push(outfile);
  await build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['sqlite3', 'pcsc-mini', '@cornerstonejs/codec-openjpeg', 'pdfkit'],
    loader: { '.json': 'json' },
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

export interface ChildRun {
  readonly bundle: string;
  readonly dataDir: string;
  readonly reader: string;
  /** The step after which the child says ready and is killed; 'none' for a kill from the card. */
  readonly stopAfter: string;
  /** issuance-child.ts's procedure names: release, pin-reset, renewal. */
  readonly procedure: string;
  readonly clockOffsetMs?: number;
  /** Receives the kill switch, for a kill timed by the card's commands. */
  readonly arm?: (kill: () => void) => void;
}

/** Runs a child until it says ready (or the armed switch fires), SIGKILLs it, gives its output. */
export function runAndKill(run: ChildRun): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [run.dataDir, run.reader, run.stopAfter, run.procedure];
    const child = spawn(process.execPath, [run.bundle, ...args, String(run.clockOffsetMs ?? 0)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_PATH: join(process.cwd(), 'node_modules'),
        ...serverEnvForChild(),
      },
      cwd: process.cwd(),
    });
    let out = '';
    const kill = () => child.kill('SIGKILL');
    run.arm?.(kill);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) kill();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the child ended on its own (code ${String(code)}):\n${out}`));
    });
  });
}
