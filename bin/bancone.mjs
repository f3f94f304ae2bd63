#!/usr/bin/env node
// `bancone`. Two ways to run the same CLI (backend/cli/main.ts):
// - the compiled one, out/cli/bancone.mjs (`npm run build`): what ships in the package, and it
//   starts in about Node's own time because nothing is compiled at run time;
// - the TypeScript through tsx, in a checkout that has no build yet or whose sources are newer
//   than the build: an edit is never silently ignored, and no build step is needed to try one.
// The freshness check (bin/compiled-cli.mjs) stats only the files the bundle is made of.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCliPath, compiledCliState } from './compiled-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let cli;
if (compiledCliState(root) === 'fresh') cli = await import(pathToFileURL(compiledCliPath(root)).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(join(root, 'backend', 'cli', 'main.ts')).href);
}
process.exitCode = await cli.runCli(process.argv.slice(2), cli.processIO);
