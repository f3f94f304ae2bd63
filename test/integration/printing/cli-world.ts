// The `bancone` CLI with a data folder of its own and a virtual printer on 127.0.0.1, fresh for every
// test: what the printing CLI tests share. Registers its own beforeEach/afterEach.
import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../backend/cli/main.js';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { fakeClock } from '../../../shared/time.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

export interface CliWorld {
  clock: ReturnType<typeof fakeClock>;
  dir(): string;
  printer(): VirtualPrinter;
  /** Runs `bancone argv…` in-process against this world's data folder and printer. */
  cli(argv: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  /** A connection to the world's ledger for the duration of `f`. */
  withDb<T>(f: (db: WritableDb) => T): T;
}

export function cliWorld(name: string, start = '2026-11-21T17:42:00Z'): CliWorld {
  const clock = fakeClock(start);
  let dir = '';
  let vp: VirtualPrinter;
  beforeEach(async () => {
    clock.set(start);
    dir = mkdtempSync(join(tmpdir(), `bancone-${name}-`));
    fiscalShopFile(join(dir, 'bancone.db'));
    vp = await startVirtualPrinter();
  });
  afterEach(async () => {
    await vp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    clock,
    dir: () => dir,
    printer: () => vp,
    async cli(argv, env = {}) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '' },
        { BANCONE_DATA_DIR: dir, BANCONE_PRINTER: vp.url, ...env }, clock);
      return { code, stdout, stderr };
    },
    withDb(f) {
      const db = openDatabase(join(dir, 'bancone.db'));
      try { return f(db); } finally { db.close(); }
    },
  };
}
