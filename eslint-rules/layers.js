// The walls between layers, as an allow-list (issue #11, finding 3; after VS Code's `code-layering`
// rule): a file may import only the folders, packages and Node built-ins its layer names in
// eslint.config.js. Anything not listed is refused, so a new kind of import is a decision, not an
// accident. Every way code can reach other code is checked:
//   import … from 'x', import 'x', import type …, export … from 'x', export * from 'x',
//   import('x') (also `x` as a template without expressions), require('x'), import x = require('x'),
//   typeof import('x') in types, import.meta.glob('x' | ['x', …]), /// <reference path|types|lib>.
// A relative specifier is resolved to the folder of the repo it lands in; a bare one is a package
// (its name: `react-dom/client` is react-dom) or a Node built-in (`node:events` and `events` alike).
// An import() whose specifier is not a plain string cannot be checked, so it is refused where the
// layer does not say `dynamic: true`.
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** A bare specifier's package: `@scope/name` or `name`. */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBuiltin(spec) {
  if (spec.startsWith('node:')) return true;
  return BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);
}

/** Vite's `?raw`, `?url`, `?worker`… name the same file. */
function stripQuery(spec) {
  const q = spec.search(/[?#]/);
  return q < 0 ? spec : spec.slice(0, q);
}

const toPosix = (p) => p.split(sep).join('/');

/**
 * `folders` entries are repo-relative folder prefixes ending in `/` (`shared/`), a single file
 * (`emulators/openapi/index.ts`), or `*` for anywhere in the repo. A `<self>` segment stands for the
 * importing file's own segment at that place (`renderer/src/features/<self>/`: its own feature).
 */
function folderAllows(pattern, target, importer) {
  if (pattern === '*') return !target.startsWith('../');
  let p = pattern;
  if (p.includes('<self>')) {
    const mine = importer.split('/');
    p = p.split('/').map((seg, i) => (seg === '<self>' ? mine[i] ?? '\0' : seg)).join('/');
  }
  return p.endsWith('/') ? target.startsWith(p) || `${target}/` === p : target === p;
}

const schema = [{
  type: 'object',
  properties: {
    root: { type: 'string' },
    layer: { type: 'string' },
    why: { type: 'string' },
    folders: { type: 'array', items: { type: 'string' } },
    packages: { type: 'array', items: { type: 'string' } },
    typePackages: { type: 'array', items: { type: 'string' } },
    forbiddenPackages: { type: 'array', items: { type: 'string' } },
    builtins: { type: 'boolean' },
    dynamic: { type: 'boolean' },
  },
  required: ['root', 'layer', 'folders'],
  additionalProperties: false,
}];

export const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'A layer imports only what its allow-list names (folders, packages, Node built-ins).' },
    schema,
    messages: {
      folder: "{{layer}} may not import {{target}} ('{{spec}}'). {{why}} Allowed folders: {{allowed}}.",
      outside: "{{layer}} may not import '{{spec}}': it leaves the repository.",
      package: "{{layer}} may not import the package '{{name}}'. {{why}} Allowed packages: {{allowed}}.",
      builtin: "{{layer}} may not import the Node built-in '{{spec}}'. {{why}}",
      dynamic: '{{layer}}: this {{kind}} cannot be checked against the walls (its specifier is not a plain string). Name the module literally.',
      lib: "{{layer}}: '/// <reference lib=\"{{spec}}\" />' brings another world's globals in; a layer's libs come from its tsconfig.json.",
    },
  },
  create(context) {
    const o = context.options[0];
    const root = o.root;
    const file = toPosix(relative(root, context.filename));
    const folders = o.folders;
    const packages = o.packages ?? [];
    const forbidden = o.forbiddenPackages ?? [];
    const why = o.why ?? '';
    const layer = o.layer;

    /** `typeOnly`: an `import type`/`export type` or an import() in a type, erased from the build. */
    function check(node, rawSpec, typeOnly = false) {
      const spec = stripQuery(rawSpec);
      if (spec.startsWith('.') || spec.startsWith('/') || isAbsolute(spec)) {
        const abs = spec.startsWith('.') ? resolve(dirname(context.filename), spec) : spec;
        const target = toPosix(relative(root, abs)) + (spec.endsWith('/') && abs !== root ? '/' : '');
        if (target.startsWith('../') || target === '..' || isAbsolute(target)) {
          if (!folders.includes('*')) context.report({ node, messageId: 'outside', data: { layer, spec } });
          return;
        }
        if (!folders.some((f) => folderAllows(f, target, file))) {
          context.report({ node, messageId: 'folder', data: { layer, spec, target: target || '(the top folder)', why, allowed: folders.join(', ') } });
        }
        return;
      }
      // Node resolves a built-in before any package of the same name (`events`, `punycode`…).
      if (isBuiltin(spec)) {
        if (!o.builtins) context.report({ node, messageId: 'builtin', data: { layer, spec, why } });
        return;
      }
      const name = packageName(spec);
      // A package's package.json is data (scripts read Electron's version); it does not load it.
      const banned = forbidden.includes(name) && spec !== `${name}/package.json`;
      const listed = packages.includes('*') || packages.includes(name) || packages.includes(spec)
        || (typeOnly && ((o.typePackages ?? []).includes(name) || (o.typePackages ?? []).includes(spec)));
      const ok = !banned && listed;
      if (!ok) context.report({ node, messageId: 'package', data: { layer, name, why, allowed: packages.filter((p) => p !== '*').join(', ') || 'none' } });
    }

    /** A string literal, or a template literal without expressions; otherwise null. */
    function literal(node) {
      if (!node) return null;
      if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
      return null;
    }

    function checkDynamic(node, arg, kind, typeOnly = false) {
      const spec = literal(arg);
      if (spec !== null) check(arg, spec, typeOnly);
      else if (!o.dynamic) context.report({ node, messageId: 'dynamic', data: { layer, kind } });
    }

    /** import.meta.glob: each pattern's folder before its first wildcard must be allowed. */
    function checkGlob(node) {
      const arg = node.arguments[0];
      const items = arg?.type === 'ArrayExpression' ? arg.elements : [arg];
      for (const item of items) {
        const pattern = literal(item);
        if (pattern === null) { if (!o.dynamic) context.report({ node, messageId: 'dynamic', data: { layer, kind: 'import.meta.glob' } }); continue; }
        const positive = pattern.startsWith('!') ? pattern.slice(1) : pattern;
        const segments = positive.split('/');
        const wild = segments.findIndex((s) => /[*?[\]{}]/.test(s));
        const base = wild < 0 ? positive : `${segments.slice(0, wild).join('/')}/`;
        check(item, base);
      }
    }

    return {
      ImportDeclaration: (n) => check(n.source, n.source.value, n.importKind === 'type' || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type'))),
      ExportAllDeclaration: (n) => check(n.source, n.source.value, n.exportKind === 'type'),
      ExportNamedDeclaration: (n) => { if (n.source) check(n.source, n.source.value, n.exportKind === 'type'); },
      ImportExpression: (n) => checkDynamic(n, n.source, 'import()'),
      TSImportEqualsDeclaration: (n) => {
        if (n.moduleReference.type === 'TSExternalModuleReference') checkDynamic(n, n.moduleReference.expression, 'import = require()');
      },
      TSImportType: (n) => {
        // typescript-eslint 8.x names the specifier `source` (a string literal), older ones `argument`.
        const a = 'source' in n ? n.source : n.argument;
        const arg = a?.type === 'TSLiteralType' ? a.literal : a;
        checkDynamic(n, arg, 'import() type', true);
      },
      CallExpression: (n) => {
        const c = n.callee;
        if (c.type === 'Identifier' && c.name === 'require') checkDynamic(n, n.arguments[0], 'require()');
        else if (c.type === 'MemberExpression' && c.object.type === 'MetaProperty' && c.object.meta.name === 'import'
          && c.property.type === 'Identifier' && (c.property.name === 'glob' || c.property.name === 'globEager')) checkGlob(n);
      },
      Program: () => {
        // Triple-slash references reach other files and type libraries without an import.
        for (const comment of context.sourceCode.getAllComments()) {
          if (comment.type !== 'Line') continue;
          const m = /^\/\s*<reference\s+(path|types|lib)\s*=\s*["']([^"']+)["']/.exec(comment.value);
          if (!m) continue;
          const [, kind, value] = m;
          if (kind === 'path') check(comment, value.startsWith('.') ? value : `./${value}`);
          else if (kind === 'types' && value === 'node') {
            if (!o.builtins) context.report({ loc: comment.loc, messageId: 'builtin', data: { layer, spec: 'node (its types)', why } });
          } else if (kind === 'types') check(comment, value, true);
          else if (!packages.includes('*')) context.report({ loc: comment.loc, messageId: 'lib', data: { layer, spec: value } });
        }
      },
    };
  },
};

export default {
  meta: { name: 'bancone-layers' },
  rules: { imports: importsRule },
};
