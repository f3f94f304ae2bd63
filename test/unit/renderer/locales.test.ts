import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { it as itLocale } from '../../../renderer/src/kit/locales/it.js';
import { en as enLocale } from '../../../renderer/src/kit/locales/en.js';
import { localError } from '../../../renderer/src/kit/local-error.js';

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const RENDERER = join(import.meta.dirname, '../../../renderer/src');
const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
  d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []);
const vars = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

describe('the renderer\'s strings (kit/locales: their one home)', () => {
  it('Italian and English have the same keys, no empty text and the same placeholders', () => {
    const a = leaves(itLocale);
    const b = leaves(enLocale);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) {
      expect(v.trim(), k).not.toBe('');
      expect(b.get(k)!.trim(), k).not.toBe('');
      expect(vars(b.get(k)!), k).toEqual(vars(v));
    }
  });

  it('errors the renderer finds itself are ErrorInfo made of those words, in both languages', () => {
    expect(localError('PRODUCT_NOT_FOUND', 'sale.errors.codeNotFound', { field: 'barcode', vars: { code: '999' } })).toEqual({
      code: 'PRODUCT_NOT_FOUND',
      field: 'barcode',
      message: 'Codice 999 non trovato in catalogo: cercare il prodotto per nome o usare un tasto reparto',
      message_en: 'Code 999 not found in the catalogue: search the product by name or use a department key',
    });
    // Words the backend gave in each language fill each language's sentence; a value is never read as a placeholder.
    const e = localError('MANAGER_NOT_GIVEN', 'counter.errors.managerNotGiven', { vars: { reasons: 'Prezzo {{x}} $&' }, varsEn: { reasons: 'Price' } });
    expect(e.message).toBe("Per incassare serve l'autorizzazione del responsabile: Prezzo {{x}} $&. Chiamare il responsabile, o togliere la modifica");
    expect(e.message_en).toBe("A manager's approval is needed to take the payment: Price. Call a manager, or undo the change");
    expect(e).not.toHaveProperty('field');
  });

  it('no store or component writes an error\'s words itself (api/, the transport\'s own words, aside)', () => {
    const inline = sources(RENDERER)
      .filter((f) => !f.includes(`${join('kit', 'locales')}`) && !f.includes(`${join('src', 'api')}`))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ where: `${f.slice(RENDERER.length + 1)}:${i + 1}`, line })))
      .filter(({ line }) => /\bmessage(_en)?\s*:\s*[`'"]/.test(line))
      .map(({ where }) => where);
    expect(inline).toEqual([]);
  });
});
