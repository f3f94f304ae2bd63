// The customers table (migration 0015): the one reader and writer of it. Save checks the data with
// shared/customer.ts (the same checks as the screen and the CSV import), so nothing unchecked is kept.
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { checkCustomer, customerDisplayName, customerSearchText, type Customer, type CustomerData, type CustomerFields } from '../../shared/customer.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { foldForSearch } from '../../shared/text.js';
import { customerUses } from './usage.js';

interface Row {
  id: string; kind: 'person' | 'company'; denominazione: string | null; nome: string | null; cognome: string | null;
  codice_fiscale: string | null; id_paese: string | null; id_codice: string | null; codice_destinatario: string;
  pec: string | null; indirizzo: string; numero_civico: string | null; cap: string; comune: string; provincia: string | null;
  nazione: string; notes: string; active: number; display_name: string; created_at: string; updated_at: string;
}

const COLUMNS = `c.id, c.kind, c.denominazione, c.nome, c.cognome, c.codice_fiscale, c.id_paese, c.id_codice, c.codice_destinatario,
  c.pec, c.indirizzo, c.numero_civico, c.cap, c.comune, c.provincia, c.nazione, c.notes, c.active, c.display_name, c.created_at, c.updated_at`;

function toCustomer(r: Row): Customer {
  return {
    id: r.id, kind: r.kind, displayName: r.display_name, denominazione: r.denominazione, nome: r.nome, cognome: r.cognome,
    codiceFiscale: r.codice_fiscale, idPaese: r.id_paese, idCodice: r.id_codice, codiceDestinatario: r.codice_destinatario,
    pec: r.pec, indirizzo: r.indirizzo, numeroCivico: r.numero_civico, cap: r.cap, comune: r.comune, provincia: r.provincia,
    nazione: r.nazione, notes: r.notes, active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function findCustomer(db: ReadableDb, id: string): Customer | null {
  const r = readStmt(db, `SELECT ${COLUMNS} FROM customers c WHERE c.id = ?`).get(id) as Row | undefined;
  return r ? toCustomer(r) : null;
}

export function getCustomer(db: ReadableDb, id: string): Customer {
  return findCustomer(db, id) ?? fail('CUSTOMER_NOT_FOUND', msg.customers.notFound({ id }), 'id');
}

/** The customers with this VAT number (country + code) or, failing that, this codice fiscale: how an import recognises one. */
export function findByFiscalId(db: ReadableDb, data: Pick<CustomerData, 'idPaese' | 'idCodice' | 'codiceFiscale'>): Customer[] {
  const rows = data.idCodice
    ? readStmt(db, `SELECT ${COLUMNS} FROM customers c WHERE c.id_codice = ? AND c.id_paese = ? ORDER BY c.seq`).all(data.idCodice, data.idPaese) as Row[]
    : data.codiceFiscale
      ? readStmt(db, `SELECT ${COLUMNS} FROM customers c WHERE c.codice_fiscale = ? AND c.id_codice IS NULL ORDER BY c.seq`).all(data.codiceFiscale) as Row[]
      : [];
  return rows.map(toCustomer);
}

/** Writes checked data: a new customer (no id) or an existing one. Returns the id. */
export function writeCustomer(db: WritableDb, id: string | null, data: CustomerData, at: string): string {
  const values = [
    data.kind, data.denominazione, data.nome, data.cognome, data.codiceFiscale, data.idPaese, data.idCodice, data.codiceDestinatario,
    data.pec, data.indirizzo, data.numeroCivico, data.cap, data.comune, data.provincia, data.nazione, data.notes,
    customerDisplayName(data), customerSearchText(data),
  ];
  if (id === null) {
    const newId = randomUUID();
    writeStmt(db, `INSERT INTO customers (id, kind, denominazione, nome, cognome, codice_fiscale, id_paese, id_codice, codice_destinatario,
      pec, indirizzo, numero_civico, cap, comune, provincia, nazione, notes, display_name, search_text, active, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`).run(newId, ...values, at, at);
    return newId;
  }
  writeStmt(db, `UPDATE customers SET kind = ?, denominazione = ?, nome = ?, cognome = ?, codice_fiscale = ?, id_paese = ?, id_codice = ?,
    codice_destinatario = ?, pec = ?, indirizzo = ?, numero_civico = ?, cap = ?, comune = ?, provincia = ?, nazione = ?, notes = ?,
    display_name = ?, search_text = ?, updated_at = ? WHERE id = ?`).run(...values, at, id);
  return id;
}

/** Checks and keeps a customer as typed; an id that does not exist is refused. */
export function saveCustomer(db: WritableDb, id: string | null, fields: CustomerFields, at: string): Customer {
  const data = checkCustomer(fields);
  if (id !== null) getCustomer(db, id);
  return getCustomer(db, writeCustomer(db, id, data, at));
}

export function setCustomerActive(db: WritableDb, id: string, active: boolean, at: string): Customer {
  getCustomer(db, id);
  writeStmt(db, 'UPDATE customers SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, at, id);
  return getCustomer(db, id);
}

/** Deletes a customer no document names; one that is named can only be deactivated. */
export function deleteCustomer(db: WritableDb, id: string): Customer {
  const c = getCustomer(db, id);
  const uses = customerUses(db, id);
  if (uses > 0) fail('CUSTOMER_IN_USE', msg.customers.inUse({ name: c.displayName, uses }), 'id');
  writeStmt(db, 'DELETE FROM customers WHERE id = ?').run(id);
  return c;
}

/** How many of the table's first rows searchCustomers tries before the index (see there). */
const PROBE_ROWS = 4000;

const likeEsc = (w: string) => w.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Search as you type: every typed word must appear in the name, codice fiscale or VAT number
 * (folded: accents and case ignored; spaces, dots and dashes inside a number ignored too). Words of
 * three characters or more go through the trigram index (customers_fts); shorter ones alone scan the
 * table until `limit` match. Results sorted by name (bench/customers.bench.ts: the cost per keystroke).
 */
export function searchCustomers(db: ReadableDb, text: string, limit: number, includeInactive = false): Customer[] {
  const words = foldForSearch(text).split(' ').filter((w) => w !== '').slice(0, 5)
    // A number typed with separators («IT 012.345») is found as written in the index.
    .map((w) => (/^[\w.\-]+$/.test(w) && /\d/.test(w) ? w.replace(/[.\-]/g, '') : w));
  const active = includeInactive ? '' : 'c.active = 1 AND';
  if (words.length === 0)
    return (readStmt(db, `SELECT ${COLUMNS} FROM customers c WHERE ${active} 1 ORDER BY c.search_text LIMIT ?`).all(limit) as Row[]).map(toCustomer);
  const where = words.map(() => `c.search_text LIKE ? ESCAPE '\\'`).join(' AND ');
  const params = words.map((w) => `%${likeEsc(w)}%`);
  const long = words.filter((w) => [...w].length >= 3);
  type Hit = Row & { search_text: string };
  const byName = (rows: Hit[]) => rows.sort((a, b) => (a.search_text < b.search_text ? -1 : a.search_text > b.search_text ? 1 : 0));
  // Common letters (a frequent name, one or two characters) match often: the first rows of the
  // table give `limit` hits at once, while the index would list thousands of them (tens of
  // milliseconds on 50,000 customers). Those are enough while typing — the next keystroke narrows
  // them — and are sorted here. Otherwise the matches are few: the trigram index finds them all.
  const probe = readStmt(db, `SELECT ${COLUMNS}, c.search_text FROM (SELECT * FROM customers ORDER BY seq LIMIT ${PROBE_ROWS}) c WHERE ${active} ${where} LIMIT ?`).all(...params, limit) as Hit[];
  if (probe.length >= limit) return byName(probe).map(toCustomer);
  const rows = long.length > 0
    // Every hit is re-checked with LIKE on customers.search_text: the index narrows, the table decides.
    ? readStmt(db, `SELECT ${COLUMNS}, c.search_text FROM customers_fts f JOIN customers c ON c.seq = f.rowid WHERE customers_fts MATCH ? AND ${active} ${where} ORDER BY c.search_text LIMIT ?`)
      .all(long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND '), ...params, limit) as Hit[]
    // One or two characters that match rarely: the whole table, in its own order.
    : byName(readStmt(db, `SELECT ${COLUMNS}, c.search_text FROM customers c WHERE ${active.replace('c.active', '+c.active')} ${where} LIMIT ?`).all(...params, limit) as Hit[]);
  return rows.map(toCustomer);
}

/** Every customer, by name (the export). */
export function allCustomers(db: ReadableDb, includeInactive: boolean): Customer[] {
  const rows = readStmt(db, `SELECT ${COLUMNS} FROM customers c ${includeInactive ? '' : 'WHERE c.active = 1'} ORDER BY c.search_text, c.seq`).all() as Row[];
  return rows.map(toCustomer);
}
