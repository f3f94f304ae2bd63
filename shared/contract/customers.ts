// The customer book (issue #13): search as you type at the counter and in the back office, read,
// save (the checks of shared/customer.ts, each error naming its field), deactivate, delete while
// unused, CSV import and export.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { id } from './common.js';
import { CUSTOMER_MAX } from '../customer.js';
import { msg, zodMessage } from '../messages/index.js';

const text = (max: number) => z.string().max(max * 2 + 20).default('');

/** A customer as typed; lengths and rules are checked by shared/customer.ts checkCustomer, naming the field. */
export const CustomerSaveSchema = z
  .object({
    /** Absent: a new customer. */
    id: id.optional(),
    kind: z.enum(['person', 'company']),
    denominazione: text(CUSTOMER_MAX.denominazione),
    nome: text(CUSTOMER_MAX.nome),
    cognome: text(CUSTOMER_MAX.cognome),
    codice_fiscale: text(CUSTOMER_MAX.codice_fiscale),
    partita_iva: text(CUSTOMER_MAX.partita_iva),
    paese_iva: text(CUSTOMER_MAX.paese_iva),
    codice_destinatario: text(CUSTOMER_MAX.codice_destinatario),
    pec: text(CUSTOMER_MAX.pec),
    indirizzo: text(CUSTOMER_MAX.indirizzo),
    numero_civico: text(CUSTOMER_MAX.numero_civico),
    cap: text(CUSTOMER_MAX.cap),
    comune: text(CUSTOMER_MAX.comune),
    provincia: text(CUSTOMER_MAX.provincia),
    nazione: text(CUSTOMER_MAX.nazione),
    notes: text(CUSTOMER_MAX.notes),
  })
  .strict();
export type CustomerSave = z.input<typeof CustomerSaveSchema>;

export const CustomerSchema = z.object({
  id: z.string(),
  kind: z.enum(['person', 'company']),
  displayName: z.string(),
  denominazione: z.string().nullable(),
  nome: z.string().nullable(),
  cognome: z.string().nullable(),
  codiceFiscale: z.string().nullable(),
  idPaese: z.string().nullable(),
  idCodice: z.string().nullable(),
  codiceDestinatario: z.string(),
  pec: z.string().nullable(),
  indirizzo: z.string(),
  numeroCivico: z.string().nullable(),
  cap: z.string(),
  comune: z.string(),
  provincia: z.string().nullable(),
  nazione: z.string(),
  notes: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerOut = z.output<typeof CustomerSchema>;

/** One refused CSV row: the words already name the column (as the form names the field). */
const CustomerRowErrorSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
  message_en: z.string(),
});
export type CustomerRowError = z.output<typeof CustomerRowErrorSchema>;

export const CustomerImportReportSchema = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(CustomerRowErrorSchema),
  applied: z.boolean(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).nullable(),
  delimiter: z.string(),
  ignored_columns: z.array(z.string()),
  /** The report in one sentence, Italian and English, with the right plurals. */
  summary: z.string(),
  summary_en: z.string(),
});
export type CustomerImportReport = z.output<typeof CustomerImportReportSchema>;

export const customersContract = defineContract({
  /**
   * As the cashier types: by name (any word, accents and case ignored), codice fiscale or Partita
   * IVA, any part of them (a trigram index). Active customers only unless `inactive`.
   */
  'customers.search': query(
    'operator',
    z.object({ text: z.string().max(100).default(''), limit: z.number().int().min(1).max(200).default(30), inactive: z.boolean().default(false) }).strict(),
    z.object({ customers: z.array(CustomerSchema) }),
  ),
  'customers.get': query('operator', z.object({ id }).strict(), CustomerSchema),
  /** A new customer, or changes to one (by id). A cashier may add one at the counter. */
  'customers.save': mutation('operator', CustomerSaveSchema, CustomerSchema),
  /** No longer offered; kept for the documents that name it. `active: true` brings it back. */
  'customers.deactivate': mutation('manager', z.object({ id, active: z.boolean().default(false) }).strict(), CustomerSchema),
  /** Only while no document names the customer (CUSTOMER_IN_USE otherwise: deactivate it). */
  'customers.delete': mutation('manager', z.object({ id }).strict(), z.object({ deleted: z.literal(true) })),
  /** The file as text (`csv`) or its bytes (`csv_base64`: UTF-8, UTF-16 or Windows-1252, detected). */
  'customers.import': mutation(
    'manager',
    z.object({
      csv: z.string().max(20_000_000).optional(),
      csv_base64: z.string().max(26_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: zodMessage(msg.catalog.base64Invalid) }).optional(),
      skip_bad: z.boolean().default(false),
    }).strict().refine((v) => (v.csv === undefined) !== (v.csv_base64 === undefined), { message: zodMessage(msg.customers.importFileMissing), path: ['csv'] }),
    CustomerImportReportSchema,
  ),
  /** Every customer (inactive too, with the «attivo» column) as CSV that import reads back. */
  'customers.export': query('manager', z.object({ inactive: z.boolean().default(true) }).strict(), z.object({ csv: z.string(), count: z.number().int() })),
});
