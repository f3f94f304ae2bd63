// Which documents name a customer. There are no invoices yet (issue #13 builds them next): a future
// document table references the customer with `customer_id TEXT REFERENCES customers(id)`, and is
// counted here without changing this file — every table whose foreign key points at customers.id is
// found in the schema. A customer with uses cannot be deleted (deactivated instead), and the foreign
// key itself refuses the delete if a caller forgets to ask.
import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';

/** The (table, column) pairs that reference customers(id), read from the schema. */
export function customerReferences(db: ReadableDb): { table: string; column: string }[] {
  const tables = readStmt(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customers%'`, { pluck: true }).all() as string[];
  const out: { table: string; column: string }[] = [];
  for (const table of tables) {
    const fks = readStmt(db, 'SELECT "table" AS target, "from" AS col, "to" AS key FROM pragma_foreign_key_list(?)').all(table) as { target: string; col: string; key: string | null }[];
    for (const fk of fks) if (fk.target === 'customers' && fk.key === 'id') out.push({ table, column: fk.col });
  }
  return out;
}

/** How many rows of the referencing tables name this customer. */
export function customerUses(db: ReadableDb, id: string): number {
  let n = 0;
  for (const { table, column } of customerReferences(db))
    n += readStmt(db, `SELECT count(*) FROM "${table.replace(/"/g, '""')}" WHERE "${column.replace(/"/g, '""')}" = ?`, { pluck: true }).get(id) as number;
  return n;
}
