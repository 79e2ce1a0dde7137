// Shared by the key commands (key-export, db-restore, office-key): asks for the secrets, runs the app's command.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { MIN_PASSPHRASE_CHARS, normalisePassphrase } from '../main/db/recovery-package';
import { createInterface } from 'node:readline';
import { lineReader } from '../main/maintenance';

const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Reads a line from the terminal without echoing it; Ctrl+C or Ctrl+D gives up. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((done, fail) => {
    const chars: string[] = [];
    const finish = (value: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (value === null) fail(new Error('cancelled'));
      else done(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(chars.join(''));
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') chars.pop();
        else chars.push(ch);
      }
    };
    input.on('data', onData);
  });
}

/** Reads a line from the terminal with echo (a login id). */
function readVisible(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((done) =>
    rl.question(prompt, (answer) => {
      rl.close();
      done(answer);
    }),
  );
}

/** Everything the command reads from its input, one line each; null when the input gives up. */
export type Secrets = readonly string[] | null;

/**
 * The recovery passphrase typed on the terminal (twice when a new package is made), or null when
 * it is refused, with the reason shown.
 */
async function typedPassphrase(confirm: boolean): Promise<string | null> {
  const first = await readHidden('回復用パスフレーズ: ');
  if ([...normalisePassphrase(first)].length < MIN_PASSPHRASE_CHARS) {
    console.error(`パスフレーズは${MIN_PASSPHRASE_CHARS}文字以上にしてください。`);
    return null;
  }
  if (confirm && (await readHidden('もう一度入力してください: ')) !== first) {
    console.error('2回の入力が一致しません。もう一度実行してください。');
    return null;
  }
  return first;
}

/**
 * What `key:export` pipes to the app: an administrator's login id and password, then the
 * passphrase (typed twice). Without a terminal, the first three lines of standard input.
 */
export async function askExportSecrets(): Promise<Secrets> {
  if (!process.stdin.isTTY) return readLines(3);
  const loginId = await readVisible('管理者のログインID: ');
  const password = await readHidden('管理者のパスワード: ');
  const passphrase = await typedPassphrase(true);
  return passphrase === null ? null : [loginId, password, passphrase];
}

/** What `db:restore` pipes: the passphrase. Without a terminal, the first line of standard input. */
export async function askRestoreSecrets(): Promise<Secrets> {
  if (!process.stdin.isTTY) return readLines(1);
  const passphrase = await typedPassphrase(false);
  return passphrase === null ? null : [passphrase];
}

/** One passphrase per prompt, not echoed. Without a terminal, one line of input each. */
export async function askPassphrases(prompts: readonly string[]): Promise<Secrets> {
  if (!process.stdin.isTTY) return readLines(prompts.length);
  const answers: string[] = [];
  for (const prompt of prompts) answers.push(await readHidden(prompt));
  return answers;
}

/** A new passphrase, typed twice (office-key:make). Without a terminal, the first line of input. */
export async function askNewPassphrase(): Promise<Secrets> {
  if (!process.stdin.isTTY) return readLines(1);
  const passphrase = await typedPassphrase(true);
  return passphrase === null ? null : [passphrase];
}

async function readLines(count: number): Promise<string[]> {
  const next = lineReader(process.stdin);
  const lines: string[] = [];
  while (lines.length < count) lines.push(await next());
  process.stdin.pause();
  return lines;
}

/**
 * Runs `electron . <args>`: the command must run where the app runs, with its user folder and its
 * OS key store (safeStorage exists only inside Electron). The secrets go on the child's standard
 * input, never on its command line. Returns the exit code.
 */
export function runInElectron(
  args: readonly string[],
  secrets: readonly string[],
): Promise<number> {
  if (!existsSync(resolve(REPO_ROOT, 'out/main/index.js'))) {
    console.error('アプリがビルドされていません。先に npm run build を実行してください。');
    return Promise.resolve(1);
  }
  let electron: string;
  try {
    // In Node, the electron package's main export is the path of its binary.
    electron = createRequire(import.meta.url)('electron') as string;
  } catch (e) {
    console.error(`Electron を起動できません: ${(e as Error).message}`);
    return Promise.resolve(1);
  }
  return new Promise((done) => {
    const child = spawn(electron, [REPO_ROOT, ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    child.on('error', (e) => {
      console.error(`Electron を起動できません: ${e.message}`);
      done(1);
    });
    child.on('exit', (code) => done(code ?? 1));
    child.stdin.end(secrets.map((line) => `${line}\n`).join(''));
  });
}

/** Ends the script with `code`, or 1 when the launch itself threw. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
