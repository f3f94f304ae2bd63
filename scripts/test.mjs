#!/usr/bin/env node
// `npm test`: typecheck, lint (boundaries), build the app exactly as it ships, then every test
// (unit, integration, built-output checks, browser end-to-end). Stops at the first failing step.
// First, what the machine needs (scripts/prerequisites.mjs): a fresh Debian machine passes on its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensurePrerequisites, thisMachine } from './prerequisites.mjs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
/** @type {[name: string, cmd: string, args: string[]][]} */
const steps = [
  // Each layer with its own tsconfig.json (shared/: no DOM, no Node; backend/: no DOM; renderer/: no Node…).
  ['Typecheck (every layer)', 'node', ['scripts/typecheck.mjs']],
  ['Lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['Build (electron-vite, then the CLI)', 'npm', ['run', 'build']],
  ['Tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-output/vitest.json', ...process.argv.slice(2)]],
];
// Chromium and the rest, before minutes of typecheck and build: installed as root, else one line saying what to run.
if (!ensurePrerequisites(thisMachine())) process.exit(1);
mkdirSync('test-output', { recursive: true });
rmSync('test-output/vitest.json', { force: true });
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (name.startsWith('Tests') && existsSync('test-output/vitest.json')) {
    // One plain closing line, whatever the reporter prints above it.
    const j = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
    const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    console.log(`\nTests: ${j.numPassedTests} passed, ${j.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}
