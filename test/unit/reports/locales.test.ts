import { describe, expect, it } from 'vitest';
import { it as itLocale } from '../../../renderer/src/kit/locales/it.js';
import { en as enLocale } from '../../../renderer/src/kit/locales/en.js';
import { initI18n } from '../../../renderer/src/kit/i18n.js';

const itStrings = itLocale.endOfDay;
const en = enLocale.endOfDay;

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('end-of-day strings', () => {
  it('Italian and English have the same keys, no empty text and the same placeholders', () => {
    const a = leaves(itStrings);
    const b = leaves(en);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) {
      expect(v.trim(), k).not.toBe('');
      expect(b.get(k)!.trim(), k).not.toBe('');
      expect(vars(b.get(k)!), k).toEqual(vars(v));
    }
  });

  it('live with every other string of the till (one home), reachable as endOfDay.*', async () => {
    const i18n = initI18n('it');
    expect(i18n.t('endOfDay.count.short', { amount: '€ 0,10' })).toBe('Mancano € 0,10.');
    await i18n.changeLanguage('en');
    expect(i18n.t('endOfDay.print.title', { z: 3 })).toBe('Day closed: Z no. 3');
    await i18n.changeLanguage('it');
  });
});
