// Set-up step 3, the printer: done once a test page has printed on the printer as saved now (a test
// page printed before the address last changed proves nothing about this one).
import type { ReadableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

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
