// Set-up step 3, the printer: done once a test page has printed on the printer as saved now (a test
// page printed before the address last changed proves nothing about this one).
import type { ReadableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { BanconeError, fail } from '../../shared/errors.js';
import { msg, textOf } from '../../shared/messages/index.js';
import { transportFromUrl } from '../printing/transports/index.js';
import { isPrinterModel } from '../printing/encode.js';

function settingChangedAt(db: ReadableDb, key: string): string {
  const r = db.prepare('SELECT updated_at FROM settings WHERE key = ?').get(key) as { updated_at: string } | undefined;
  return r?.updated_at ?? '';
}

/** The last test page printed since the printer's address was last saved, or null. */
export function testPrintedAt(db: ReadableDb): string | null {
  const since = settingChangedAt(db, 'printer.url');
  const r = db.prepare(`SELECT max(printed_at) AS at FROM print_jobs WHERE kind = 'test' AND state = 'printed' AND created_at >= ?`).get(since) as { at: string | null };
  return r.at;
}

export function printerStepData(db: ReadableDb) {
  return {
    url: getSetting(db, 'printer.url'),
    columns: getSetting(db, 'printer.columns'),
    model: getSetting(db, 'printer.model'),
    testPrintedAt: testPrintedAt(db),
  };
}

export function printerReady(db: ReadableDb): void {
  if (getSetting(db, 'printer.url') === '') fail('SETUP_PRINTER_MISSING', msg.setup.printerMissing, 'printer.url');
  if (testPrintedAt(db) === null) fail('SETUP_PRINTER_UNTESTED', msg.setup.printerUntested, 'printer.url');
}

/**
 * The printer's address and model as typed, checked before they are saved (settings.save): an
 * address the till cannot reach any printer through, or a model the encoder does not know, is
 * refused on its own field, in words saying which forms are accepted. '' (no printer) is allowed.
 */
export function checkPrinterSettings(values: { 'printer.url'?: string | undefined; 'printer.model'?: string | undefined }): void {
  const url = values['printer.url']?.trim();
  if (url) {
    try {
      transportFromUrl(url);
    } catch (e) {
      const said = e instanceof BanconeError ? textOf({ message: e.message, messageEn: e.messageEn }) : textOf({ message: String(e), messageEn: String(e) });
      fail('PRINTER_URL_INVALID', msg.wizardPrinter.urlInvalid({ said }), 'printer.url');
    }
  }
  const model = values['printer.model'];
  if (model !== undefined && !isPrinterModel(model)) fail('PRINTER_MODEL_UNKNOWN', msg.wizardPrinter.modelUnknown({ model }), 'printer.model');
}
