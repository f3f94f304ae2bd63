import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../shared/contract/index.js';
import { sessionContract } from '../../../shared/contract/session.js';
import { catalogContract } from '../../../shared/contract/catalog.js';
import { saleContract } from '../../../shared/contract/sale.js';
import { documentsContract } from '../../../shared/contract/documents.js';
import { statusContract } from '../../../shared/contract/status.js';
import { settingsContract } from '../../../shared/contract/settings.js';
import { printingContract } from '../../../shared/contract/printing.js';

// The till's own maps (other features, e.g. reports, test their own).
const till = { ...sessionContract, ...catalogContract, ...saleContract, ...documentsContract, ...statusContract, ...settingsContract };
import { defineContract, mergeContracts, mutation, query } from '../../../shared/contract/define.js';
import { SettingsValuesSchema } from '../../../shared/contract/settings.js';
import { SETTING_DEFAULTS, SettingsSchema } from '../../../backend/settings.js';
import { fiscalGroup } from '../../../shared/contract/documents.js';
import { makeBackend, loginCashier } from './helpers.js';

describe('the contract map', () => {
  it('throws when a method name is registered twice', () => {
    const a = defineContract({ 'x.get': query('public', z.object({}), z.object({})) });
    const b = defineContract({ 'x.get': mutation('manager', z.object({}), z.object({})) });
    expect(() => mergeContracts(a, b)).toThrow('Contract method registered twice: x.get');
  });

  it('the merged contract holds every till method', () => {
    for (const name of Object.keys(till)) expect(Object.hasOwn(contract, name)).toBe(true);
  });

  it('only accepts "area.verb" names', () => {
    expect(() => defineContract({ commit: query('public', z.object({}), z.object({})) })).toThrow(/area\.verb/);
  });

  it('marks every method that changes data as a write', () => {
    const writes = Object.entries(till).filter(([, s]) => s.write).map(([n]) => n).sort();
    expect(writes).toEqual([
      'catalog.addPresetDepartments', 'catalog.deleteDepartment', 'catalog.import', 'catalog.save', 'catalog.saveDepartment', 'documents.cancelTransmission', 'documents.printFiscalNumber', 'documents.reprint', 'documents.retry', 'documents.return',
      'documents.void', 'operators.save', 'sale.authorize', 'sale.commit', 'sale.discardParked', 'sale.park', 'sale.resume',
      'session.approve', 'session.login', 'session.logout', 'session.setup', 'settings.save', 'settings.setSecret', 'settings.testPrint',
    ]);
  });

  it('keeps voids, settings, catalog edits and operators behind a manager', () => {
    const manager = Object.entries(till).filter(([, s]) => s.access === 'manager').map(([n]) => n).sort();
    expect(manager).toEqual([
      'catalog.addPresetDepartments', 'catalog.deleteDepartment', 'catalog.import', 'catalog.save', 'catalog.saveDepartment', 'documents.cancelTransmission', 'documents.retry', 'documents.void',
      'operators.list', 'operators.save', 'settings.save', 'settings.setSecret', 'settings.testPrint',
    ]);
  });

  it('the printer\'s map (set-up step 3): reading a job and the models is an operator\'s, the drawer test a manager\'s write', () => {
    expect(Object.fromEntries(Object.entries(printingContract).map(([n, s]) => [n, [s.access, s.write]]))).toEqual({
      'printing.job': ['operator', false], 'printing.models': ['operator', false], 'printing.testDrawer': ['manager', true],
    });
  });

  it('the settings service uses the contract schema, with a valid default for every key', () => {
    expect(SettingsSchema).toBe(SettingsValuesSchema.shape);
    expect(Object.keys(SETTING_DEFAULTS).sort()).toEqual(Object.keys(SettingsValuesSchema.shape).sort());
    expect(SettingsValuesSchema.parse(SETTING_DEFAULTS)).toEqual(SETTING_DEFAULTS);
  });
});

describe('fiscal status groups', () => {
  it('maps outbox states to in coda / inviato / pronto / errore', () => {
    expect(['pending', 'sending', 'unknown', null, undefined, 'whatever'].map(fiscalGroup)).toEqual(Array(6).fill('queued'));
    expect(fiscalGroup('sent')).toBe('sent');
    expect(fiscalGroup('ready')).toBe('ready');
    expect(fiscalGroup('failed')).toBe('error');
  });

  it('the history filter (SQL) agrees with fiscalGroup for every state', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const states = ['pending', 'sending', 'sent', 'unknown', 'ready', 'failed', 'voided'];
    const ids: Record<string, string> = {};
    for (const s of states) {
      const r = await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
      b.db.prepare('UPDATE outbox SET state = ? WHERE document_id = ?').run(s, r.id);
      ids[s] = r.id;
    }
    for (const group of ['queued', 'sent', 'ready', 'error'] as const) {
      const { rows } = await b.ok('documents.history', { status: group });
      const expected = states.filter((s) => fiscalGroup(s) === group).map((s) => ids[s]).sort();
      expect(rows.map((r) => r.id).sort()).toEqual(expected);
      expect(rows.every((r) => r.fiscalGroup === group)).toBe(true);
    }
  });
});
