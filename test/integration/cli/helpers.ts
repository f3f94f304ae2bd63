// Runs `bancone` in-process (runCli, fast) or as a real process (bin/bancone.mjs through tsx), each
// against its own data directory, and reads the ledger back to check what was (not) written.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../../backend/cli/main.js';
import type { Clock } from '../../../shared/time.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, 'bin/bancone.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A data folder whose ledger is a set-up, fiscal shop; `training`: an empty install (no ledger yet, training mode). */
export function tempDataDir(shop: 'fiscal' | 'training' = 'fiscal'): string {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-cli-'));
  if (shop === 'fiscal') fiscalShopFile(join(dir, 'bancone.db'));
  return dir;
}

export async function cli(dataDir: string, argv: string[], opts: { stdin?: string; clock?: Clock; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => opts.stdin ?? '' },
    { BANCONE_DATA_DIR: dataDir, ...opts.env },
    ...(opts.clock ? [opts.clock] : []),
  );
  return { code, stdout, stderr };
}

export function spawnCli(dataDir: string, argv: string[], stdin?: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: ROOT,
      // The data keys where the tests keep theirs (test/keys-setup.ts), never the user's keyring.
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, BANCONE_DATA_DIR: dataDir,
        XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? '', BANCONE_KEYRING: process.env.BANCONE_KEYRING ?? '', ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

/** Row counts of the ledger in dataDir (all zero when the ledger was never created). */
export function ledgerCounts(dataDir: string): Record<string, number> {
  const tables = ['products', 'barcodes', 'documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log', 'day_counters'];
  const file = join(dataDir, 'bancone.db');
  if (!existsSync(file)) return Object.fromEntries(tables.map((t) => [t, 0]));
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

export function withLedger<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'bancone.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const CATALOG_CSV = [
  // department_vat creates the departments on a fresh till (an unknown department is otherwise a row error)
  'sku;barcode;description;price;vat_code;department;department_vat',
  'LATTE1;8001234567897;Latte intero 1 l;1,20;4;ALIMENTARI;4',
  'VINO1;8000000000002|8000000000033;"Vino rosso; DOC";7,50;22;BEVANDE;22',
  'CAFFE;8000000000019;Caffè in grani 250 g;4.99;10%;ALIMENTARI;',
  'LIBRO;9788800000000;Libro;12,00;N2;;',
  '',
].join('\n');
