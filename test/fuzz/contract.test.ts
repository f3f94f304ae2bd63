// Fuzz at the UI ↔ backend boundary (issue #10 «Keep it honest»): every contract method through the
// dispatcher the bridge and Electron use, with inputs derived from valid ones and mutated (wrong
// types, -0, 10^16, control and zero-width characters, keys removed or added). A refusal is never
// INTERNAL, carries no stack trace, names the field and changes nothing; what is accepted leaves
// only what a till can mean in the ledger. BANCONE_FUZZ_RUNS=20000 for a long run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loginManager, makeBackend, type Backend } from '../unit/contract/helpers.js';
import { contract } from '../../shared/contract/index.js';
import { digest, ledgerProblems, mutated, newFigures, record, refusalProblems, report, runs, seed, TIMEOUT } from './oracle.js';

/** Refusals about the session's state, not about a field of the input. */
const STATE_CODES = new Set(['NOT_LOGGED_IN', 'MANAGER_REQUIRED', 'DAY_CLOSED', 'BLACKOUT', 'SETUP_UNAVAILABLE', 'PRINTING_UNAVAILABLE']);
// Methods that would end the fuzzing session itself or its operators: their inputs are still fuzzed, on a session of their own.
const OWN_SESSION = new Set(['session.logout', 'session.login', 'session.setup', 'session.approve', 'operators.save']);

const line = { description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 1 };
const cartLine = { key: 'k1', productId: null, sku: null, barcode: null, description: 'Pane', vatCode: '4', department: null, unitPriceCents: 350, listPriceCents: null, quantityMilli: 1000, soldByWeight: false, discount: null, complimentary: false };

function seeds(saleId: string, saleNumber: string): Record<string, unknown[]> {
  const sales = [
    { lines: [{ barcode: '8001234567890', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 500 }] },
    { lines: [line, { ...line, description: 'Vino', vat_code: '22', unit_price_cents: 1290, discount_cents: 100 }], discount_cents: 50, payments: [{ method: 'meal_voucher', amount_cents: 800, count: 1 }, { method: 'electronic', amount_cents: 890 }], note: 'nota' },
    { lines: [{ ...line, complimentary: true }, line], payments: [{ method: 'uncollected', amount_cents: 350, kind: 'goods' }] },
  ];
  return {
    'sale.commit': sales,
    'sale.authorize': sales,
    'sale.park': [{ cart: { lines: [cartLine], saleDiscount: { kind: 'percent', value: 1000 } }, label: 'Banco 1' }],
    'documents.get': [{ ref: saleNumber }],
    'documents.receipt': [{ id: saleId, mark: 'copy' }],
    'documents.reprint': [{ id: saleId }],
    'documents.return': [{ sale: saleNumber, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'cash', reason: 'difettoso' }],
    'documents.void': [{ sale: saleId, reason: 'errore' }],
    'documents.history': [{ from: '2026-11-01', to: '2026-11-30', status: 'all', kind: 'sale' }],
    'documents.cancelTransmission': [{ id: saleId, reason: 'prova' }],
    'reports.cashMovement': [{ kind: 'in', amount_cents: 1000, reason: 'resto' }, { kind: 'float', amount_cents: 15000 }],
    'reports.countCash': [{ denominations: { 5000: 2, 200: 7 }, note: 'sera' }],
    'reports.get': [{ type: 'x', date: '2026-11-21' }],
    'reports.period': [{ from: '2026-11-01', to: '2026-11-21' }],
    'reports.closeDay': [{ business_day: '2026-11-21', note: 'chiusura', force: true }],
    'catalog.save': [{ sku: 'OLIO', description: 'Olio extravergine 1 l', price_cents: 899, vat_code: '4', department: null, barcodes: ['8000000000026'] }],
    'catalog.saveDepartment': [{ code: 'ALI', name: 'Alimentari', vat_code: '4' }],
    'catalog.search': [{ text: 'latte', limit: 5 }],
    'catalog.lookup': [{ code: '8001234567890' }],
    'catalog.list': [{ text: '', offset: 0, limit: 10 }],
    'session.login': [{ operator_id: 'x', pin: '1111' }],
    'session.approve': [{ pin: '9999', request_id: 'r1' }],
    'operators.save': [{ name: 'Anna', role: 'cashier', pin: '4321', active: true }],
    'settings.save': [{ values: { 'shop.footer': 'Grazie' } }],
  };
}

async function prepare(): Promise<{ b: Backend; seedsOf: Record<string, unknown[]> }> {
  const b = makeBackend();
  await loginManager(b);
  const sale = await b.ok('sale.commit', { lines: [{ barcode: '8001234567890', quantity: 3 }, line], payments: [{ method: 'electronic', amount_cents: 797 }] });
  return { b, seedsOf: seeds(sale.id, sale.number) };
}

describe('fuzz: every contract method through the dispatcher', () => {
  it('never INTERNAL, no stack trace, names the field, nothing changed on a refusal, nothing wrong accepted', async () => {
    const { b, seedsOf } = await prepare();
    const methods = Object.keys(contract);
    const f = newFigures();
    let other = 0;
    await fc.assert(
      fc.asyncProperty(
        // Methods with valid seeds get most of the runs: a mutated valid input reaches the handlers.
        fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...methods) }, { weight: 4, arbitrary: fc.constantFrom(...Object.keys(seedsOf)) }).chain((m) => fc.tuple(fc.constant(m), fc.constantFrom<unknown>(...(seedsOf[m] ?? [{}])).chain(mutated))),
        async ([method, arg]) => {
          const session = OWN_SESSION.has(method) ? `other-${other++}` : 's1';
          const before = digest(b.db);
          const known = new Set(ledgerProblems(b.db));
          const r = await b.dispatcher.call(method, arg, { id: session });
          f.tried++;
          const what = `${method} ${JSON.stringify(arg)}`;
          if (r.ok) {
            f.accepted++;
            record(f, what, ledgerProblems(b.db).filter((p) => !known.has(p)));
          } else {
            f.refused++;
            record(f, what, refusalProblems(r.error, digest(b.db) !== before, STATE_CODES, arg));
          }
          return true;
        },
      ),
      { numRuns: runs(400), ...seed },
    );
    console.info(report('contract', f));
    expect(f.examples, report('contract', f)).toEqual([]);
    expect(f.refused).toBeGreaterThan(f.tried / 4);
    expect(f.accepted).toBeGreaterThan(f.tried / 50);
  }, TIMEOUT);
});
