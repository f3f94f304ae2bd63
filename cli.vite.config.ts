// The `bancone` command line, bundled for Node by the same toolchain as the app (Vite on rolldown;
// electron-vite's config has no slot for a plain-Node program): backend/cli/main.ts →
// out/cli/bancone.mjs, one chunk per command (commands/index.ts loads each with import()), so a
// command loads only its own modules. `npm run build` runs it after electron-vite; electron-builder
// ships out/** (docs/architecture.md, «The command line»).
import { statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
export const CLI_OUT_DIR = join(root, 'out', 'cli');
export const CLI_ENTRY_FILE = 'bancone.mjs';

/**
 * bin/bancone.mjs runs this build only when no source is newer than it. The build is dated when it
 * started, not when it ended: a source saved while the bundler ran makes it stale, not fresh.
 */
function dateBuildAtStart(): Plugin {
  let started = 0;
  return {
    name: 'bancone-cli-date-at-start',
    buildStart() { started = Date.now() / 1000; },
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        const p = join(options.dir ?? CLI_OUT_DIR, file);
        if (statSync(p, { throwIfNoEntry: false })) utimesSync(p, started, started);
      }
    },
  };
}

export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [dateBuildAtStart()],
  ssr: {
    // Pure-JS packages every command loads go into the bundle: one file to read instead of dozens
    // of modules to resolve (zod and @date-fns/tz cost ~80 ms of CPU at each start when external).
    noExternal: ['zod', '@date-fns/tz', 'date-fns'],
  },
  build: {
    // An SSR build is Vite's build for Node: the other packages stay imports resolved from
    // node_modules at run time (better-sqlite3 is native, pdfkit reads its font files next to
    // itself; in the packaged app they come from the app's own node_modules, rebuilt for Electron).
    ssr: resolve(root, 'backend/cli/main.ts'),
    outDir: CLI_OUT_DIR,
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // Nothing of ours, nor any package we use, is imported for its side effects alone: a module
      // none of whose exports a command uses is left out of that command's chunks.
      treeshake: { moduleSideEffects: false },
      output: { format: 'es', entryFileNames: CLI_ENTRY_FILE, chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
