// `npm test`: lint, typecheck, build, unit + integration (vitest), e2e (Playwright in Chromium).
// Runs every step even after a failure, then prints one closing line: "Tests: N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Not under test-results/: Playwright empties that folder when it starts.
const reportDir = join('test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const steps = [];
function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  return ok;
}

const npx = 'npx';
run('lint', npx, ['eslint', '.', '--max-warnings', '0']);
run('format', npx, ['prettier', '--check', '.']);
run('typecheck (node)', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
run('typecheck (web)', npx, ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit']);
run('build', 'npm', ['run', '--silent', 'build']);

const vitestReport = join(reportDir, 'vitest.json');
run('unit + integration', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);

const playwrightReport = join(reportDir, 'playwright.json');
run('e2e', npx, ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  failed += 1; // the runner did not even report
}
if (existsSync(playwrightReport)) {
  const p = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0) + (p.errors?.length ?? 0);
  skipped += p.stats?.skipped ?? 0;
} else {
  failed += 1;
}

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`);
const stepsFailed = steps.filter((s) => !s.ok).length;
if (passed === 0) console.log('no test was executed: that is a failure');
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(stepsFailed > 0 || failed > 0 || passed === 0 || skipped > 0 ? 1 : 0);
