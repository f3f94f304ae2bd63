// The invoice sender in the real sync process (backend/sync/process.ts), killed with SIGKILL while
// an invoice is in flight, per service. The kill is made by construction, not by timing: the
// emulator holds the invoice's POST (after storing it, or before) until its client is gone, and the
// test kills once that request has arrived. Restarted, the process looks the invoice up instead of
// sending it blindly: the service holds it exactly once and the ledger's state is the service's.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, seededRandom, type Emulator } from '../../../emulators/openapi/index.js';
import { startFatturaElettronicaApi, type FeaEmulator } from '../../../emulators/fattura-elettronica-api/index.js';
import { startFattura24, type F24Emulator } from '../../../emulators/fattura24/index.js';
import { setSetting } from '../../../backend/settings.js';
import { dataDirKeyProvider, putSecret } from '../../../backend/secrets.js';
import { INVOICE_CREDENTIAL_SECRET } from '../../../backend/invoicing/config.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { CustomerSaveSchema } from '../../../shared/contract/customers.js';
import { invoiceSale } from '../../../backend/invoicing/issue.js';
import { systemClock } from '../../../shared/time.js';
import { commitVariedSale, tempLedger, type TempLedger } from '../sync/fixtures.js';
import { barSport, invoicingShop, receiptNumbered } from '../invoices/helpers.js';
import { FISCAL_ID } from './sender-harness.js';

const ENTRY = fileURLToPath(new URL('../../../backend/sync/process.ts', import.meta.url));
const spawned: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of spawned.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of cleanups.splice(0).reverse()) await f();
});

const exited = (c: ChildProcess) => new Promise<void>((r) => { if (c.exitCode !== null || c.signalCode !== null) r(); else c.once('exit', () => r()); });

function startSync(ledger: TempLedger, env: Record<string, string>, log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--db', ledger.file, '--data-dir', ledger.dir], {
    env: { ...process.env, BANCONE_INVOICE_LOOKUP_DELAY_MS: '50', BANCONE_INVOICE_POLL_FIRST_MS: '200', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  spawned.push(child);
  return child;
}

interface Held { reached: Promise<unknown>; done: Promise<unknown> }
interface World { env: Record<string, string>; held(): string[]; hold(commit: 'before' | 'after'): Held; deliverAll(): void }

async function world(name: 'openapi' | 'fattura-elettronica-api' | 'fattura24', ledger: TempLedger): Promise<World> {
  const keys = dataDirKeyProvider(ledger.dir);
  const at = new Date();
  setSetting(ledger.db, 'invoice.provider', name, at);
  if (name === 'openapi') {
    const emu: Emulator = await startEmulator({ token: 'tok-ok', fiscalId: FISCAL_ID, customerInvoice: true });
    cleanups.push(() => emu.close());
    return {
      env: { BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: 'tok-ok', BANCONE_FISCAL_ID: FISCAL_ID },
      held: () => emu.invoiceStore.invoices.map((i) => i.documentNumber),
      hold: (commit) => emu.hold({ methods: ['POST'], commit }),
      deliverAll: () => { for (const i of emu.invoiceStore.invoices) emu.invoiceStore.deliver(i.id); },
    };
  }
  if (name === 'fattura-elettronica-api') {
    const emu: FeaEmulator = await startFatturaElettronicaApi({ username: 'negozio', password: 'segreta' });
    cleanups.push(() => emu.close());
    setSetting(ledger.db, 'invoice.providerUrl', emu.url, at);
    setSetting(ledger.db, 'invoice.providerUser', 'negozio', at);
    putSecret(ledger.db, keys, INVOICE_CREDENTIAL_SECRET, 'segreta', at);
    return {
      env: {}, held: () => emu.invoices().map((i) => i.numero), hold: (commit) => emu.hold({ commit }),
      deliverAll: () => { for (const i of emu.invoices()) emu.setState(i.id, 'CONS'); },
    };
  }
  const emu: F24Emulator = await startFattura24({ apiKey: 'chiave-ok' });
  cleanups.push(() => emu.close());
  setSetting(ledger.db, 'invoice.providerUrl', emu.url, at);
  putSecret(ledger.db, keys, INVOICE_CREDENTIAL_SECRET, 'chiave-ok', at);
  return {
    env: {}, held: () => emu.documents().map((d) => d.docNumber), hold: (commit) => emu.hold({ commit }),
    deliverAll: () => { for (const d of emu.documents()) emu.setFeStatus(d.docId, 'DELIVERED'); },
  };
}

function issue(ledger: TempLedger, n: number): { id: string; number: string } {
  const saleId = commitVariedSale(ledger.db, systemClock, seededRandom(100 + n), n);
  // The receipt went through already: the receipts' engine has nothing to send in this test.
  receiptNumbered(ledger.db, saleId, `DCW2026/${7000 + n}-0001`);
  return invoiceSale(ledger.db, systemClock, { sale: saleId, customer: 'IT01234567897', operatorId: null });
}

const stateOf = (l: TempLedger, id: string) => l.db.prepare('SELECT state FROM invoice_outbox WHERE invoice_id = ?').pluck().get(id) as string;

describe.each([
  ['openapi', 'after'], ['fattura-elettronica-api', 'after'], ['fattura24', 'after'], ['fattura24', 'before'],
] as const)('sync process killed mid-request, %s (held %s storing)', (name, commit) => {
  it('restarted, it looks the invoice up and never sends it twice; the state is final at the service\'s', async () => {
    const ledger = tempLedger('bancone-sender-kill-');
    cleanups.push(() => ledger.cleanup());
    invoicingShop(ledger.db);
    saveCustomer(ledger.db, null, CustomerSaveSchema.parse(barSport), new Date().toISOString());
    const w = await world(name, ledger);
    const inv = issue(ledger, 1);
    const log: string[] = [];

    const held = w.hold(commit);
    const first = startSync(ledger, w.env, log);
    await held.reached;
    // The claim was committed before the request left: a kill leaves the row `sending`.
    expect(stateOf(ledger, inv.id)).toBe('sending');
    first.kill('SIGKILL');
    await exited(first);
    await held.done;
    expect(w.held()).toEqual(commit === 'after' ? [inv.number] : []);

    const second = startSync(ledger, w.env, log);
    await expect.poll(() => stateOf(ledger, inv.id), { timeout: 30_000, interval: 50 }).toMatch(/^(queued|sent)$/);
    expect(w.held(), log.join('')).toEqual([inv.number]);
    // The SDI delivers it: the poll brings the final state home.
    w.deliverAll();
    await expect.poll(() => stateOf(ledger, inv.id), { timeout: 30_000, interval: 50 }).toBe('delivered');
    second.kill('SIGTERM');
    await exited(second);
    expect(w.held()).toEqual([inv.number]);
  });
});
