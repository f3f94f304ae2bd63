// The customer book (issue #13): search, read, save, deactivate, delete while unused, CSV in and out.
import type { HandlerMap } from './context.js';
import { deleteCustomer, getCustomer, saveCustomer, searchCustomers, setCustomerActive } from '../customers/store.js';
import { exportCustomersCsv, importCustomersCsv } from '../customers/csv.js';
import { decodeCsvBytes } from '../catalog/csv-decode.js';
import { appendAudit } from '../ledger/audit.js';

type CustomerMethods =
  | 'customers.search' | 'customers.get' | 'customers.save' | 'customers.deactivate' | 'customers.delete'
  | 'customers.import' | 'customers.export';

export const customerHandlers: HandlerMap<CustomerMethods> = {
  'customers.search': ({ text, limit, inactive }, ctx) => ({ customers: searchCustomers(ctx.db, text, limit, inactive) }),
  'customers.get': ({ id }, ctx) => getCustomer(ctx.db, id),

  'customers.save': ({ id, ...fields }, ctx) => {
    const at = ctx.clock.now().toISOString();
    return ctx.db.transaction(() => {
      const c = saveCustomer(ctx.db, id ?? null, fields, at);
      appendAudit(ctx.db, { at, actor: ctx.operator.id, action: id ? 'customer.update' : 'customer.create', entityId: c.id, payload: { name: c.displayName } });
      return c;
    }).immediate();
  },

  'customers.deactivate': ({ id, active }, ctx) => {
    const at = ctx.clock.now().toISOString();
    return ctx.db.transaction(() => {
      const c = setCustomerActive(ctx.db, id, active, at);
      appendAudit(ctx.db, { at, actor: ctx.operator.id, action: active ? 'customer.activate' : 'customer.deactivate', entityId: id, payload: { name: c.displayName } });
      return c;
    }).immediate();
  },

  'customers.delete': ({ id }, ctx) => {
    const at = ctx.clock.now().toISOString();
    ctx.db.transaction(() => {
      const c = deleteCustomer(ctx.db, id);
      appendAudit(ctx.db, { at, actor: ctx.operator.id, action: 'customer.delete', entityId: id, payload: { name: c.displayName } });
    }).immediate();
    return { deleted: true as const };
  },

  'customers.import': ({ csv, csv_base64, skip_bad }, ctx) => {
    const file = csv_base64 !== undefined ? decodeCsvBytes(Buffer.from(csv_base64, 'base64')) : { text: csv!, encoding: undefined };
    const report = importCustomersCsv(ctx.db, file.text, ctx.clock.now(), { skipBad: skip_bad, ...(file.encoding ? { encoding: file.encoding } : {}) });
    if (report.applied)
      appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'customers.import', entityId: null, payload: { imported: report.imported, created: report.created, skipped: report.skipped } });
    return report;
  },

  'customers.export': ({ inactive }, ctx) => exportCustomersCsv(ctx.db, inactive),
};
