// The invoice queue as the shop sees it (invoices.queue) and «Riprova» for an invoice the service
// refused (invoices.retry): the counts, what stops the queue in words that say where to fix it, and a
// retry that only a manager can make and only for a refused invoice.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from '../../unit/contract/helpers.js';
import { setSetting } from '../../../backend/settings.js';
import { barSport, invoicingShop, receiptNumbered, wineAndBread } from './helpers.js';

async function invoicedBackend() {
  const b = makeBackend();
  invoicingShop(b.db);
  await loginCashier(b);
  await b.ok('customers.save', barSport);
  const sale = await b.ok('sale.commit', wineAndBread);
  receiptNumbered(b.db, sale.id, 'DCW2026/5111-2222');
  const inv = await b.ok('invoices.create', { sale: sale.number, customer: 'IT01234567897' });
  return { b, inv };
}

describe('invoices.queue and invoices.retry', () => {
  it('counts the invoices per state and says what stops the queue and where to fix it', async () => {
    const { b, inv } = await invoicedBackend();
    let q = await b.ok('invoices.queue', {});
    expect(q.provider).toBeNull();
    expect(q.counts).toMatchObject({ pending: 1, failed: 0, delivered: 0 });
    expect(q.stopped).toMatchObject({ code: 'INVOICING_NO_PROVIDER' });
    expect(q.stopped!.message).toContain('Impostazioni');
    expect(inv.sending).toMatchObject({ state: 'pending', label: 'Da inviare', labelEn: 'To be sent', canRetry: false, canReissue: false, sdiErrors: [] });

    setSetting(b.db, 'invoice.provider', 'fattura24', new Date());
    q = await b.ok('invoices.queue', {});
    expect(q).toMatchObject({ provider: 'fattura24', stopped: { code: 'INVOICING_NO_CREDENTIAL' } });
    expect(q.stopped!.message).toMatch(/chiave o la password/);
  });

  it('«Riprova» puts a refused invoice back in the queue, for a manager only, and refuses any other state', async () => {
    const { b, inv } = await invoicedBackend();
    expect((await b.err('invoices.retry', { invoice: inv.number })).code).toBe('MANAGER_REQUIRED');
    await loginManager(b, 's2');
    expect((await b.err('invoices.retry', { invoice: inv.number }, 's2')).code).toBe('INVOICE_NOT_FAILED');
    b.db.prepare(`UPDATE invoice_outbox SET state = 'failed', last_error = 'rifiutata' WHERE invoice_id = ?`).run(inv.id);
    const got = await b.ok('invoices.get', { invoice: inv.number });
    expect(got.sending).toMatchObject({ state: 'failed', canRetry: true, label: 'Rifiutata dal servizio: correggere e riprovare' });

    // The cashier asks, the manager approves at the till: the journal names the manager.
    const back = await b.withApproval('invoices.retry', { invoice: inv.number });
    expect(back.sending).toMatchObject({ state: 'pending', lastError: null, canRetry: false });
    expect(b.db.prepare(`SELECT actor FROM audit_log WHERE action = 'invoice.retry'`).pluck().all()).toEqual([b.managerId]);
  });
});
