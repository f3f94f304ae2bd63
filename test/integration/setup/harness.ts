// A till on a data folder, driven through its dispatcher as the set-up wizard will drive it, against
// the Openapi emulator on 127.0.0.1. `restart()` closes it and starts a fresh till on the same folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTill, type Till } from '../../../backend/programs/till.js';
import { saveOperator } from '../../../backend/operators.js';
import { fakeClock } from '../../../shared/time.js';
import type { Input, MethodName, Output } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';

export const TOKEN = 'tok-negozio-7f3a9c21';
/** Published, valid numbers (shared/fiscal-id.ts checks them). */
export const PIVA = '00743110157';
export const ADE_CF = 'RSSMRA85T10A562S';
export const SHOP = { name: 'Bottega Rossi S.n.c.', vat_number: PIVA, tax_code: PIVA, address: 'Via Roma 1\n10121 Torino (TO)', regime: 'RF01' } as const;
export const CREDS = { email: 'bottega@example.com', tax_code: ADE_CF, password: 'Segreta!2026', pin: '1234567890' };

export interface SetupTill {
  till: Till;
  clock: ReturnType<typeof fakeClock>;
  emu: Emulator;
  dir: string;
  managerId: string;
  cashierId: string;
  ok<K extends MethodName>(name: K, arg: Input<K>, session?: string): Promise<Output<K>>;
  err(name: MethodName, arg: unknown, session?: string): Promise<ErrorInfo>;
  /** A fresh till on the same data folder (the manager logs in again). */
  restart(): Promise<void>;
  /** Every byte of the ledger file, as text: what a copied data folder gives away. */
  ledgerBytes(): string;
  close(): Promise<void>;
}

export async function startSetupTill(opts: { clock?: ReturnType<typeof fakeClock> } = {}): Promise<SetupTill> {
  const clock = opts.clock ?? fakeClock('2026-11-21T10:00:00Z');
  const emu = await startEmulator({ token: TOKEN, readyDelayMs: 50 });
  const dir = mkdtempSync(join(tmpdir(), 'bancone-setup-'));
  const open = () => startTill({ dbFile: join(dir, 'bancone.db'), dataDir: dir, clock, sync: false, fetch: (u, i) => fetch(u, i) });
  let till = open();
  const manager = saveOperator(till.db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
  const cashier = saveOperator(till.db, clock, { name: 'Giulia', role: 'cashier', pin: '1111' }, null);
  const login = async () => {
    const r = await till.dispatcher.call('session.login', { operator_id: manager.id, pin: '9999' }, { id: 'wizard' });
    if (!r.ok) throw new Error(r.error.message);
  };
  await login();
  const t: SetupTill = {
    get till() { return till; },
    clock, emu, dir, managerId: manager.id, cashierId: cashier.id,
    async ok(name, arg, session = 'wizard') {
      const r = await till.dispatcher.call(name, arg, { id: session });
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async err(name, arg, session = 'wizard') {
      const r = await till.dispatcher.call(name, arg, { id: session });
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error;
    },
    async restart() {
      await till.close();
      till = open();
      await login();
    },
    ledgerBytes() {
      till.db.pragma('wal_checkpoint(TRUNCATE)');
      return readFileSync(join(dir, 'bancone.db')).toString('latin1');
    },
    async close() {
      await till.close();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}
