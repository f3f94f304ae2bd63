// The map in docs/architecture.md is the one newcomers read first: it must match the tree. Every
// folder it names exists (and every file it names), every folder of the checkout is on it, and
// README's Layout table lists the same top-level folders. The tree is what git sees: tracked files
// and new ones it does not ignore (node_modules, out/, bench/data/… are not the code).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

export interface MapEntry { path: string; folder: boolean; subtree: boolean; line: number }

/**
 * The block between `<!-- map:begin -->` and `<!-- map:end -->`: one entry per line, indented two
 * spaces per level under its folder, `name/` a folder, `name/**` a folder whose subfolders need not
 * be listed, `name.ext` a file; what follows two spaces is the description. Lines that start with
 * anything else (a blank, `│`, `…`) are prose.
 */
export function parseMap(text: string): MapEntry[] {
  const m = /<!-- map:begin -->\s*```[a-z]*\n([\s\S]*?)```\s*<!-- map:end -->/.exec(text);
  if (!m) throw new Error('docs/architecture.md has no <!-- map:begin --> … <!-- map:end --> block');
  const entries: MapEntry[] = [];
  const stack: string[] = [];
  m[1]!.split('\n').forEach((raw, i) => {
    const e = /^( *)([A-Za-z0-9_.@-][A-Za-z0-9_.@-]*)(\/(\*\*)?)?(?:\s{2,}.*)?$/.exec(raw);
    if (!e) return;
    const [, indent, name, slash, stars] = e;
    if (indent!.length % 2 !== 0) throw new Error(`map line ${i + 1}: indent by two spaces: ${raw}`);
    const depth = indent!.length / 2;
    if (depth > stack.length) throw new Error(`map line ${i + 1}: indented under no folder: ${raw}`);
    stack.length = depth;
    const path = [...stack, name!].join('/');
    entries.push({ path, folder: slash !== undefined, subtree: stars !== undefined, line: i + 1 });
    if (slash) stack.push(name!);
  });
  return entries;
}

/** Every folder that holds a file git tracks or would track. */
function treeFolders(): Set<string> {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`this test reads the tree with git (a checkout is needed): ${(e as Error).message}`);
  }
  const folders = new Set<string>();
  for (const file of out.split('\0')) {
    // A file deleted in the work tree but still in the index is not there.
    if (file === '' || !existsSync(join(root, file))) continue;
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return folders;
}

describe('docs/architecture.md, the map', () => {
  const entries = parseMap(doc);
  const mapFolders = entries.filter((e) => e.folder);

  it('names only folders and files that exist', () => {
    const missing = entries.filter((e) => {
      const p = join(root, e.path);
      return !existsSync(p) || statSync(p).isDirectory() !== e.folder;
    });
    expect(missing.map((e) => `${e.path}${e.folder ? '/' : ''} (map line ${e.line})`)).toEqual([]);
  });

  it('shows every folder of the tree', () => {
    const listed = new Set(mapFolders.map((e) => e.path));
    const covered = mapFolders.filter((e) => e.subtree).map((e) => `${e.path}/`);
    const absent = [...treeFolders()].filter((f) => !listed.has(f) && !covered.some((c) => f.startsWith(c))).sort();
    expect(absent, 'add these folders to the map in docs/architecture.md').toEqual([]);
  });

  it('README\'s Layout table lists the same top-level folders as the map', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const layout = /## Layout\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const rows = [...layout.matchAll(/^\| `([^`]+)\/` \|/gm)].map((r) => r[1]!).sort();
    const top = mapFolders.filter((e) => !e.path.includes('/')).map((e) => e.path).sort();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(top);
  });
});

describe('the map parser', () => {
  const block = (lines: string) => `<!-- map:begin -->\n\`\`\`text\n${lines}\n\`\`\`\n<!-- map:end -->`;

  it('reads nesting from the indent, folders, subtrees and files', () => {
    expect(parseMap(block('a/  one\n  b/  two\n    c.ts  three\n  d/**  four\ne/\n│ prose'))).toEqual([
      { path: 'a', folder: true, subtree: false, line: 1 },
      { path: 'a/b', folder: true, subtree: false, line: 2 },
      { path: 'a/b/c.ts', folder: false, subtree: false, line: 3 },
      { path: 'a/d', folder: true, subtree: true, line: 4 },
      { path: 'e', folder: true, subtree: false, line: 5 },
    ]);
  });

  it('refuses a map it would misread', () => {
    expect(() => parseMap('no block')).toThrow(/map:begin/);
    expect(() => parseMap(block('a/\n   b/'))).toThrow(/two spaces/);
    expect(() => parseMap(block('a.ts\n    b/'))).toThrow(/under no folder/);
  });
});
