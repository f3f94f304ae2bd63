// Readable vs writable handles in the types (Signal Desktop's idea): a report takes a ReadableDb
// and so cannot call a writer by accident. Both are the same better-sqlite3 object at run time.
import type Database from 'better-sqlite3';

declare const readable: unique symbol;
declare const writable: unique symbol;
export type ReadableDb = Database.Database & { readonly [readable]: true };
export type WritableDb = ReadableDb & { readonly [writable]: true };
