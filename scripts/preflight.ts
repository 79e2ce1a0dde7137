// npm run preflight / support:bundle: the workstation checks from a terminal (main/preflight/cli.ts).
import { resolve } from 'node:path';
import {
  CliUsageError,
  packageVersion,
  parseCliArgs,
  runPreflightCli,
} from '../main/preflight/cli';

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    console.error(e.message);
    return 2;
  }
  return runPreflightCli(options, {
    platform: process.platform,
    env: process.env,
    now: () => new Date(),
    appVersion: packageVersion(resolve(import.meta.dirname, '..')),
    print: (line) => process.stdout.write(`${line}\n`),
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    process.exitCode = 2;
  },
);
