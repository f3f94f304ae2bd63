// What every fuzz run checks at a boundary (issue #10 «Keep it honest»): a refusal is never
// INTERNAL, carries no stack trace, changes nothing in the database and names the field; an input
// that is accepted leaves only what a till can mean in the ledger. Runs count instead of stopping
// at the first finding, so a run reports its figures (tried, accepted wrongly, crashes, changes on
// reject) — BANCONE_FUZZ_RUNS raises the number of inputs (default: a few seconds in npm test).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MAX_AMOUNT_CENTS } from '../../shared/money.js';
import type { ErrorInfo } from '../../shared/errors.js';

export const RUNS = Number(process.env.BANCONE_FUZZ_RUNS ?? 0) || 0;
/** A long run (BANCONE_FUZZ_RUNS) may take many minutes; the default run keeps vitest's limit. */
export const TIMEOUT = RUNS > 0 ? 4 * 60 * 60 * 1000 : undefined;

/** Inputs per property: the env var's, or the small default. */
export function runs(small: number): number {
  return RUNS > 0 ? RUNS : small;
}

/** BANCONE_FUZZ_SEED replays a run (fast-check prints the seed of a failing one). */
export const seed: { seed?: number } = process.env.BANCONE_FUZZ_SEED ? { seed: Number(process.env.BANCONE_FUZZ_SEED) } : {};

interface Db {
  prepare(sql: string): { all(...args: unknown[]): unknown[] };
}

/** Every row of every table (FTS shadow tables aside: they follow products), hashed. */
export function digest(db: Db): string {
  const h = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'products_fts%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    // Some tables are WITHOUT ROWID: rows are sorted as text instead.
    const rows = db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    for (const row of rows.sort()) h.update(row);
  }
  return h.digest('hex');
}

const TEXT_COLUMNS: Record<string, string[]> = {
  products: ['description'], documents: ['note'], document_lines: ['description'], cash_movements: ['reason'],
  cash_counts: ['note'], day_closures: ['note'], parked_sales: ['label'], departments: ['name'],
};
const AMOUNT_TABLES = ['products', 'documents', 'document_lines', 'payments', 'vat_rows', 'cash_movements', 'cash_counts', 'parked_sales'];

