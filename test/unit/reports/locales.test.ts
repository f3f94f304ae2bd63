import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en, it as itStrings, registerEndOfDayStrings } from '../../../renderer/src/features/end-of-day/locales.js';

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

  it('merge into the app resources without removing the app’s own endOfDay keys', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { it: { translation: { endOfDay: { notAvailable: 'x' } } }, en: { translation: {} } }, lng: 'it', initAsync: false });
    registerEndOfDayStrings(i18n);
    expect(i18n.t('endOfDay.notAvailable')).toBe('x');
    expect(i18n.t('endOfDay.count.short', { amount: '€ 0,10' })).toBe('Mancano € 0,10.');
    await i18n.changeLanguage('en');
    expect(i18n.t('endOfDay.print.title', { z: 3 })).toBe('Day closed: Z no. 3');
  });
});
