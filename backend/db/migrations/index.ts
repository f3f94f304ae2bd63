// Ordered list of migrations. Each area owns its own numbered file; append, never edit or reorder.
import { sql as m0001 } from './0001_initial.js';
import { sql as m0002 } from './0002_sync.js';
import { sql as m0003 } from './0003_printing.js';
import { sql as m0004 } from './0004_ui.js';
import { sql as m0005 } from './0005_eod.js';
import { sql as m0006 } from './0006_indexes.js';
import { sql as m0007 } from './0007_void_as_return.js';
import { sql as m0009 } from './0009_print_drawer.js';
import { sql as m0010 } from './0010_parked_own.js';
import { sql as m0011 } from './0011_setup_adopted.js';
import { sql as m0012 } from './0012_training.js';
import { sql as m0013 } from './0013_idempotency.js';
import { sql as m0014 } from './0014_setup_steps_adopted.js';
import { sql as m0015 } from './0015_customers.js';
import { sql as m0016 } from './0016_invoices.js';
import { sql as m0017 } from './0017_invoice_at_sale_and_reissue.js';
import { sql as m0019 } from './0019_invoice_at_sale_index.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'sync', sql: m0002 },
  { version: 3, name: 'printing', sql: m0003 },
  { version: 4, name: 'ui', sql: m0004 },
  { version: 5, name: 'eod', sql: m0005 },
  { version: 6, name: 'indexes', sql: m0006 },
  { version: 7, name: 'void_as_return', sql: m0007 },
  { version: 9, name: 'print_drawer', sql: m0009 },
  { version: 10, name: 'parked_own', sql: m0010 },
  { version: 11, name: 'setup_adopted', sql: m0011 },
  { version: 12, name: 'training', sql: m0012 },
  { version: 13, name: 'idempotency', sql: m0013 },
  { version: 14, name: 'setup_steps_adopted', sql: m0014 },
  { version: 15, name: 'customers', sql: m0015 },
  { version: 16, name: 'invoices', sql: m0016 },
  { version: 17, name: 'invoice_at_sale_and_reissue', sql: m0017 },
  { version: 19, name: 'invoice_at_sale_index', sql: m0019 },
];
