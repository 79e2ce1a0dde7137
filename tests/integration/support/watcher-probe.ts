// Child process for the "PC/SC service missing" test: runs a watcher and prints each state change as JSON.
// Run with PCSCLITE_CSOCK_NAME pointing where pcscd is not (libpcsclite reads it once per process).
import { createPcscWatcher } from '../../../main/card/pcsc-transport';

const watcher = createPcscWatcher({ retryMs: 200 });
const print = (phase: string) =>
  process.stdout.write(
    `${JSON.stringify({ phase, state: watcher.state(), readers: watcher.readers().map((r) => r.name) })}\n`,
  );

let connectError = '';
await watcher.start();
try {
  await watcher.connect('Virtual PCD 00 00');
} catch (e) {
  connectError = (e as Error).name;
}
process.stdout.write(`${JSON.stringify({ phase: 'connect', error: connectError })}\n`);
print('started');
let last = JSON.stringify(watcher.state());
const timer = setInterval(() => {
  const now = JSON.stringify(watcher.state());
  if (now !== last && watcher.readers().length > 0) {
    last = now;
    print('changed');
    clearInterval(timer);
    void watcher.stop().then(() => process.exit(0));
  }
}, 50);
setTimeout(() => {
  print('gave-up');
  process.exit(1);
}, 15_000);
