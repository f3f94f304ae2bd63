// A full disk, said as such (issue #10, item 9). SQLite answers SQLITE_FULL («database or disk is
// full») when a write does not fit, and at 0 bytes free it cannot even grow its shared-memory file
// and answers SQLITE_IOERR_* («disk I/O error»); a file export meets ENOSPC. Shown raw they read as
// «Errore interno», and the shopkeeper does not know what to do. The transaction that did not fit
// was rolled back whole: what was recorded before is safe, and that is said too.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

/** Below this, an I/O error on the ledger is taken for a full disk (SQLite does not say which). */
const NEARLY_FULL_BYTES = 1024 * 1024;

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** DISK_FULL for an error that comes from a full disk (the ledger at `dbFile`), else null. */
export function diskFullError(e: unknown, dbFile?: string): BanconeError | null {
  if (e instanceof BanconeError) return null;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const dir = dbFile && dbFile !== ':memory:' ? dirname(dbFile) : null;
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC'
    || (code.startsWith('SQLITE_IOERR') && dir !== null && (freeBytes(dir) ?? Infinity) < NEARLY_FULL_BYTES);
  if (!full) return null;
  return new BanconeError('DISK_FULL', msg.common.diskFull({ dir }));
}
