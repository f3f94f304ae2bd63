#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (no build step needed to use `bancone` from a checkout).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { runCli, processIO } = await import(fileURLToPath(new URL('../backend/cli/main.ts', import.meta.url)));
process.exitCode = await runCli(process.argv.slice(2), processIO);
