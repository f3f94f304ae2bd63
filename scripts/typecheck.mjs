#!/usr/bin/env node
// `npm run typecheck` (and npm test's first step): every layer is type-checked with its own
// tsconfig.json, so a global of another world is an error where it does not exist (issue #11: no
// `Buffer`, `process` or `window` in shared/, no DOM in the backend, no Node in the renderer).
//
// Why not `tsc -p` once per layer: a layer's program also contains what it imports (the backend's
// holds shared/, the tests' hold everything), and tsc checks every file of its program, so the repo
// would be checked five or six times over (~4× the CPU of the old single config). Why not `tsc -b`
// with project references: it needs composite projects emitting declarations (plus the errors that
// declaration emit adds), and tests ⇄ benches import each other, which references forbid.
// Instead, in one process: each file is checked once, by the layer that owns it — the nearest
// tsconfig.json up its folders, the one editors use too — while the other programs only read its
// types; and every program shares one cache of parsed files (lib.dom.d.ts, @types/node, React…).
//
//   node scripts/typecheck.mjs            every layer
//   node scripts/typecheck.mjs shared …   only these layers (a folder name, or `.` for the top)
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each layer's folder; its tsconfig.json says which world its code runs in. `.` is the top: the
 *  tool configurations (electron.vite.config.ts…). */
export const LAYERS = ['shared', 'backend', 'server', 'emulators', 'electron', 'renderer', 'backoffice', 'test', 'bench', 'scripts', 'bin', '.'];

/** The layer a file belongs to: its nearest tsconfig.json, as in an editor.
 *  @param {string} file @returns {string | null} */
export function layerOf(file) {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json'))) return relative(root, dir) || '.';
    if (dir === root || dir === dirname(dir)) return null;
  }
}

/** Parsed files shared by every program: parse and bind once (settings that change parsing are the
 *  same in every layer, from tsconfig.base.json; only lib, types and includes differ). */
const parsed = new Map();

/** @param {string} configPath @returns {ts.ParsedCommandLine} */
function readConfig(configPath) {
  const cfg = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`); },
  });
  if (!cfg) throw new Error(`${configPath}: not found`);
  return cfg;
}

/**
 * Type-checks one layer: builds its program from `<layer>/tsconfig.json` and returns the errors of
 * the files the layer owns. `extra` adds in-memory files (absolute path → text) as roots, as if they
 * were on disk (the wall tests place probe files inside a layer without writing them); with
 * `probesOnly` only those are checked, in the layer's whole program (so a global that leaks in from
 * any file or package of the layer shows).
 * @param {string} layer @param {{ extra?: Record<string, string>, probesOnly?: boolean }} [opts]
 */
export function checkLayer(layer, { extra = {}, probesOnly = false } = {}) {
  const configPath = join(root, layer, 'tsconfig.json');
  const cfg = readConfig(configPath);
  const host = ts.createCompilerHost(cfg.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const extraFiles = new Map(Object.entries(extra).map(([f, text]) => [resolve(f), text]));
  host.getSourceFile = (fileName, langOptions, onError, shouldCreate) => {
    const virtual = extraFiles.get(resolve(fileName));
    if (virtual !== undefined) return ts.createSourceFile(fileName, virtual, langOptions, true);
    const key = `${fileName}\0${JSON.stringify(langOptions)}`;
    let sf = parsed.get(key);
    if (!sf) {
      sf = getSourceFile(fileName, langOptions, onError, shouldCreate);
      if (sf) parsed.set(key, sf);
    }
    return sf;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => extraFiles.has(resolve(f)) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => extraFiles.get(resolve(f)) ?? readFile(f);

  const rootNames = [...cfg.fileNames, ...extraFiles.keys()];
  const program = ts.createProgram({ rootNames, options: cfg.options, host, configFileParsingDiagnostics: cfg.errors });
  const ours = program.getSourceFiles().filter((sf) => !program.isSourceFileDefaultLibrary(sf) && !/[\\/]node_modules[\\/]/.test(sf.fileName));
  const own = ours.filter((sf) => extraFiles.has(resolve(sf.fileName)) || (!probesOnly && layerOf(sf.fileName) === layer));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  for (const sf of own) diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  if (layer === '.' && !probesOnly) diagnostics.push(...unowned(ours));
  return { layer, files: own.length, diagnostics };
}

/** The top program sees every file: one that no layer owns (a new folder without its tsconfig.json,
 *  or with one that is not in LAYERS) would be checked by nobody, so it is an error. */
/** @param {readonly ts.SourceFile[]} files @returns {ts.Diagnostic[]} */
function unowned(files) {
  /** @type {ts.Diagnostic[]} */
  const out = [];
  for (const sf of files) {
    const layer = layerOf(sf.fileName);
    const rel = relative(root, sf.fileName);
    const ok = layer === null ? false : layer === '.' ? !rel.includes(sep) : LAYERS.includes(layer);
    if (!ok) out.push({ category: ts.DiagnosticCategory.Error, code: 0, file: undefined, start: undefined, length: undefined,
      messageText: `${rel} belongs to no layer: give its folder a tsconfig.json and add it to LAYERS in scripts/typecheck.mjs` });
  }
  return out;
}

/** @param {readonly ts.Diagnostic[]} diagnostics */
export function format(diagnostics) {
  /** @type {ts.FormatDiagnosticsHost} */
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  return process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const layers = wanted.length ? wanted.map((l) => l.replace(/\/+$/, '') || '.') : LAYERS;
  const t0 = performance.now();
  let errors = 0;
  for (const layer of layers) {
    if (!LAYERS.includes(layer)) { console.error(`Unknown layer ${layer} (layers: ${LAYERS.join(', ')})`); process.exit(2); }
    const t = performance.now();
    const c = process.cpuUsage();
    const { files, diagnostics } = checkLayer(layer);
    if (process.env.TC_CPU) { const u = process.cpuUsage(c); console.log(`    cpu ${((u.user + u.system) / 1e6).toFixed(1)} s`); }
    errors += diagnostics.length;
    if (diagnostics.length) process.stdout.write(format(diagnostics));
    console.log(`  ${layer.padEnd(10)} ${String(files).padStart(4)} files  ${diagnostics.length ? `${diagnostics.length} error(s)` : 'ok'}  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`Typecheck: ${errors ? `${errors} error(s)` : 'ok'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(errors ? 1 : 0);
}
