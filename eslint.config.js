// Lint is about boundaries first (VS Code's layering rule): code is sorted by the process it may
// run in, and each layer imports only what its allow-list below names (eslint-rules/layers.js checks
// import, export … from, import(), require(), import.meta.glob, import() types and /// references).
// Anything not listed fails CI: widening a wall is a decision, taken here, with its reason.
// Errors, never warnings. test/walls/ proves that each wall bites.
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';
import messages from './eslint-rules/messages.js';

const root = import.meta.dirname;

/** One layer's allow-list: the files it covers and what they may import. Later entries are more
 *  specific and replace earlier ones for the files they match (flat config: the last one wins). */
function layer(name, files, allow) {
  return { files, plugins: { layers }, rules: { 'layers/imports': ['error', { root, layer: name, builtins: false, ...allow }] } };
}

const ANY = { folders: ['*'], packages: ['*'], builtins: true, dynamic: true };
/** The shared domain's packages: pure computation, no I/O, usable in every layer. */
const SHARED_PACKAGES = ['zod', 'date-fns', '@date-fns/tz'];
const BACKEND_PACKAGES = [
  ...SHARED_PACKAGES,
  'better-sqlite3', // the ledger
  'pdfkit', // receipts and reports as PDF
  '@point-of-sale/receipt-printer-encoder', 'iconv-lite', // ESC/POS bytes and code pages; catalogue CSVs in Windows-1252
];
const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand', 'i18next', 'react-i18next'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'bench/data/**', 'build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Take randomness as a dependency.' }],
    },
  },

  // A file in a folder that is no layer may import nothing: a new top folder gets its allow-list here.
  layer('(no layer)', ['**/*'], { folders: [], why: 'This folder is no layer: give it an allow-list in eslint.config.js.' }),

  // shared/ runs everywhere (renderer, backend, Electron, tests): the domain without I/O or UI, so
  // no Node built-ins, no DOM-bound or I/O packages, and nothing of ours outside shared/.
  layer('shared/', ['shared/**'], {
    folders: ['shared/'], packages: SHARED_PACKAGES,
    why: 'shared/ runs everywhere: pure domain, no I/O, no UI.',
  }),

  // The plain-Node backend (the till's services, the bridge, the CLI): Node and its own packages;
  // never Electron (the shell's), React (the page's), the renderer, the emulators or the tests.
  layer('backend/', ['backend/**'], {
    folders: ['backend/', 'shared/'], packages: BACKEND_PACKAGES, builtins: true,
    why: 'The backend is plain Node: no Electron, no UI, no test code.',
  }),
  // The OS keyring (Keychain, Credential Manager, Secret Service) holds the data key: only its adapter loads it.
  layer('backend/keyring/ (OS keyring)', ['backend/keyring/os-keyring.ts'], {
    folders: ['backend/', 'shared/'], packages: [...BACKEND_PACKAGES, '@napi-rs/keyring'], builtins: true,
    why: 'The backend is plain Node: no Electron, no UI, no test code.',
  }),
  // `bancone serve --demo` is the one product path that starts the stand-ins (Openapi emulator, virtual printer).
  layer('backend/ (serve --demo)', ['backend/cli/commands/serve.ts'], {
    folders: ['backend/', 'shared/', 'emulators/'], packages: BACKEND_PACKAGES, builtins: true,
    why: 'Only the demo may start the emulators.',
  }),
  // The HTTP bridge of browser mode also carries the persistent channel (WebSocket): Node 20 has no
  // WebSocket server, and ws is the standard one.
  layer('backend/bridge/', ['backend/bridge/**'], {
    folders: ['backend/', 'shared/'], packages: [...BACKEND_PACKAGES, 'ws'], builtins: true,
    why: 'The backend is plain Node: no Electron, no UI, no test code.',
  }),
  // Browser mode builds the renderer with Vite when its build is missing or stale (a development
  // tool at run time, loaded only there, with import()).
  layer('backend/ (renderer build)', ['backend/bridge/renderer-build.ts'], {
    folders: ['backend/', 'shared/'], packages: [...BACKEND_PACKAGES, 'vite'], builtins: true,
    why: 'The backend is plain Node: no Electron, no UI, no test code.',
  }),

  // `bancone server` and `bancone till join`'s other end (issue #14): the CLI command that starts the
  // shop server is the one backend file that reaches server/.
  layer('backend/ (bancone server)', ['backend/cli/commands/server.ts'], {
    folders: ['backend/', 'shared/', 'server/'], packages: BACKEND_PACKAGES, builtins: true,
    why: 'Only `bancone server` starts the shop server.',
  }),

  // The shop server (issue #14): plain Node on PostgreSQL through pg (the standard client); it may
  // use shared/ and the backend's pieces, never the UI, Electron, the emulators or the tests.
  layer('server/', ['server/**'], {
    folders: ['server/', 'shared/', 'backend/'], packages: [...SHARED_PACKAGES, 'pg'], builtins: true, dynamic: true,
    why: 'The shop server is plain Node on PostgreSQL: no Electron, no UI, no test code.',
  }),

  // Stand-ins for Openapi and the ESC/POS printer: plain Node, the wire schemas from shared/.
  layer('emulators/', ['emulators/**'], {
    folders: ['emulators/', 'shared/'], packages: ['zod'], builtins: true,
    why: 'The emulators stand alone: they use shared/ and Node, never the backend they stand in for.',
  }),

  // The shell: the only code that imports electron; it starts the backend and relays to it.
  layer('electron/', ['electron/**'], {
    folders: ['electron/', 'backend/', 'shared/'], packages: ['electron'], builtins: true,
    why: 'The shell is Electron and the backend it starts: never the renderer (it loads the page by URL).',
  }),
  // The installed app's `bancone` runs the shipped CLI, a build of its own (out/cli), loaded by path
  // at run time: the one import() in the shell whose module is not named literally.
  layer('electron/ (main)', ['electron/main.ts'], {
    folders: ['electron/', 'backend/', 'shared/'], packages: ['electron'], builtins: true, dynamic: true,
    why: 'The shell is Electron and the backend it starts: never the renderer (it loads the page by URL).',
  }),

  // The page: React and its state, the contract from shared/; never Node, the backend or Electron
  // (it talks to them only through the contract's transport). zod only for the contract's types
  // (erased from the build; its runtime comes with shared/).
  layer('renderer/', ['renderer/**'], {
    folders: ['renderer/', 'shared/'], packages: RENDERER_PACKAGES, typePackages: ['zod', 'vite/client'],
    why: 'The renderer is a web page: React, renderer/ and shared/ only; the backend through the contract.',
  }),
  // Inside the renderer (floor to roof): api/ (transport and client) ← kit/ (building blocks) ←
  // features/<name>/ (one screen each; a feature never imports another, nor the shell) ← app/ (the shell).
  layer('renderer/src/api/', ['renderer/src/api/**'], {
    folders: ['renderer/src/api/', 'shared/'], packages: RENDERER_PACKAGES, typePackages: ['zod'],
    why: 'api/ is the floor: transport and client, on the contract only.',
  }),
  layer('renderer/src/kit/', ['renderer/src/kit/**'], {
    folders: ['renderer/src/kit/', 'renderer/src/api/', 'shared/'], packages: RENDERER_PACKAGES, typePackages: ['zod'],
    why: 'kit/ holds building blocks for every feature: it knows no feature and no shell.',
  }),
  layer('renderer/src/features/', ['renderer/src/features/**'], {
    folders: ['renderer/src/features/<self>/', 'renderer/src/kit/', 'renderer/src/api/', 'shared/'], packages: RENDERER_PACKAGES, typePackages: ['zod'],
    why: 'A feature uses its own folder, kit/ and api/: never another feature (share through kit/) nor the shell (app/).',
  }),

  // The back office page (issue #14, srv-backoffice): a web page like the renderer, served by
  // `bancone server`; it talks to the server over HTTP (the admin token), never to Node or the backend.
  // renderer/src/kit/ may be used where it is pure UI.
  layer('backoffice/', ['backoffice/**'], {
    folders: ['backoffice/', 'shared/', 'renderer/src/kit/'], packages: RENDERER_PACKAGES, typePackages: ['zod', 'vite/client'],
    why: 'The back office is a web page: React, backoffice/ and shared/ only; the server through HTTP.',
  }),

  // Tests, benchmarks, scripts and the tools' configs may reach anything but the Electron binary,
  // which cannot run here (test the plain-Node services; reading electron/package.json is fine).
  layer('test/', ['test/**'], { ...ANY, forbiddenPackages: ['electron'], why: 'Electron cannot run here: test the plain-Node services.' }),
  layer('bench/', ['bench/**'], { ...ANY, forbiddenPackages: ['electron'], why: 'Electron cannot run here.' }),
  layer('scripts/', ['scripts/**', 'eslint-rules/**', '*.{js,mjs,cjs,ts,mts,cts}'], { ...ANY, forbiddenPackages: ['electron'], why: 'Electron cannot run here.' }),
  // The `bancone` launcher: runs the compiled CLI (out/cli) or, in a checkout, backend/cli through
  // tsx; which one is known only at run time, hence its import()s of computed paths.
  layer('bin/', ['bin/**'], {
    folders: ['bin/', 'backend/cli/', 'out/cli/'], packages: ['tsx'], builtins: true, dynamic: true,
    why: 'The launcher starts the CLI and nothing else.',
  }),
  // One home for words (issue #11, finding 5): the user-visible text of backend/ and shared/ comes
  // from shared/messages; no message written inline at fail()/BanconeError, no 'italiano|english'
  // zod message. `pending` lists the files still to convert (they build Texts with text()): it only shrinks.
  {
    files: ['shared/**/*.ts', 'backend/**/*.ts', 'server/**/*.ts', 'electron/**/*.ts'],
    plugins: { messages },
    rules: {
      'messages/words': ['error', {
        root,
        pending: [], // every file is converted; a file listed here would be exempt until it is
      }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // In product code a wall is widened here, with its reason, never by an eslint-disable comment
  // (which would also silence the walls): inline configuration is ignored and reported there.
  {
    files: ['shared/**', 'backend/**', 'server/**', 'emulators/**', 'electron/**', 'renderer/**', 'backoffice/**', 'bin/**'],
    linterOptions: { noInlineConfig: true },
  },
);
