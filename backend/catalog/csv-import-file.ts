// A catalogue file on disk → the import: what `bancone catalog import FILE` runs. The file is read
// in pieces, once to learn its encoding (when it has no BOM), once to check it, once to write it:
// never held whole.
import { accessSync, constants, statSync } from 'node:fs';
import type { WritableDb } from '../db/types.js';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { openCsvFile, type CsvEncoding } from './csv-decode.js';
import { importCatalogCsv, type ImportReport } from './csv-import.js';

export function importCatalogFile(db: WritableDb, file: string, at: Date, opts: { skipBad?: boolean }): { report: ImportReport; encoding: CsvEncoding } {
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    throw new BanconeError('FILE_NOT_READABLE', msg.cli.fileNotReadable({ file }), 'file');
  }
  const csv = openCsvFile(file);
  return { report: importCatalogCsv(db, csv.pieces, at, { ...opts, encoding: csv.encoding }), encoding: csv.encoding };
}
