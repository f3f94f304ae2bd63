// The till as browser mode runs it (`bancone serve`, `npm start` here: backend/programs/till.ts with
// its in-process sync) sends invoices too, not only receipts: a sale invoiced from the counter
// reaches the service once, without any sync process, and its state moves on the screen's contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTill, type Till } from '../../../backend/programs/till.js';
import { saveOperator } from '../../../backend/operators.js';
import { setSetting } from '../../../backend/settings.js';
import { systemClock } from '../../../shared/time.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';
import { barSport, invoicingShop, wineAndBread } from '../invoices/helpers.js';
import { FISCAL_ID } from './sender-harness.js';

let till: Till | null = null;
let emu: Emulator | null = null;
let dir = '';
afterEach(async () => {
  await till?.close();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  till = null; emu = null; dir = '';
});

describe('the till in browser mode', () => {
  it('sends an invoice issued at the counter to the service, once, with no sync process', async () => {
    emu = await startEmulator({ token: 'tok-ok', fiscalId: FISCAL_ID, customerInvoice: true });
    dir = mkdtempSync(join(tmpdir(), 'bancone-till-sender-'));
    const env = { BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: 'tok-ok', BANCONE_FISCAL_ID: FISCAL_ID };
    till = startTill({ dbFile: join(dir, 'bancone.db'), dataDir: dir, clock: systemClock, env, syncTuning: { pollFirstMs: 200, pollBackoffMaxMs: 400 } });
    fiscalShop(till.db, new Date());
    invoicingShop(till.db);
    setSetting(till.db, 'invoice.provider', 'openapi', new Date());
    saveOperator(till.db, systemClock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
    const marco = till.db.prepare(`SELECT id FROM operators WHERE name = 'Marco'`).pluck().get() as string;
    const call = async (name: string, arg: unknown) => {
      const r = await till!.dispatcher.call(name as never, arg as never, { id: 's' });
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    };
    await call('session.login', { operator_id: marco, pin: '9999' });
    await call('customers.save', barSport);
    const sale = await call('sale.commit', { ...wineAndBread, lines: [{ description: 'Vino', unit_price_cents: 2000, vat_code: '22', quantity: 1 }, { description: 'Pane', unit_price_cents: 1000, vat_code: '4', quantity: 1 }], invoice: { customer: '01234567897' } }) as { invoice: { number: string } };
    expect(sale.invoice.number).toBe('2026/0001');
    await expect.poll(() => emu!.invoiceStore.invoices.map((i) => i.documentNumber), { timeout: 30_000, interval: 100 }).toEqual(['2026/0001']);
    await expect.poll(async () => ((await call('invoices.get', { invoice: '2026/0001' })) as { sending: { state: string } }).sending.state, { timeout: 30_000 })
      .not.toMatch(/^(pending|sending|unknown)$/);
    // A sale invoiced at the counter is no receipt: nothing went to /IT-receipts.
    expect(emu.receipts()).toEqual([]);
    expect(emu.invoiceStore.invoices).toHaveLength(1);
  }, 90_000);
});
