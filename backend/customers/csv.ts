// The customer book as CSV, both ways, in the catalogue importer's style (backend/catalog/csv-import.ts):
// what an Italian spreadsheet writes (shared/csv.ts: «;», «,» or tab, quotes, BOM; the bytes decoded
// by catalog/csv-decode.ts), Italian or English column names, all-or-nothing unless skipBad, and
// every refused row named with its line and, through shared/customer.ts, its column.
// A row is the same customer as a kept one by its id (the export writes it), else by its VAT number
// or, without one, its codice fiscale: exporting, editing and importing again updates, never doubles.
import type { WritableDb, ReadableDb } from '../db/types.js';
import { readCsvTable } from '../../shared/csv.js';
import { BanconeError, fail } from '../../shared/errors.js';
import { msg, type Text } from '../../shared/messages/index.js';
import { foldForSearch } from '../../shared/text.js';
import { checkCustomer, customerFields, CUSTOMER_FIELDS, type CustomerData, type CustomerField, type CustomerFields } from '../../shared/customer.js';
import type { CustomerImportReport, CustomerRowError } from '../../shared/contract/customers.js';
import type { CsvEncoding } from '../catalog/csv-decode.js';
import { allCustomers, findByFiscalId, findCustomer, setCustomerActive, writeCustomer } from './store.js';

type Column = CustomerField | 'id' | 'active';

/** The export's header, in this order; the import also reads the aliases. */
const HEADER: Record<Column, string> = {
  id: 'id', kind: 'tipo', denominazione: 'ragione sociale', nome: 'nome', cognome: 'cognome', codice_fiscale: 'codice fiscale',
  partita_iva: 'partita iva', paese_iva: 'paese iva', codice_destinatario: 'codice destinatario', pec: 'pec',
  indirizzo: 'indirizzo', numero_civico: 'numero civico', cap: 'cap', comune: 'comune', provincia: 'provincia', nazione: 'nazione',
  notes: 'note', active: 'attivo',
};
const ALIASES: Record<Column, string[]> = {
  id: ['id', 'id cliente'],
  kind: ['tipo', 'tipo cliente', 'kind', 'type'],
  denominazione: ['ragione sociale', 'denominazione', 'azienda', 'societa', 'company', 'company name'],
  nome: ['nome', 'first name', 'given name'],
  cognome: ['cognome', 'last name', 'surname', 'family name'],
  codice_fiscale: ['codice fiscale', 'cf', 'cod fiscale', 'c f', 'tax code', 'fiscal code'],
  partita_iva: ['partita iva', 'p iva', 'piva', 'p iva cee', 'vat', 'vat number', 'vat id'],
  paese_iva: ['paese iva', 'paese partita iva', 'vat country'],
  codice_destinatario: ['codice destinatario', 'codice sdi', 'sdi', 'cod destinatario', 'recipient code'],
  pec: ['pec', 'indirizzo pec', 'email pec'],
  indirizzo: ['indirizzo', 'via', 'address', 'street'],
  numero_civico: ['numero civico', 'civico', 'n civico', 'street number'],
  cap: ['cap', 'codice postale', 'postcode', 'zip', 'postal code'],
  comune: ['comune', 'citta', 'localita', 'town', 'city'],
  provincia: ['provincia', 'prov', 'province'],
  nazione: ['nazione', 'paese', 'country'],
  notes: ['note', 'notes'],
  active: ['attivo', 'active'],
};
const headerKey = (h: string) => foldForSearch(h).replace(/[._\-/]+/g, ' ').replace(/\s+/g, ' ').trim();
const ALIAS = new Map<string, Column>(Object.entries(ALIASES).flatMap(([c, as]) => as.map((a) => [headerKey(a), c as Column] as const)));

const PERSON = new Set(['persona', 'privato', 'persona fisica', 'person', 'private', 'p', 'pf']);
const COMPANY = new Set(['azienda', 'societa', 'ditta', 'impresa', 'ente', 'company', 'business', 'a', 's']);
const YES = new Set(['si', 's', 'yes', 'y', '1', 'true', 'vero', 'x']);
const NO = new Set(['no', 'n', '0', 'false', 'falso']);

export interface CustomerImportOptions { skipBad?: boolean; encoding?: CsvEncoding }

interface Candidate { line: number; id: string | null; data: CustomerData; active: boolean | null }

function rowError(line: number, field: string, words: Text): CustomerRowError {
  const m = msg.customers.rowProblem({ line, detail: words });
  return { line, field, message: m.it, message_en: m.en };
}