/** What an accepted input may have left: amounts within MAX_AMOUNT_CENTS, clean text, payment fields that belong. */
export function ledgerProblems(db: Db): string[] {
  const out: string[] = [];
  for (const t of AMOUNT_TABLES) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const [k, v] of Object.entries(row)) {
        if (k.endsWith('_cents') && typeof v === 'number' && Math.abs(v) > MAX_AMOUNT_CENTS) out.push(`${t}.${k} = ${v}`);
      }
    }
  }
  for (const [t, cols] of Object.entries(TEXT_COLUMNS)) {
    for (const row of db.prepare(`SELECT ${cols.join(', ')} FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const c of cols) {
        const v = row[c];
        if (typeof v !== 'string') continue;
        if (/\p{Cc}|\p{Cs}/u.test(v)) out.push(`${t}.${c} holds a control character: ${JSON.stringify(v)}`);
        else if (v !== v.trim() || v !== v.normalize('NFC')) out.push(`${t}.${c} not cleaned: ${JSON.stringify(v)}`);
        else if (c === 'description' && /^[\s\p{Cf}]*$/u.test(v)) out.push(`${t}.${c} blank: ${JSON.stringify(v)}`);
      }
    }
  }
  for (const p of db.prepare('SELECT method, count, uncollected_kind FROM payments').all() as { method: string; count: number | null; uncollected_kind: string | null }[]) {
    if (p.count !== null && p.method !== 'meal_voucher') out.push(`payments.count on ${p.method}`);
    if (p.uncollected_kind !== null && p.method !== 'uncollected') out.push(`payments.uncollected_kind on ${p.method}`);
  }
  return out;
}

const STACK = /\n\s+at |\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+:\d+|node_modules/;

/** The value at a field as the errors name it ("lines[0].quantity"); undefined when absent. */
function valueAt(input: unknown, field: string): unknown {
  let v: unknown = input;
  for (const m of field.matchAll(/[^.[\]]+/g)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[m[0]];
  }
  return v;
}

/** What is wrong with a refusal, if anything; `changed`: the database's digest moved. `input` when it is the one parsed (JSON, contract). */
export function refusalProblems(e: ErrorInfo, changed: boolean, stateCodes: ReadonlySet<string>, input?: unknown): string[] {
  const out: string[] = [];
  // Item 6: a present field called missing, a positive quantity explained as «minimo 0».
  if (input !== undefined && e.code === 'INVALID_INPUT' && e.field && /obbligatorio mancante/.test(e.message) && valueAt(input, e.field) !== undefined)
    out.push(`wrong words: present field called missing: ${e.message}`);
  if (/minimo 0\b|minimum 0\b/.test(e.message + e.message_en)) out.push(`wrong words: ${e.message}`);
  if (e.code === 'INTERNAL' || e.code === 'OUTPUT_INVALID') out.push(`crash ${e.code}: ${e.message}`);
  if (STACK.test(e.message) || STACK.test(e.message_en)) out.push(`stack trace: ${e.message}`);
  if (changed) out.push(`changed on reject ${e.code}`);
  if (!stateCodes.has(e.code)) {
    if (!e.field) out.push(`no field: ${e.code} ${e.message}`);
    else if (e.code === 'INVALID_INPUT' && !e.message.includes(`"${e.field}"`)) out.push(`field not named: ${e.field} in ${e.message}`);
  }
  return out;
}

export interface Figures {
  tried: number;
  accepted: number;
  refused: number;
  acceptedWrongly: number;
  crashes: number;
  changesOnReject: number;
  unnamed: number;
  examples: string[];
}

export function newFigures(): Figures {
  return { tried: 0, accepted: 0, refused: 0, acceptedWrongly: 0, crashes: 0, changesOnReject: 0, unnamed: 0, examples: [] };
}

export function record(f: Figures, what: string, problems: string[]): void {
  for (const p of problems) {
    if (p.startsWith('crash') || p.startsWith('stack')) f.crashes++;
    else if (p.startsWith('changed')) f.changesOnReject++;
    else if (p.startsWith('no field') || p.startsWith('field not named') || p.startsWith('wrong words')) f.unnamed++;
    else f.acceptedWrongly++;
    if (f.examples.length < 8) f.examples.push(`${p}\n    input: ${what.slice(0, 300)}`);
  }
}

export function report(name: string, f: Figures): string {
  return `${name}: tried ${f.tried} (accepted ${f.accepted}, refused ${f.refused}); accepted wrongly ${f.acceptedWrongly}, crashes ${f.crashes}, changes on reject ${f.changesOnReject}, refusals not naming the field or saying the wrong thing ${f.unnamed}`;
}

/** Values that have broken boundaries before: wrong types, -0, beyond 2^53, control and invisible characters. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    'NaN', '', ' ', '-0', '1e16', '\u200b', '\u200b\u200d', '\ufeff', 'Vino\u001bp\u0000', 'a\ud800', 'Caffe\u0300', ' x ', '\u202eevil',
    -0, 0, -1, 0.5, 1.0005, 1e16, 2 ** 53, 10_000_000_000, Number.MAX_SAFE_INTEGER, null, true, false, [], {}, [1], { a: 1 },
    'cash', 'goods', 'meal_voucher', 'uncollected', 'electronic', '4', '22', 'N2',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Json = unknown;

/** Paths to every value inside a JSON-like input. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function setAt(v: Json, path: (string | number)[], value: Json | typeof DELETE): Json {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    const next = setAt(copy[head as number], rest, value);
    if (next === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(v as Record<string, Json>) };
  const next = setAt(copy[head as string], rest, value);
  if (next === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}
const DELETE = Symbol('delete');

/** A valid input, then 0–3 mutations: a value replaced by a hostile one, a key removed, an unknown key added, or the whole replaced. */
export function mutated(seed: Json): fc.Arbitrary<Json> {
  const one = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.nat(), hostile).map(([i, h]) => (v: Json) => { const ps = paths(v); return setAt(v, ps[i % ps.length]!, h); }) },
    { weight: 2, arbitrary: fc.nat().map((i) => (v: Json) => { const ps = paths(v).filter((p) => p.length > 0); return ps.length ? setAt(v, ps[i % ps.length]!, DELETE) : v; }) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('extra', 'count', 'kind', 'constructor'), hostile).map(([i, k, h]) => (v: Json) => {
      const objs = paths(v).filter((p) => { let x: Json = v; for (const s of p) x = (x as Record<string, Json>)[s as string]; return x !== null && typeof x === 'object' && !Array.isArray(x); });
      if (!objs.length) return v;
      return setAt(v, [...objs[i % objs.length]!, k], h);
    }) },
    { weight: 1, arbitrary: hostile.map((h) => () => h) },
  );
  return fc.array(one, { minLength: 0, maxLength: 3 }).map((fs) => fs.reduce((v, f) => f(v), seed));
}
