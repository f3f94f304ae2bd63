// `bancone sync --watch` (the shop's own long-running sender, when the app is not running) sends
// invoices too, as the sync process does: started before the invoice exists, it sends it once it is
// issued, and stops cleanly on SIGTERM. A real `bancone` process against the Openapi emulator.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { invoiceSale } from '../../../backend/invoicing/issue.js';
import { setSetting } from '../../../backend/settings.js';
import { CustomerSaveSchema } from '../../../shared/contract/customers.js';
import { systemClock } from '../../../shared/time.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { BIN, ROOT, tempDataDir } from '../cli/helpers.js';
import { barSport, invoicingShop, receiptNumbered } from '../invoices/helpers.js';
import { FISCAL_ID } from './sender-harness.js';

const dirs: string[] = [];
let emu: Emulator | null = null;
afterEach(async () => { await emu?.close(); emu = null; });
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: 700 }] };

describe('bancone sync --watch', () => {
  it('sends an invoice issued while it runs, once, and exits 0 on SIGTERM', async () => {
    emu = await startEmulator({ token: 'tok-ok', fiscalId: FISCAL_ID, customerInvoice: true });
    const dir = tempDataDir();
    dirs.push(dir);
    const file = join(dir, 'bancone.db');
    const db = openDatabase(file);
    try {
      invoicingShop(db);
      setSetting(db, 'invoice.provider', 'openapi', new Date());
      saveCustomer(db, null, CustomerSaveSchema.parse(barSport), new Date().toISOString());
    } finally { db.close(); }

    const child = spawn(process.execPath, [BIN, 'sync', '--watch'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, BANCONE_DATA_DIR: dir,
        XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? '', BANCONE_KEYRING: process.env.BANCONE_KEYRING ?? '',
        BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: 'tok-ok', BANCONE_FISCAL_ID: FISCAL_ID,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      await expect.poll(() => stderr, { timeout: 30_000 }).toContain('Trasmissione in corso');
      // Issued by the till while `sync --watch` runs (the sale's receipt already through).
      const till = openDatabase(file);
      try {
        const sale = commitSale(till, systemClock, pane, { printReceipt: false });
        receiptNumbered(till, sale.id, 'DCW2026/5111-2222');
        invoiceSale(till, systemClock, { sale: sale.id, customer: 'IT01234567897', operatorId: null });
      } finally { till.close(); }
      // Nobody kicks it: the watch finds the invoice on its own within its idle wait.
      await expect.poll(() => emu!.invoiceStore.invoices.map((i) => i.documentNumber), { timeout: 90_000, interval: 250 }).toEqual([expect.stringMatching(/\/0001$/)]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(emu.invoiceStore.invoices).toHaveLength(1);
  }, 150_000);
});
