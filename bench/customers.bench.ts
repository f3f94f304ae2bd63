// Customer search as the cashier types (issue #13): 50,000 customers in the book, every keystroke
// of a name, a part of a Partita IVA and of a codice fiscale is one customers.search (limit 30),
// straight on the store (backend/customers/store.ts searchCustomers: trigram index for 3+ characters).
// Goal: p95 under 5 ms a keystroke, so the list follows the typing.
//
//   npm run bench -- --only customers
//   npx tsx bench/customers.bench.ts        (standalone)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, TimedBenchResult } from './types.js';
import { openDatabase } from '../backend/db/open.js';
import { searchCustomers, writeCustomer } from '../backend/customers/store.js';
import { checkCustomer } from '../shared/customer.js';
import { partitaIvaCheckDigit } from '../shared/fiscal-id.js';

const GOAL_MS = 5;
const SURNAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini'];
const NAMES = ['Mario', 'Giulia', 'Luca', 'Anna', 'Marco', 'Sara', 'Paolo', 'Elena', 'Andrea', 'Chiara'];
const KINDS = ['Bar', 'Trattoria', 'Ferramenta', 'Panificio', 'Studio', 'Farmacia', 'Edicola', 'Officina'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

export async function run(ctx: Pick<BenchContext, 'tmpDir' | 'quick'>): Promise<TimedBenchResult[]> {
  const db = openDatabase(join(ctx.tmpDir, 'customers.db'));
  const n = ctx.quick ? 5_000 : 50_000;
  const at = new Date(0).toISOString();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const first10 = String(1_000_000_000 + i * 7919).slice(-10).padStart(10, '0');
      const piva = first10 + partitaIvaCheckDigit(first10);
      writeCustomer(db, null, checkCustomer({
        kind: 'company', denominazione: `${KINDS[i % KINDS.length]} ${SURNAMES[i % SURNAMES.length]} ${NAMES[(i * 7) % NAMES.length]} ${i}`,
        nome: '', cognome: '', codice_fiscale: '', partita_iva: piva, paese_iva: '', codice_destinatario: '', pec: '',
        indirizzo: 'Via Roma', numero_civico: '', cap: '20121', comune: 'Milano', provincia: 'MI', nazione: 'IT', notes: '',
      }), at);
    }
  }).immediate();
  const typed = ['trattoria ross', 'ferramenta bianchi', '4567', '0123456', 'mario 12'];
  const times: number[] = [];
  const slowest = new Map<string, number>();
  for (let round = 0; round < (ctx.quick ? 2 : 5); round++)
    for (const q of typed)
      for (let i = 1; i <= q.length; i++) {
        const t0 = performance.now();
        searchCustomers(db, q.slice(0, i), 30);
        const ms = performance.now() - t0;
        times.push(ms);
        slowest.set(q.slice(0, i), Math.max(ms, slowest.get(q.slice(0, i)) ?? 0));
      }
  db.close();
  const p95 = pct(times, 95);
  return [{ name: `customers.search per keystroke, ${n.toLocaleString('en')} customers`, medianMs: pct(times, 50), p95Ms: p95, goalMs: GOAL_MS, ok: p95 < GOAL_MS, detail: `${times.length} searches; slowest: ${[...slowest].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([q, ms]) => `«${q}» ${ms.toFixed(1)} ms`).join(', ')}` }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'bancone-bench-customers-'));
  try {
    console.log(await run({ tmpDir, quick: process.env.BENCH_QUICK === '1' }));
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
