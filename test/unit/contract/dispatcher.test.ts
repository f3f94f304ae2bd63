import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeBackend, loginCashier, loginManager } from './helpers.js';
import { createDispatcher } from '../../../backend/api/index.js';
import { allHandlers } from '../../../backend/api/registry.js';
import { mergeHandlers } from '../../../backend/api/registry.js';
import { verifyAudit } from '../../../backend/ledger/index.js';

const cashSale = (amount = 500) => ({ lines: [{ barcode: '8001234567890', quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: amount }] });

describe('dispatcher: validation and errors as values', () => {
  it('answers an unknown method with an error value, not an exception', async () => {
    const b = makeBackend();
    const e = await b.err('sale.explode' as never, {});
    expect(e.code).toBe('UNKNOWN_METHOD');
  });

  it('validates input with the contract schema and names the field in Italian and English', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', { lines: [{ barcode: '8001234567890', quantity: -1 }], payments: [] });
    expect(e.field).toBe('lines[0].quantity');
    expect(e.message).toMatch(/^Campo "lines\[0\]\.quantity"/);
    expect(e.message_en).toMatch(/^Field "lines\[0\]\.quantity"/);
  });

  it('reports business rule errors from the ledger with their field (lottery code with cash)', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', { ...cashSale(), lottery_code: 'ABCD1234' });
    expect(e).toMatchObject({ code: 'LOTTERY_NOT_ELECTRONIC', field: 'lottery_code' });
    expect(e.message).toContain('pagamento interamente elettronico');
  });

  it('refuses operator methods before login, serves public ones', async () => {
    const b = makeBackend();
    expect((await b.err('catalog.search', { text: 'latte' })).code).toBe('NOT_LOGGED_IN');
    const state = await b.ok('session.state', {});
    expect(state.operator).toBeNull();
    expect(state.operators.map((o) => o.name)).toEqual(['Giulia', 'Marco']);
    expect(JSON.stringify(state)).not.toContain('scrypt');
  });

  it('a handler that breaks its output schema is reported as an internal error naming the field', async () => {
    const errors: string[] = [];
    const b = makeBackend({}, {
      handlers: { ...allHandlers, 'catalog.favourites': () => ({ products: [{ id: 1 }] }) } as never,
      onInternalError: (name) => errors.push(name),
    });
    await loginCashier(b);
    const e = await b.err('catalog.favourites', {});
    expect(e.code).toBe('OUTPUT_INVALID');
    expect(e.field).toBe('products[0].id');
    expect(errors).toEqual(['catalog.favourites']);
  });

  it('refuses to start with a handler registered twice or a method without handler', () => {
    expect(() => mergeHandlers({ 'a.b': () => 1 }, { 'a.b': () => 2 })).toThrow(/registered twice: a\.b/);
    const b = makeBackend();
    const { 'status.get': _omit, ...partial } = allHandlers;
    expect(() => createDispatcher({ db: b.db, clock: b.clock }, { handlers: partial as never })).toThrow(/No handler for contract method status\.get/);
  });
});

