// End of day's words live with every other string of the till (kit/locales); that Italian and
// English have the same keys and placeholders is checked for all of them in
// test/unit/renderer/locales.test.ts.
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../../renderer/src/kit/i18n.js';

describe('end-of-day strings', () => {
  it('live with every other string of the till (one home), reachable as endOfDay.*', async () => {
    const i18n = initI18n('it');
    expect(i18n.t('endOfDay.count.short', { amount: '€ 0,10' })).toBe('Mancano € 0,10.');
    await i18n.changeLanguage('en');
    expect(i18n.t('endOfDay.print.title', { z: 3 })).toBe('Day closed: Z no. 3');
    await i18n.changeLanguage('it');
  });
});
