// One home for the backend's words (issue #11, finding 5): user-visible text of backend/ and shared/
// lives in the catalogue (shared/messages/it.ts, en.ts), and a call site names an entry. This rule
// refuses the ways words used to be written inline:
//   fail(code, 'italiano', 'english', …) and new BanconeError(code, `…`, …): the message argument
//     is a string, a template, or an object literal ({ it, en }) instead of a catalogue entry;
//   { message: 'italiano|english' }: a zod message with both languages written inline (use
//     zodMessage(msg.area.key));
//   { message_en: '…' } / { messageEn: '…' } in backend/ and shared/: an error or status shape with
//     its English written inline (use errorInfo(code, msg…) or the words of a Text);
//   importing text() (shared/messages/text.js), the maker of Texts, outside the catalogue.
// Files still to convert are listed in `pending` (eslint.config.js): the list only shrinks.
import { dirname, relative, resolve, sep } from 'node:path';

const toPosix = (p) => p.split(sep).join('/');
const ERROR_MAKERS = new Set(['fail', 'BanconeError', 'PrinterError']);
const RELAYS = new Set(['textOf', 'fromZodMessage', 'text']);

/** A string, a template, or an object holding one, written at the call site (also behind `as`/`satisfies`/`!`). */
function inlineWords(node) {
  let n = node;
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion')) n = n.expression;
  if (!n) return false;
  if (n.type === 'Literal' && typeof n.value === 'string') return true;
  if (n.type === 'TemplateLiteral') return true;
  // { it: '…', en: '…' } (words written in it), not { message: e.message, … } (words carried along).
  if (n.type === 'ObjectExpression') return n.properties.some((p) => p.type === 'Property' && inlineWords(p.value));
  if (n.type === 'BinaryExpression' && n.operator === '+') return inlineWords(n.left) || inlineWords(n.right);
  if (n.type === 'ConditionalExpression') return inlineWords(n.consequent) || inlineWords(n.alternate);
  return false;
}

/** A string or template whose text has "…|…" (letters either side): both languages in one zod message. */
function bilingual(node) {
  const raw = node.type === 'Literal' && typeof node.value === 'string' ? node.value
    : node.type === 'TemplateLiteral' ? node.quasis.map((q) => q.value.cooked ?? '').join('${}') : null;
  return raw !== null && /\p{L}[^|]*\|[^|]*\p{L}/u.test(raw) && !/^[\w-]+(\|[\w-]+)+$/.test(raw);
}

export const wordsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible words of backend/ and shared/ come from the catalogue in shared/messages.' },
    schema: [{
      type: 'object',
      properties: { root: { type: 'string' }, pending: { type: 'array', items: { type: 'string' } } },
      required: ['root'],
      additionalProperties: false,
    }],
    messages: {
      inline: '{{callee}}(): the message is written inline. Words live in shared/messages (it.ts, en.ts): pass msg.<area>.<key>(params).',
      zod: 'A zod message written "italiano|english" inline: add the entry to shared/messages and pass zodMessage(msg.<area>.<key>).',
      pair: 'An English message written inline next to its Italian: take both from shared/messages (errorInfo(code, msg.…), statusWords(msg.…)).',
      maker: 'Only the catalogue makes a Text: import msg from shared/messages/index.js instead of text() ({{file}} is not on the list of files still to convert).',
    },
  },
  create(context) {
    const { root, pending = [] } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    const inCatalogue = file.startsWith('shared/messages/') || file === 'shared/errors.ts';
    // Hand-written { message, message_en } pairs are refused where this task moved them all (backend/, shared/).
    const pairs = file.startsWith('backend/') || file.startsWith('shared/');
    // A file still to convert is named in `pending` (eslint.config.js), visibly, until it is done.
    if (pending.includes(file)) return {};
    const check = (node, callee) => {
      const words = node.arguments[1];
      if (words && inlineWords(words)) context.report({ node: words, messageId: 'inline', data: { callee } });
    };
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        if (ERROR_MAKERS.has(node.callee.name)) check(node, node.callee.name);
        // The relays (words already made, carried along) take no words written here either.
        else if (RELAYS.has(node.callee.name) && !inCatalogue && node.arguments[0] && inlineWords(node.arguments[0]))
          context.report({ node: node.arguments[0], messageId: 'inline', data: { callee: node.callee.name } });
      },
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && ERROR_MAKERS.has(node.callee.name)) check(node, `new ${node.callee.name}`);
      },
      Property(node) {
        if (inCatalogue) return;
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? node.key.value : null;
        if (key === 'message' && bilingual(node.value)) context.report({ node: node.value, messageId: 'zod' });
        // An error or status shape written by hand: { message: 'Stampante…', messageEn: 'Printer…' }.
        else if ((key === 'message_en' || key === 'messageEn') && pairs && inlineWords(node.value))
          context.report({ node: node.value, messageId: 'pair' });
      },
      ImportDeclaration(node) {
        if (inCatalogue) return;
        const spec = node.source.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        const target = toPosix(relative(root, resolve(dirname(context.filename), spec)));
        if (target === 'shared/messages/text.js' || target === 'shared/messages/text.ts' || target === 'shared/messages/text')
          context.report({ node, messageId: 'maker', data: { file } });
      },
    };
  },
};

export default {
  meta: { name: 'messages' },
  rules: { words: wordsRule },
};
