// The compiler's walls bite (issue #11, finding 3): a probe file is type-checked inside a layer, in
// that layer's whole program built from its own tsconfig.json by the same code as `npm run
// typecheck` (scripts/typecheck.mjs). The probe exists only in memory, at a path inside the layer:
// nothing is written to the tree. Another world's globals must not type-check there, whether a
// tsconfig.json lets them in or a file or package of the layer drags them in (a
// `/// <reference types="node" />`, a dependency's types); the layer's own world must.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayer, layerOf, LAYERS, root } from '../../scripts/typecheck.mjs';

/** The error codes the probe's lines get in `layer`, by line (1-based), and the messages. */
function probe(layer: string, lines: string[]): { lines: number[]; messages: string[] } {
  const file = join(root, layer, '__walls_probe__', 'probe.ts');
  const { diagnostics } = checkLayer(layer, { extra: { [file]: `${lines.join('\n')}\n` }, probesOnly: true });
  const mine = diagnostics.filter((d) => d.file?.fileName === file || (d.file && join(d.file.fileName) === file));
  const other = diagnostics.filter((d) => !mine.includes(d));
  expect(other.map((d) => d.messageText)).toEqual([]);
  const at = (d: (typeof mine)[number]) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
  return {
    lines: [...new Set(mine.map(at))].sort((a, b) => a - b),
    messages: mine.map((d) => (typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText)),
  };
}

const NODE = ["export const b = Buffer.from('x');", 'export const p = process.env.HOME;'];
const DOM = ['export const w = window.innerWidth;', 'export const d = document.title;'];
// Code that belongs everywhere: the language's own library (ES2023).
const PLAIN = ['export const n = [3, 1, 2].toSorted((a, b) => a - b).at(-1);', "export const t = new Intl.NumberFormat('it-IT').format(1.5);", 'export const m = new Map<string, number>();'];

// Each layer's program is built afresh (a few seconds on a loaded machine).
const SLOW = 180_000;

describe('shared/ type-checks with the language only', () => {
  it('refuses Node globals (Buffer, process) and DOM globals (window, document)', () => {
    const r = probe('shared', [...NODE, ...DOM, ...PLAIN]);
    expect(r.lines).toEqual([1, 2, 3, 4]);
    expect(r.messages.join('\n')).toMatch(/Cannot find name 'Buffer'/);
    expect(r.messages.join('\n')).toMatch(/Cannot find name 'process'/);
    expect(r.messages.join('\n')).toMatch(/Cannot find name 'window'/);
    expect(r.messages.join('\n')).toMatch(/Cannot find name 'document'/);
  }, SLOW);
  it('passes a plain file', () => {
    expect(probe('shared', PLAIN).lines).toEqual([]);
  }, SLOW);
});

describe('backend/ and emulators/ are Node without the DOM', () => {
  it('backend/: window and document do not exist; Buffer and process do', () => {
    expect(probe('backend', [...DOM, ...NODE, ...PLAIN]).lines).toEqual([1, 2]);
  }, SLOW);
  it('emulators/: the same', () => {
    expect(probe('emulators', [...DOM, ...NODE, ...PLAIN]).lines).toEqual([1, 2]);
  }, SLOW);
  it('electron/ (the shell, which starts the backend): the same', () => {
    expect(probe('electron', [...DOM, ...NODE, ...PLAIN]).lines).toEqual([1, 2]);
  }, SLOW);
});

describe('renderer/ is the DOM without Node', () => {
  it('refuses process and Buffer; window and document exist', () => {
    expect(probe('renderer', [...NODE, 'export const r = require;', ...DOM, ...PLAIN]).lines).toEqual([1, 2, 3]);
  }, SLOW);
});

describe('the build checks every layer with its own config', () => {
  it('npm test and npm run typecheck run the per-layer check, not one config for all', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toBe('node scripts/typecheck.mjs');
    expect(readFileSync(join(root, 'scripts', 'test.mjs'), 'utf8')).toMatch(/'node', \['scripts\/typecheck\.mjs'\]/);
  });
  it('every top folder with code is a layer with its own tsconfig.json', () => {
    for (const folder of ['shared', 'backend', 'emulators', 'electron', 'renderer', 'test', 'bench', 'scripts', 'bin']) {
      expect(LAYERS).toContain(folder);
      expect(layerOf(join(root, folder, 'deep', 'er', 'file.ts'))).toBe(folder);
    }
    expect(layerOf(join(root, 'renderer', 'src', 'features', 'counter', 'Cart.tsx'))).toBe('renderer');
  });
});
