// The three services behind one face for the sender's tests: start the emulator on the test's fake
// clock, the configuration that reaches it (or a wrong credential), what it holds, and the SDI's
// moves and faults. Plus a ledger with the shop, a customer and invoices issued through the contract.
import type { InvoicingConfig } from '../../../backend/invoicing/config.js';
import type { ProviderName } from '../../../backend/invoicing/sender/store.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { startFatturaElettronicaApi, type FeaEmulator } from '../../../emulators/fattura-elettronica-api/index.js';
import { startFattura24, type F24Emulator } from '../../../emulators/fattura24/index.js';
import type { Clock } from '../../../shared/time.js';
import type { WritableDb } from '../../../backend/db/types.js';
import type { Env } from '../../../backend/config.js';
import { putSecret, type KeyProvider } from '../../../backend/secrets.js';
import { setSetting } from '../../../backend/settings.js';
import { INVOICE_CREDENTIAL_SECRET } from '../../../backend/invoicing/config.js';
import { loginCashier, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { barSport, invoicingShop, receiptNumbered, wineAndBread } from '../invoices/helpers.js';

export const FISCAL_ID = '00743110157';
export type Fault = 'serverError' | 'dropAfterCommit' | 'rateLimit';

export interface Service {
  name: ProviderName;
  url: string;
  config(good?: boolean): InvoicingConfig;
  /** Chooses this service in Settings (with the right or a wrong credential), as the shop would. */
  configure(db: WritableDb, keys: KeyProvider, env: Env, good?: boolean): void;
  /** The invoices it holds: number and its id there. */
  held(): { number: string; remoteId: string }[];
  deliver(remoteId: string): void;
  reject(remoteId: string, code: string, message: string): void;
  /** The next POST of an invoice meets this fault. */
  fault(kind: Fault): void;
  /** Fattura24 only: its count of calls against the limits (else null). */
  stats(): { calls: number; refusedConcurrent: number; refusedOverLimit: number; maxPerMinute: number; maxInFlight: number } | null;
  close(): Promise<void>;
}

export async function startService(name: ProviderName, clock: Clock): Promise<Service> {
  if (name === 'openapi') {
    const emu: Emulator = await startEmulator({ token: 'tok-ok', fiscalId: FISCAL_ID, customerInvoice: true, clock });
    return {
      name, url: emu.url,
      config: (good = true) => ({ provider: 'openapi', baseUrl: emu.url, token: good ? 'tok-ok' : 'tok-wrong', fiscalId: FISCAL_ID }),
      configure: (db, _keys, env, good = true) => {
        setSetting(db, 'invoice.provider', 'openapi', new Date());
        Object.assign(env, { BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: good ? 'tok-ok' : 'tok-wrong', BANCONE_FISCAL_ID: FISCAL_ID });
      },
      held: () => emu.invoiceStore.invoices.map((i) => ({ number: i.documentNumber, remoteId: i.id })),
      deliver: (id) => { emu.invoiceStore.deliver(id); },
      reject: (id, code, message) => { emu.invoiceStore.reject(id, [{ code, message }]); },
      fault: (kind) => {
        if (kind === 'rateLimit') emu.setFaults({ retryAfterSeconds: 120 });
        emu.failNext(kind);
      },
      stats: () => null,
      close: () => emu.close(),
    };
  }
  if (name === 'fattura-elettronica-api') {
    const emu: FeaEmulator = await startFatturaElettronicaApi({ username: 'negozio', password: 'segreta', clock });
    return {
      name, url: emu.url,
      config: (good = true) => ({ provider: name, endpoint: emu.url, auth: { kind: 'basic', username: 'negozio', password: good ? 'segreta' : 'sbagliata' } }),
      configure: (db, keys, _env, good = true) => {
        setSetting(db, 'invoice.provider', name, new Date());
        setSetting(db, 'invoice.providerUrl', emu.url, new Date());
        setSetting(db, 'invoice.providerUser', 'negozio', new Date());
        putSecret(db, keys, INVOICE_CREDENTIAL_SECRET, good ? 'segreta' : 'sbagliata', new Date());
      },
      held: () => emu.invoices().map((i) => ({ number: i.numero, remoteId: String(i.id) })),
      deliver: (id) => emu.setState(Number(id), 'CONS'),
      reject: (id, code, message) => emu.setState(Number(id), 'ERRO', `${code} - ${message}`),
      fault: (kind) => emu.failNext(kind),
      stats: () => null,
      close: () => emu.close(),
    };
  }
  const emu: F24Emulator = await startFattura24({ apiKey: 'chiave-ok', clock });
  return {
    name, url: emu.url,
    config: (good = true) => ({ provider: 'fattura24', endpoint: emu.url, apiKey: good ? 'chiave-ok' : 'chiave-sbagliata' }),
    configure: (db, keys, _env, good = true) => {
      setSetting(db, 'invoice.provider', 'fattura24', new Date());
      setSetting(db, 'invoice.providerUrl', emu.url, new Date());
      putSecret(db, keys, INVOICE_CREDENTIAL_SECRET, good ? 'chiave-ok' : 'chiave-sbagliata', new Date());
    },
    held: () => emu.documents().map((d) => ({ number: d.docNumber, remoteId: d.docId })),
    deliver: (id) => emu.setFeStatus(id, 'DELIVERED'),
    reject: (id, code, message) => emu.setFeStatus(id, 'REJECTED', `${code} - ${message}`),
    fault: (kind) => emu.failNext(kind),
    stats: () => emu.stats(),
    close: () => emu.close(),
  };
}

/** A ledger with the shop's data, Bar Sport in the book, and a cashier logged in. */
export async function invoicingBackend(): Promise<Backend> {
  const b = makeBackend();
  invoicingShop(b.db);
  await loginCashier(b);
  await b.ok('customers.save', barSport);
  return b;
}

let receipts = 0;
/** A sale with its receipt numbered by the AdE, and its invoice (TD01). */
export async function issueInvoice(b: Backend): Promise<{ id: string; number: string; saleId: string }> {
  const sale = await b.ok('sale.commit', wineAndBread) as { id: string; number: string };
  receiptNumbered(b.db, sale.id, `DCW2026/${5000 + ++receipts}-0001`);
  const inv = await b.ok('invoices.create', { sale: sale.number, customer: 'IT01234567897' }) as { id: string; number: string };
  return { ...inv, saleId: sale.id };
}

/** A return of one bottle of the sale and its credit note (TD04). */
export async function issueCreditNote(b: Backend, saleId: string): Promise<{ id: string; number: string }> {
  const ret = await b.ok('documents.return', { sale: saleId, lines: [{ line_no: 1, quantity: 1 }] }) as { id: string };
  return await b.ok('invoices.creditNote', { return: ret.id }) as { id: string; number: string };
}

/** An invoice the services refuse for itself: its XML without lines (test-only: the ledger forbids edits). */
export function spoilInvoice(b: Backend, invoiceId: string): void {
  b.db.exec('DROP TRIGGER IF EXISTS invoices_no_update');
  b.db.prepare(`UPDATE invoices SET xml = replace(replace(xml, substr(xml, instr(xml, '<DettaglioLinee>'), instr(xml, '<DatiRiepilogo>') - instr(xml, '<DettaglioLinee>')), ''), 'x', 'x') WHERE id = ?`).run(invoiceId);
}

export function outboxOf(b: Backend, invoiceId: string): { state: string; provider: string | null; remote_id: string | null; last_error: string | null; sdi_errors: string } {
  return b.db.prepare('SELECT state, provider, remote_id, last_error, sdi_errors FROM invoice_outbox WHERE invoice_id = ?').get(invoiceId) as never;
}
