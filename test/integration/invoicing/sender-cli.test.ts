// `bancone sync --once` sends the invoices too; `bancone invoice status [DOC]`, `reissue`, `retry`
// as a shop owner reads them: the queue in words, one invoice's SDI error with what to fix, and the
// corrected re-issue going out once. Openapi's emulator stands in for both receipts and invoices.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { invoiceSale } from '../../../backend/invoicing/issue.js';
import { setSetting } from '../../../backend/settings.js';
import { CustomerSaveSchema } from '../../../shared/contract/customers.js';
import { fakeClock } from '../../../shared/time.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { cli, tempDataDir } from '../cli/helpers.js';
import { barSport, invoicingShop, receiptNumbered } from '../invoices/helpers.js';
import { FISCAL_ID } from './sender-harness.js';

const dirs: string[] = [];
let emu: Emulator | null = null;
afterEach(async () => { await emu?.close(); emu = null; });
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: 700 }] };

describe('bancone invoice status / reissue / retry, and sync --once for invoices', () => {
  it('the queue in words; sent by sync --once; a rejection with what to fix; the re-issue goes once', async () => {
    const clock = fakeClock('2026-11-21T10:00:00Z');
    emu = await startEmulator({ token: 'tok-ok', fiscalId: FISCAL_ID, customerInvoice: true, clock });
    const env = { BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: 'tok-ok', BANCONE_FISCAL_ID: FISCAL_ID };
    const dir = tempDataDir();
    dirs.push(dir);
    const db = openDatabase(join(dir, 'bancone.db'));
    try {
      invoicingShop(db);
      saveCustomer(db, null, CustomerSaveSchema.parse(barSport), clock.now().toISOString());
      const sale = commitSale(db, clock, pane, { printReceipt: false });
      // The receipt went through already: the receipts' queue has nothing to wait for here.
      receiptNumbered(db, sale.id, 'DCW2026/5111-2222');
      invoiceSale(db, clock, { sale: sale.id, customer: 'IT01234567897', operatorId: null });
    } finally { db.close(); }

    const before = await cli(dir, ['invoice', 'status'], { clock, env });
    expect(before.stdout).toBe('Coda fatture:\n  1 × Da inviare\nFatture: nessun servizio di fatturazione scelto; le fatture restano in coda (Impostazioni, Fatturazione elettronica)\n');

    const db2 = openDatabase(join(dir, 'bancone.db'));
    try { setSetting(db2, 'invoice.provider', 'openapi', clock.now()); } finally { db2.close(); }
    const sync = await cli(dir, ['sync', '--once', '--json'], { clock, env });
    expect(JSON.parse(sync.stdout)).toMatchObject({ invoices: { sent: 1, adopted: 0, failed: 0, stopped: null } });
    expect(emu.invoiceStore.invoices.map((i) => i.documentNumber)).toEqual(['2026/0001']);

    emu.invoiceStore.reject(emu.invoiceStore.invoices[0]!.id, [{ code: '00311', message: 'CodiceDestinatario non valido' }]);
    clock.advance(61_000);
    await cli(dir, ['sync', '--once'], { clock, env });
    const one = await cli(dir, ['invoice', 'status', '2026/0001'], { clock, env });
    expect(one.stdout).toBe([
      'Fattura n. 2026/0001 del 21/11/2026, Bar Sport Srl, € 7,00',
      'Stato: Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni',
      'Servizio: openapi',
      `Identificativo SDI: ${emu.invoiceStore.invoices[0]!.sdiId}`,
      'Errore SDI 00311: CodiceDestinatario non valido',
      '  Cosa fare: Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere',
      'Cosa fare: correggere e riemettere con «bancone invoice reissue 2026/0001» (entro 5 giorni)',
    ].join('\n') + '\n');

    const re = await cli(dir, ['invoice', 'reissue', '2026/0001'], { clock, env });
    expect({ code: re.code, out: re.stdout, err: re.stderr }).toEqual({ code: 0, out: 'Fattura n. 2026/0002 emessa in sostituzione della 2026/0001 scartata; in attesa di invio\n', err: '' });
    const retry = await cli(dir, ['invoice', 'retry', '2026/0002'], { clock, env });
    expect(retry.stderr).toMatch(/^Errore \[INVOICE_NOT_FAILED\]: Fattura: 2026\/0002 non è rifiutata/);
    const again = await cli(dir, ['invoice', 'reissue', '2026/0001'], { clock, env });
    expect(again.stderr).toBe('Errore [INVOICE_ALREADY_REISSUED]: Fattura: 2026/0001 è già stata riemessa con la fattura 2026/0002\n');

    await cli(dir, ['sync', '--once'], { clock, env });
    await cli(dir, ['sync', '--once'], { clock, env });
    expect(emu.invoiceStore.invoices.map((i) => i.documentNumber)).toEqual(['2026/0001', '2026/0002']);
    const queue = await cli(dir, ['invoice', 'status'], { clock, env });
    expect(queue.stdout).toBe('Coda fatture:\n  1 × Ricevuta dal servizio, in attesa di invio allo SDI\n  1 × Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni\nLa coda delle fatture è in funzione\n');
  });
});