describe('dispatcher: sessions, PINs and manager approval', () => {
  it('logs in with the right PIN only, and locks the session after five wrong PINs', async () => {
    const b = makeBackend();
    const wrong = await b.err('session.login', { operator_id: b.cashierId, pin: '0000' });
    expect(wrong).toMatchObject({ code: 'PIN_WRONG', field: 'pin', message: 'PIN errato' });
    for (let i = 0; i < 4; i++) await b.err('session.login', { operator_id: b.cashierId, pin: '0000' });
    const locked = await b.err('session.login', { operator_id: b.cashierId, pin: '1111' });
    expect(locked.code).toBe('PIN_LOCKED');
    // Another till window is not affected by this one's lock.
    await loginCashier(b, 'other');
    b.clock.advance(31_000);
    const op = await b.ok('session.login', { operator_id: b.cashierId, pin: '1111' });
    expect(op).toEqual({ id: b.cashierId, name: 'Giulia', role: 'cashier', active: true });
  });

  it('sessions are separate: logging in one window does not log in another', async () => {
    const b = makeBackend();
    await loginCashier(b, 'w1');
    expect((await b.ok('session.state', {}, 'w1')).operator?.name).toBe('Giulia');
    expect((await b.ok('session.state', {}, 'w2')).operator).toBeNull();
  });

  it('a cashier needs a manager approval to void; the approval is used once and journaled', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const s1 = await b.ok('sale.commit', cashSale());
    const s2 = await b.ok('sale.commit', cashSale());
    const voidS1 = { sale: s1.id, reason: 'errore di battitura' };
    const denied = await b.err('documents.void', voidS1);
    expect(denied.code).toBe('MANAGER_REQUIRED');
    expect(denied.approval?.reasons).toEqual([{ code: 'documents.void', message: `Annullo della vendita ${s1.number} (€ 2,98)`, message_en: `Void of sale ${s1.number} (€ 2.98)` }]);
    expect((await b.err('session.approve', { pin: '1111', request_id: denied.approval!.requestId })).code).toBe('PIN_WRONG');
    const approval = await b.approve(denied);
    expect(approval.managerName).toBe('Marco');
    const v = await b.ok('documents.void', voidS1);
    expect(v.kind).toBe('void');
    expect((await b.err('documents.void', { sale: s2.id })).code).toBe('MANAGER_REQUIRED');
    const approvals = b.db.prepare(`SELECT actor, entity_id, payload FROM audit_log WHERE action = 'manager.approval'`).all() as { actor: string; entity_id: string; payload: string }[];
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.actor).toBe(b.managerId);
    expect(approvals[0]!.entity_id).toBe(v.id);
    expect(JSON.parse(approvals[0]!.payload)).toEqual({
      method: 'documents.void', operatorId: b.cashierId, requestId: denied.approval!.requestId,
      reasons: [{ code: 'documents.void', message: `Annullo della vendita ${s1.number} (€ 2,98)` }],
    });
    expect(verifyAudit(b.db).ok).toBe(true);
  });

  it('an approval that fails its action is kept for that action; one left unused expires after two minutes', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const denied = await b.err('documents.void', { sale: 'nope' });
    expect(denied.approval?.reasons.map((r) => r.message)).toEqual(['Annullo di una vendita']);
    await b.approve(denied);
    expect((await b.err('documents.void', { sale: 'nope' })).code).toBe('DOCUMENT_NOT_FOUND');
    expect((await b.ok('session.state', {})).approval?.managerName).toBe('Marco');
    // Given back, so the retry of the same call uses it again (and it is still not spent).
    expect((await b.err('documents.void', { sale: 'nope' })).code).toBe('DOCUMENT_NOT_FOUND');
    b.clock.advance(2 * 60_000 + 1);
    expect((await b.ok('session.state', {})).approval).toBeNull();
    expect((await b.err('documents.void', { sale: 'nope' })).code).toBe('MANAGER_REQUIRED');
    expect((await b.err('operators.list', {})).code).toBe('MANAGER_REQUIRED');
  });

  it('a price override by a cashier needs a manager; at list price it does not', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const overridden = { lines: [{ barcode: '8001234567890', unit_price_cents: 100 }], payments: [{ method: 'cash' as const, amount_cents: 100 }] };
    const denied = await b.err('sale.commit', overridden);
    expect(denied.code).toBe('MANAGER_REQUIRED');
    await b.ok('sale.commit', { lines: [{ barcode: '8001234567890', unit_price_cents: 149 }], payments: [{ method: 'cash', amount_cents: 150 }] });
    await b.approve(denied);
    const r = await b.ok('sale.commit', overridden);
    expect(r.totalCents).toBe(100);
    const line = b.db.prepare('SELECT unit_price_cents, list_price_cents FROM document_lines WHERE document_id = ?').get(r.id);
    expect(line).toEqual({ unit_price_cents: 100, list_price_cents: 149 });
  });

  it('records the logged-in operator on the sale and refuses another operator id', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const r = await b.ok('sale.commit', cashSale());
    expect(b.db.prepare('SELECT operator_id FROM documents WHERE id = ?').pluck().get(r.id)).toBe(b.cashierId);
    expect((await b.err('sale.commit', { ...cashSale(), operator_id: b.managerId })).code).toBe('OPERATOR_MISMATCH');
  });

  it('a deactivated operator is logged out at the next call', async () => {
    const b = makeBackend();
    await loginCashier(b, 'till');
    await loginManager(b, 'office');
    await b.ok('operators.save', { id: b.cashierId, name: 'Giulia', role: 'cashier', active: false }, 'office');
    expect((await b.err('catalog.favourites', {}, 'till')).code).toBe('NOT_LOGGED_IN');
  });

  it('first-run setup creates the first manager once', async () => {
    const b = makeBackend();
    expect((await b.err('session.setup', { name: 'Nuovo', pin: '1234' })).code).toBe('SETUP_DONE');
    b.db.exec('DELETE FROM operators');
    expect((await b.ok('session.state', {})).setupRequired).toBe(true);
    const op = await b.ok('session.setup', { name: 'Titolare', pin: '1234' });
    expect(op.role).toBe('manager');
    expect((await b.ok('session.state', {})).operator?.name).toBe('Titolare');
  });
});

describe('dispatcher: writes are serialized, reads are not', () => {
  it('runs the next write only after the previous one settled, while a read goes through at once', async () => {
    const b = makeBackend();
    const log: string[] = [];
    const slow = (tag: string, ms: number) => async () => {
      log.push(`${tag}:start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${tag}:end`);
      return {};
    };
    const d = createDispatcher({ db: b.db, clock: b.clock }, {
      handlers: { ...allHandlers, 'session.logout': slow('w1', 30), 'sale.discardParked': slow('w2', 1), 'catalog.favourites': async () => { log.push('read'); return { products: [] }; } } as never,
    });
    await d.call('session.login', { operator_id: b.cashierId, pin: '1111' });
    const p1 = d.call('session.logout', {});
    const p2 = d.call('sale.discardParked', { id: 'x' });
    const p3 = d.call('catalog.favourites', {});
    await Promise.all([p1, p2, p3]);
    expect(log.indexOf('w1:end')).toBeLessThan(log.indexOf('w2:start'));
    expect(log.indexOf('read')).toBeLessThan(log.indexOf('w1:end'));
  });

  it('a failing write does not block the ones after it', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const bad = b.dispatcher.call('sale.resume', { id: 'missing' }, { id: 's1' });
    const good = b.dispatcher.call('sale.commit', cashSale(), { id: 's1' });
    expect((await bad).ok).toBe(false);
    expect((await good).ok).toBe(true);
  });
});

describe('contract output shapes', () => {
  it('strips what the contract does not declare', async () => {
    const b = makeBackend({}, { handlers: { ...allHandlers, 'session.logout': () => ({ secret: 'x' }) } as never });
    await loginCashier(b);
    const r = await b.ok('session.logout', {});
    expect(r).toEqual({});
    expect(z.object({}).safeParse(r).success).toBe(true);
  });
});
