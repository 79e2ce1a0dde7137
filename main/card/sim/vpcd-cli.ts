// `npm run sim:vpcd -- --preset <name>`: puts a preset simulated card into pcscd's vpcd reader until killed.
import { parseArgs } from 'node:util';
import { listPresets, loadPreset, type PresetId } from './presets';
import { connectVpcd } from './vpcd-bridge';

const USAGE =
  'usage: npm run sim:vpcd -- --preset <name> [--host 127.0.0.1] [--port 35963] [--no-timing]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '35963' },
      'no-timing': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const presets: string[] = listPresets().map((p) => p.id);
  if (values.help || !values.preset) {
    console.error(`${USAGE}\npresets: ${presets.join(', ')}`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (!presets.includes(values.preset)) {
    console.error(`[vpcd] unknown preset "${values.preset}"; presets: ${presets.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const port = Number(values.port);
  const preset = values.preset as PresetId;
  const card = await loadPreset(preset, { timing: !values['no-timing'] });
  const bridge = connectVpcd(card, {
    host: values.host,
    port,
    onStatus: (status) => {
      if (status === 'disconnected')
        console.error(`[vpcd] vpcd dropped the connection; reconnecting`);
    },
  });
  let announced = false;
  void bridge.whenConnected().then(() => {
    if (announced) return;
    announced = true;
    process.stdout.write(
      `[vpcd] card "${values.preset}" inserted into vpcd at ${values.host}:${port}\n`,
    );
  });
  const stop = async (signal: string) => {
    await bridge.close();
    console.error(`[vpcd] ${signal}: card removed`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // The bridge's timers are unref'd; this keeps the process up until a signal arrives.
  setInterval(() => {}, 1 << 30);
}

await main();
