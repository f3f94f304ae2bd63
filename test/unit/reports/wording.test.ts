// Issue #9 item 18 for the end of day: Italian plurals agree with their number («1 documento»,
// «2 documenti», never «1 errori») on screen, on paper, in the PDF and in the CLI, and the
// transmission's own (often English) message is shown only as a labelled detail.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { it as itLocale } from '../../../renderer/src/kit/locales/it.js';
import { en as enLocale } from '../../../renderer/src/kit/locales/en.js';
import { toZReportPrintable } from '../../../backend/reports/printable.js';
import { closeDay, reportPdf } from '../../../backend/reports/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { pdfTextRuns } from '../../integration/reports/pdf-text.js';
import { line, sale, setup } from '../../integration/reports/helpers.js';
import { dayReport, notReady } from './fixtures.js';

const shop = { name: 'Bottega', address: 'Via Roma 1', vatNumber: '01234567890', footer: '' };

async function screenStrings(lng: 'it' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { it: { translation: itLocale }, en: { translation: enLocale } }, lng, initAsync: false });
  return i18n;
}

describe('end-of-day screen strings', () => {
  it('agree with their number in Italian and English', async () => {
    const it = await screenStrings('it');
    expect(it.t('endOfDay.close.unsent', { count: 1 })).toBe('1 documento non è stato accettato: per chiudere comunque scrivere una nota che lo spieghi.');
    expect(it.t('endOfDay.close.unsent', { count: 2 })).toBe('2 documenti non sono stati accettati: per chiudere comunque scrivere una nota che lo spieghi.');
    expect(it.t('endOfDay.sync.progress', { ready: 0, count: 1 })).toBe('0 di 1 documento accettato');
    expect(it.t('endOfDay.sync.progress', { ready: 3, count: 3 })).toBe('3 di 3 documenti accettati');
    const en = await screenStrings('en');
    expect(en.t('endOfDay.close.unsent', { count: 1 })).toBe('1 document was not accepted: to close anyway, write a note explaining why.');
    expect(en.t('endOfDay.sync.progress', { ready: 1, count: 1 })).toBe('1 of 1 document accepted');
  });
});

describe('paper and PDF', () => {
  it('the thermal report says «1 documento non accettato» and «e un altro»', () => {
    const one = toZReportPrintable(dayReport({ fiscal: { total: 43, ready: 42, pending: 0, failed: 1, notReady: notReady(1) } })).notes;
    expect(one).toContain("ATTENZIONE: 1 documento non accettato dall'AdE");
    const sixteen = toZReportPrintable(dayReport({ fiscal: { total: 43, ready: 27, pending: 15, failed: 1, notReady: notReady(16) } })).notes;
    expect(sixteen).toContain('... e un altro');
    const seventeen = toZReportPrintable(dayReport({ fiscal: { total: 43, ready: 26, pending: 16, failed: 1, notReady: notReady(17) } })).notes;
    expect(seventeen).toContain('... e altri 2');
  });

  it('the PDF says «1 buono» and labels the transmission’s own message as a detail', async () => {
    const base = dayReport();
    const r = dayReport({
      payments: base.payments.map((p) => (p.method === 'meal_voucher' ? { ...p, pieces: 1 } : p)),
      fiscal: { total: 43, ready: 42, pending: 0, failed: 1, notReady: notReady(1).map((d) => ({ ...d, errorMessage: 'Invalid fiscal code' })) },
    });
    const text = pdfTextRuns(await reportPdf(r, shop)).join(' ').replace(/\s+/g, ' '); // cells wrap
    expect(text).toContain('Buoni pasto (1 buono)');
    expect(text).not.toContain('(1 buoni)');
    expect(text).toContain('rifiutato/fallito (messaggio della trasmissione: Invalid fiscal code)');
  });
});

describe('closing refused for one unsent document', () => {
  it('says «1 documento non ancora accettato … 1 in attesa, 0 rifiutati/falliti»', async () => {
    const { db, clock } = setup('2026-11-21T09:00:00Z');
    sale(db, clock, { lines: [line(500, '22')], payments: [{ method: 'cash', amount_cents: 500 }] });
    const e = await closeDay(db, clock, {}).then(() => null, (x: unknown) => x as BanconeError);
    expect(e?.code).toBe('DAY_HAS_UNSENT_DOCUMENTS');
    expect(e?.message).toBe("1 documento non ancora accettato dall'Agenzia delle Entrate (1 in attesa, 0 rifiutati/falliti): per chiudere comunque serve una nota che lo motivi");
    expect(e?.messageEn).toBe('1 document not yet accepted by the Agenzia delle Entrate (1 pending, 0 failed): closing anyway needs a note saying why');
    db.close();
  });
});