/** Reads and checks the file against the book; writes nothing. */
function validate(db: ReadableDb, text: string) {
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) fail('CSV_ENCODING', msg.csv.encoding({ line: (text.slice(0, bad).match(/\r\n|\r|\n/g)?.length ?? 0) + 1 }), 'file');
  const { rows, delimiter } = readCsvTable(text);
  if (rows.length === 0) fail('CSV_EMPTY', msg.customers.csvEmpty, 'file');
  const header = rows[0]!.fields.map((h) => h.trim());
  const colOf = new Map<Column, number>();
  const ignored: string[] = [];
  header.forEach((h, i) => {
    if (h === '') return;
    const c = ALIAS.get(headerKey(h));
    if (!c || colOf.has(c)) { ignored.push(h); return; }
    colOf.set(c, i);
  });
  const missing: CustomerField[] = [];
  if (!colOf.has('denominazione') && !colOf.has('cognome')) missing.push('denominazione');
  for (const f of ['indirizzo', 'comune'] as const) if (!colOf.has(f)) missing.push(f);
  if (missing.length > 0) fail('CSV_HEADER', msg.customers.csvHeaderMissing({ missing }), 'header');
  const data = rows.slice(1);
  if (data.length === 0) fail('CSV_NO_ROWS', msg.customers.csvNoRows, 'file');

  const errors: CustomerRowError[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  let badRows = 0;
  for (const row of data) {
    const get = (c: Column) => (colOf.has(c) ? (row.fields[colOf.get(c)!] ?? '').trim() : '');
    const refuse = (field: string, words: Text) => { errors.push(rowError(row.line, field, words)); badRows++; };
    if (row.fields.length < header.length || row.fields.slice(header.length).some((f) => f.trim() !== '')) {
      refuse('*', msg.csv.fieldCount({ expected: header.length, found: row.fields.length, delimiter }));
      continue;
    }
    const kindText = foldForSearch(get('kind'));
    let kind: CustomerFields['kind'];
    if (kindText === '') kind = get('denominazione') !== '' ? 'company' : 'person';
    else if (PERSON.has(kindText)) kind = 'person';
    else if (COMPANY.has(kindText)) kind = 'company';
    else { refuse('kind', msg.customers.kindInvalid({ value: `«${get('kind').slice(0, 20)}»` })); continue; }
    const activeText = foldForSearch(get('active'));
    const active = activeText === '' ? null : YES.has(activeText) ? true : NO.has(activeText) ? false : undefined;
    if (active === undefined) { refuse('active', msg.csv.weightInvalid({ value: `«${get('active').slice(0, 10)}»` })); continue; }
    const fields = Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f, f === 'kind' ? kind : get(f)])) as unknown as CustomerFields;
    let checked: CustomerData;
    try {
      checked = checkCustomer(fields);
    } catch (e) {
      if (!(e instanceof BanconeError)) throw e;
      refuse(e.field ?? '*', e.words);
      continue;
    }
    const idText = get('id');
    let id: string | null = null;
    if (idText !== '') {
      if (!findCustomer(db, idText)) { refuse('id', msg.customers.csvIdUnknown({ id: idText })); continue; }
      id = idText;
    } else {
      id = findByFiscalId(db, checked)[0]?.id ?? null;
    }
    const key = id ?? (checked.idCodice ? `vat:${checked.idPaese}${checked.idCodice}` : `cf:${checked.codiceFiscale}`);
    const first = seen.get(key);
    if (first !== undefined) { refuse('*', msg.customers.csvRepeated({ line: first })); continue; }
    seen.set(key, row.line);
    candidates.push({ line: row.line, id, data: checked, active });
  }
  return { candidates, errors, rows: data.length, badRows, delimiter, ignored };
}

/** Imports a customer CSV in one transaction; with errors and no skipBad, writes nothing. */
export function importCustomersCsv(db: WritableDb, text: string, at: Date, opts: CustomerImportOptions = {}): CustomerImportReport {
  const v = validate(db, text);
  const apply = v.candidates.length > 0 && (v.errors.length === 0 || opts.skipBad === true);
  let created = 0;
  if (apply) {
    const iso = at.toISOString();
    db.transaction(() => {
      for (const c of v.candidates) {
        if (c.id === null) created++;
        const id = writeCustomer(db, c.id, c.data, iso);
        if (c.active !== null) setCustomerActive(db, id, c.active, iso);
      }
    }).immediate();
  }
  const imported = apply ? v.candidates.length : 0;
  const outcome = { applied: apply, errors: v.errors.length, skipped: v.badRows, rows: v.rows, imported, created, updated: imported - created };
  const summary = msg.customers.summary({ r: outcome });
  return {
    rows: v.rows, imported, created, updated: imported - created, skipped: v.badRows, errors: v.errors, applied: apply,
    encoding: opts.encoding ?? null, delimiter: v.delimiter, ignored_columns: v.ignored, summary: summary.it, summary_en: summary.en,
  };
}

const cell = (v: string) => (/[";\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The book as CSV for a spreadsheet (UTF-8 with BOM, «;»), in the columns the import reads back. */
export function exportCustomersCsv(db: ReadableDb, includeInactive: boolean): { csv: string; count: number } {
  const columns = Object.keys(HEADER) as Column[];
  const lines = [columns.map((c) => HEADER[c]).join(';')];
  const customers = allCustomers(db, includeInactive);
  for (const c of customers) {
    const f = customerFields(c);
    lines.push(columns.map((col) => cell(
      col === 'id' ? c.id : col === 'active' ? (c.active ? 'sì' : 'no') : col === 'kind' ? (c.kind === 'person' ? 'persona' : 'azienda') : f[col],
    )).join(';'));
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, count: customers.length };
}
