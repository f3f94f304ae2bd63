// One home for the backend's words (issue #11, finding 5) is a wall that bites: the linter refuses
// words written inline at an error site or as an "italiano|english" zod message in backend/ and
// shared/ (eslint-rules/messages.js), and the compiler refuses an English catalogue whose keys or
// parameters differ from Italian's, and a message that is not a catalogue Text. Probes exist only in
// memory, at paths inside the layers (as in lint-walls and compiler-walls): nothing is written.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLayer, root } from '../../scripts/typecheck.mjs';

let eslint: ESLint;
beforeAll(() => { eslint = new ESLint({ cwd: root }); });

/** The lines (1-based) the words rule refuses in `code` linted as `file`, and its messages. */
async function refused(file: string, lines: string[]): Promise<{ lines: number[]; messages: string[] }> {
  const [result] = await eslint.lintText(lines.join('\n'), { filePath: join(root, file) });
  const all = result!.messages;
  expect(all.filter((m) => m.ruleId === null && m.severity === 2)).toEqual([]); // a probe that does not parse proves nothing
  const mine = all.filter((m) => m.ruleId === 'messages/words');
  for (const m of mine) expect(m.severity).toBe(2);
  return { lines: [...new Set(mine.map((m) => m.line))].sort((a, b) => a - b), messages: mine.map((m) => m.message) };
}

describe('the linter: no words written inline in backend/ and shared/', () => {
  it('refuses a message written at fail(), new BanconeError() or new PrinterError(): strings, templates, {it, en}', async () => {
    const r = await refused('backend/catalog/probe.ts', [
      "import { fail, BanconeError } from '../../shared/errors.js';",
      "import { PrinterError } from '../printing/printer-status.js';",
      'export const plu = 7;',
      "fail('PLU_NOT_FOUND', 'Articolo non trovato', 'Item not found', 'code');",
      "fail('PLU_NOT_FOUND', `Articolo ${plu} non trovato`, `Item ${plu} not found`, 'code');",
      "throw new BanconeError('X', { it: 'uno', en: 'one' } as never, 'field');",
      "throw new PrinterError('PRINTER_IO', 'Errore', 'Error');",
      "fail('X', plu > 1 ? 'molti' : 'uno', 'field');",
    ]);
    expect(r.lines).toEqual([4, 5, 6, 7, 8]);
    expect(r.messages[0]).toMatch(/shared\/messages/);
  });
  it('refuses an "italiano|english" zod message, in shared/ too', async () => {
    const r = await refused('shared/contract/probe.ts', [
      "import { z } from 'zod';",
      'export const n = 3;',
      "export const a = z.string().regex(/^\\d+$/, { message: 'solo cifre|digits only' });",
      'export const b = z.number().refine((v) => v > n, { message: `almeno ${n}|at least ${n}` });',
      "export const kind = { message: 'sale|return' === 'x' ? 1 : 2, type: 'a|b' };",
    ]);
    expect(r.lines).toEqual([3, 4]);
    expect(r.messages[0]).toMatch(/zodMessage/);
  });
  it('refuses making a Text outside the catalogue, and words passed to the relays', async () => {
    const r = await refused('backend/sale/probe.ts', [
      "import { text } from '../../shared/messages/text.js';",
      "import { textOf } from '../../shared/messages/index.js';",
      "export const t = textOf({ message: 'uno', messageEn: 'one' });",
      'export const u = text;',
    ]);
    expect(r.lines).toEqual([1, 3]);
  });
  it('refuses an error or status shape with its English written inline in backend/ and shared/', async () => {
    const r = await refused('backend/printing/probe.ts', [
      'export const name = "lp";',
      "export const e = { code: 'X', message: 'Errore', message_en: 'Error' };",
      'export const s = { state: 1, message: `Coda ${name} sospesa`, messageEn: `Queue ${name} paused` };',
      "export const ok = { code: 'X', message: e.message, message_en: e.message_en };",
    ]);
    expect(r.lines).toEqual([2, 3]);
    expect(r.messages[0]).toMatch(/errorInfo/);
  });
  it('passes catalogue entries, zodMessage() and relayed words', async () => {
    const r = await refused('backend/catalog/probe.ts', [
      "import { z } from 'zod';",
      "import { fail, BanconeError } from '../../shared/errors.js';",
      "import { msg, textOf, zodMessage } from '../../shared/messages/index.js';",
      "export const plu = '7';",
      "fail('PLU_NOT_FOUND', msg.catalog.pluNotFound({ plu }), 'code');",
      "fail('SKU_IMMUTABLE', msg.catalog.skuImmutable, 'sku');",
      'export const s = z.string().refine((v) => v !== plu, { message: zodMessage(msg.input.isoDay) });',
      "export const blocker = { code: 'X', message: msg.catalog.skuImmutable.it, messageEn: msg.catalog.skuImmutable.en };",
      "export const e = new BanconeError(blocker.code, textOf(blocker), 'sale');",
    ]);
    expect(r.lines).toEqual([]);
  });
  it('words written inline in the shell (electron/) are refused as well', async () => {
    const r = await refused('electron/probe.ts', [
      "import { BanconeError } from '../shared/errors.js';",
      "export const e = new BanconeError('SECRET_KEY_UNREADABLE', 'Chiave illeggibile', 'Key unreadable');",
    ]);
    expect(r.lines).toEqual([2]);
  });
});

/** The lines (1-based) where the compiler refuses the probe, type-checked inside shared/. */
function compileProbe(lines: string[]): number[] {
  const file = join(root, 'shared', '__walls_probe__', 'probe.ts');
  const { diagnostics } = checkLayer('shared', { extra: { [file]: `${lines.join('\n')}\n` }, probesOnly: true });
  const mine = diagnostics.filter((d) => d.file && join(d.file.fileName) === file);
  expect(diagnostics.filter((d) => !mine.includes(d)).map((d) => d.messageText)).toEqual([]);
  return [...new Set(mine.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1))].sort((a, b) => a - b);
}

describe('the compiler: English mirrors Italian, and a message is a catalogue Text', () => {
  it('refuses a missing key, an extra key, a parameter of another type, a dropped parameter and a loose string', () => {
    const lines = compileProbe([
      "import type { LanguageOf, Same, Shape } from '../messages/catalogue.js';",
      "import { fail } from '../errors.js';",
      "const itC = { a: { x: 'x', f: ({ n }: { n: number }) => `${n}` } };",
      'export const missing = { a: { f: ({ n }) => `${n}` } } satisfies LanguageOf<typeof itC>;',
      "export const extra = { a: { x: 'x', f: ({ n }) => `${n}`, y: 'y' } } satisfies LanguageOf<typeof itC>;",
      "export const otherType = { a: { x: 'x', f: ({ n }: { n: string }) => n } } satisfies LanguageOf<typeof itC>;",
      "const dropped = { a: { x: 'x', f: () => 'n' } } satisfies LanguageOf<typeof itC>;",
      'export const droppedSame: Same<Shape<typeof dropped>, Shape<typeof itC>> = true;',
      "export const loose = () => fail('X', 'Articolo non trovato', 'code');",
      "const ok = { a: { x: 'x', f: ({ n }) => `${n}` } } satisfies LanguageOf<typeof itC>;",
      'export const okSame: Same<Shape<typeof ok>, Shape<typeof itC>> = true;',
    ]);
    expect(lines).toEqual([4, 5, 6, 8, 9]);
  }, 180_000);
});
