// The built renderer (out/renderer) that the bridge serves. `npx electron-vite build` makes it;
// `bancone serve`, the end-to-end tests and the UI benchmark build it here when it is missing or
// older than the sources, with the renderer section of electron.vite.config.ts (one config).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder with package.json above a module: the checkout, or the packaged app's resources.
 * A module's own place differs between the sources and the CLI bundle (out/cli/chunks/…).
 */
export function packageRootOf(moduleUrl: string): string {
  for (let dir = dirname(fileURLToPath(moduleUrl)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${moduleUrl}`);
  }
}

/** Newest modification time under `dir`; 0 when it does not exist (an installed app has no sources). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererOutDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** 'missing', 'stale' (a source in renderer/ or shared/ is newer than the build) or 'fresh'. */
export function rendererBuildState(root: string): 'missing' | 'stale' | 'fresh' {
  const index = join(rendererOutDir(root), 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  const config = join(root, 'electron.vite.config.ts');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')), existsSync(config) ? statSync(config).mtimeMs : 0);
  return sources > built ? 'stale' : 'fresh';
}

/** Builds the renderer when needed; returns what it found. */
export async function ensureRendererBuilt(root: string, opts: { force?: boolean } = {}): Promise<'missing' | 'stale' | 'fresh'> {
  const state = rendererBuildState(root);
  if (state === 'fresh' && !opts.force) return state;
  await buildRenderer(root, rendererOutDir(root));
  return state;
}

/** Builds the renderer into `outDir` (tests build a private copy: nobody else empties it mid-run). */
export async function buildRenderer(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vite and the React plugin pick their JSX runtime from NODE_ENV: a test runner's "test" would
  // give development JSX calls against the production React runtime.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildWith(build, root, outDir);
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

async function buildWith(build: typeof import('vite').build, root: string, outDir: string): Promise<void> {
  // Vite reads the TypeScript config itself: the compiled CLI runs on plain Node, without tsx.
  const { loadConfigFromFile } = await import('vite');
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(root, 'electron.vite.config.ts'), root, 'silent');
  const r = (loaded?.config as unknown as { renderer: Record<string, unknown> & { build?: Record<string, unknown> } }).renderer;
  await build({
    ...r,
    configFile: false,
    // Always the production build (React's development build is slower and noisier), even when
    // called from a test runner that sets NODE_ENV=test.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root: join(root, 'renderer'),
    base: './',
    logLevel: 'warn',
    build: { ...r.build, outDir, emptyOutDir: true, modulePreload: { polyfill: false }, reportCompressedSize: false },
  });
}
