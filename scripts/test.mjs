#!/usr/bin/env node
// `npm test`: typecheck, lint (boundaries), build the app exactly as it ships, then every test
// (unit, integration, built-output checks, browser end-to-end). Stops at the first failing step.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const steps = [
  ['Typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['Lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['Build (electron-vite)', 'npx', ['electron-vite', 'build']],
  ['Tests (vitest)', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
