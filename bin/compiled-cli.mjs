// Where the compiled CLI is and whether it may run: used by bin/bancone.mjs, the CLI benchmark
// and the build tests, so they all agree on what «fresh» means.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What cli.vite.config.ts bundles (server/ since `bancone server`), and the config itself. */
export const CLI_SOURCES = ['backend', 'shared', 'emulators', 'server', 'cli.vite.config.ts'];

/** out/cli/bancone.mjs under the package root. */
export function compiledCliPath(root) {
  return join(root, 'out', 'cli', 'bancone.mjs');
}

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * 'missing', 'stale' (a source is newer than the build, which is dated when it started) or
 * 'fresh'. An installed package carries no sources: there the build is all there is, so fresh.
 */
export function compiledCliState(root) {
  const built = statSync(compiledCliPath(root), { throwIfNoEntry: false });
  if (!built) return 'missing';
  return CLI_SOURCES.every((s) => newestMtime(join(root, s)) <= built.mtimeMs) ? 'fresh' : 'stale';
}
