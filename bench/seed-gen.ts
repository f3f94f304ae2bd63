// Pure generator of the benchmark history (no database): products and sales as positional row
// arrays, in exactly the shape the ledger writes (see bench/seed.ts for what is and is not seeded).
// Runs in a worker thread while the main thread inserts, or inline for small seeds.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, entryHash, GENESIS_HASH } from '../backend/ledger/audit.js';
import { cashRoundingFor, computeSale, type PaymentInput, type SaleLineInput } from '../shared/sale.js';
import { lineAmount } from '../shared/money.js';
import type { VatCode } from '../shared/vat.js';
import { foldForSearch } from '../shared/text.js';
import { nextDay, romeDayBounds } from '../shared/time.js';

export interface SeedParams {
  sales: number;
  products: number;
  returns: number;
  voids: number;
  firstDay: string;
  days: number;
  prngSeed: number;
}

/** EAN-13 with a valid check digit: product i (0-based) scans as seedBarcode(i). */
export function seedBarcode(i: number, prefix = '200'): string {
  const body = prefix + String(i).padStart(12 - prefix.length, '0');
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(body[k]) * (k % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}
export const seedSku = (i: number) => `SKU${String(i).padStart(6, '0')}`;

export const OPERATORS = ['op-anna', 'op-marco', 'op-giulia'];
export const DEPARTMENTS: [string, VatCode][] = [['ALIMENTARI', '4'], ['PANETTERIA', '4'], ['LATTICINI', '4'], ['BEVANDE', '22'], ['VINI', '22'], ['CAFFE', '10'], ['SALUMERIA', '10'], ['DOLCI', '10'], ['CASA', '22'], ['IGIENE', '22'], ['CARTOLERIA', '22'], ['EDITORIA', 'N2']];
const NOUNS = ['Pasta', 'Caffè', 'Latte', 'Biscotti', 'Olio', 'Vino', 'Acqua', 'Birra', 'Pane', 'Formaggio', 'Prosciutto', 'Salame', 'Riso', 'Farina', 'Zucchero', 'Tè', 'Succo', 'Yogurt', 'Burro', 'Uova', 'Pomodori', 'Sapone', 'Shampoo', 'Detersivo', 'Quaderno', 'Penna', 'Pila', 'Candela', 'Tovaglioli', 'Cioccolato'];
const ADJS = ['integrale', 'biologico', 'fresco', 'extravergine', 'rosso', 'bianco', 'frizzante', 'naturale', 'dolce', 'piccante', 'classico', 'leggero', 'artigianale', 'di montagna', 'della città', 'al limone', 'all’uovo', 'senza glutine'];
const BRANDS = ['Bontà', 'Sole', 'Casa Verde', 'Il Mulino', 'Valle', 'Stella', 'Perla', 'Monte Rosa', 'Aurora', 'Trevi'];
const SIZES = ['250 g', '500 g', '1 kg', '1 l', '0,75 l', '6 × 1,5 l', '100 ml', '12 pz', '2 pz', ''];

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * canonicalJson for flat rows of primitives, with the key order sorted once per table instead of
 * per row (canonicalJson was a third of the seeding time). Same output byte for byte: the seeder
 * re-checks a sample against the ledger's documentDigest.
 */
function flatCanon(keys: string[]): (row: readonly unknown[]) => string {
  const order = keys.map((k, i) => [k, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const heads = order.map(([k], j) => `${j === 0 ? '' : ','}${JSON.stringify(k)}:`);
  return (row) => {
    let out = '{';
    for (let j = 0; j < order.length; j++) out += heads[j] + JSON.stringify(row[order[j]![1]]);
    return `${out}}`;
  };
}

// Column orders of the positional rows (same as the INSERTs in seed.ts and writeDocument).
export const DOC_COLS = ['id', 'kind', 'business_day', 'seq', 'number', 'created_at', 'operator_id', 'parent_id', 'subtotal_cents', 'line_discount_cents',
  'sale_discount_cents', 'complimentary_cents', 'total_cents', 'rounding_cents', 'due_cents', 'tendered_cents', 'change_cents', 'lottery_code', 'source', 'note'];
export const LINE_COLS = ['document_id', 'line_no', 'product_id', 'sku', 'barcode', 'description', 'department', 'vat_code', 'quantity_milli',
  'unit_price_cents', 'list_price_cents', 'gross_cents', 'discount_cents', 'sale_discount_share_cents', 'complimentary', 'amount_cents', 'parent_line_no'];
export const PAY_COLS = ['document_id', 'seq', 'method', 'amount_cents', 'applied_cents', 'count', 'uncollected_kind'];
export const VAT_COLS = ['document_id', 'vat_code', 'gross_cents', 'taxable_cents', 'vat_cents'];
export const PRODUCT_COLS = ['id', 'sku', 'description', 'search_text', 'price_cents', 'vat_code', 'department', 'sold_by_weight', 'favourite'];
// outbox: document_id, remote_id, document_number, document_date, submitted_at, created_at, updated_at
// print_jobs: id, document_id, created_at, printed_at
// audit_log: seq, at, actor, action, entity_id, payload, prev_hash, hash

type Row = unknown[];
export interface Batch {
  products: Row[];
  barcodes: [string, string][];
  docs: Row[];
  lines: Row[];
  pays: Row[];
  vats: Row[];
  outs: Row[];
  jobs: Row[];
  audits: Row[];
  counters: [string, number][];
  /** Sales the seeder may return or void afterwards: id, day, quantity of each line. */
  refs: { id: string; day: string; lines: number[] }[];
  done: boolean;
  lastDay: string;
}

const emptyBatch = (): Batch => ({ products: [], barcodes: [], docs: [], lines: [], pays: [], vats: [], outs: [], jobs: [], audits: [], counters: [], refs: [], done: false, lastDay: '' });

interface GenProduct { id: string; sku: string; barcode: string; description: string; priceCents: number; vatCode: VatCode; department: string; byWeight: boolean }

/** Generates the whole history, handing over a batch every `batchSize` sales. */
export function generate(p: SeedParams, emit: (b: Batch) => void, batchSize = 10_000): void {
  const rand = mulberry32(p.prngSeed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const canonDoc = flatCanon(DOC_COLS);
  const canonLine = flatCanon(LINE_COLS);
  const canonPay = flatCanon(PAY_COLS);
  const canonVat = flatCanon(VAT_COLS);

  let batch = emptyBatch();
  const products: GenProduct[] = [];
  for (let i = 0; i < p.products; i++) {
    const [dept, vat] = pick(DEPARTMENTS);
    const byWeight = (dept === 'SALUMERIA' || dept === 'PANETTERIA') && rand() < 0.5;
    const description = `${pick(NOUNS)} ${pick(ADJS)} ${pick(BRANDS)} ${byWeight ? 'al kg' : pick(SIZES)} ${i}`.replace(/\s+/g, ' ').trim();
    const priceCents = byWeight ? 500 + Math.floor(rand() * 3000) : 49 + Math.floor(rand() * rand() * 3000);
    const prod: GenProduct = { id: randomUUID(), sku: seedSku(i), barcode: seedBarcode(i), description, priceCents, vatCode: vat, department: dept, byWeight };
    products.push(prod);
    batch.products.push([prod.id, prod.sku, description, foldForSearch(description), priceCents, vat, dept, byWeight ? 1 : 0, i < 48 ? 1 : 0]);
    batch.barcodes.push([prod.barcode, prod.id]);
    if (i % 10 === 3) batch.barcodes.push([seedBarcode(i, '210'), prod.id]);
  }
  emit(batch);
  batch = emptyBatch();

  const refsWanted = 4 * (p.returns + p.voids);
  const refChance = Math.min(1, (8 * (p.returns + p.voids)) / Math.max(p.sales, 1));
  let refs = 0;
  let prevHash = GENESIS_HASH;
  let auditSeq = 0;
  const perDay = Math.floor(p.sales / p.days);
  const extraDays = p.sales - perDay * p.days;
  let day = p.firstDay;
  let inBatch = 0;
  for (let d = 0; d < p.days; d++, day = nextDay(day)) {
    const n = perDay + (d < extraDays ? 1 : 0);
    const dayStart = Date.parse(romeDayBounds(day).start) + 8 * 3_600_000; // 08:00 Italian time
    const step = (12 * 3_600_000) / Math.max(n, 1);
    for (let seq = 1; seq <= n; seq++) {
      const createdAt = new Date(dayStart + Math.floor((seq - 1) * step + rand() * step * 0.9)).toISOString();
      const id = randomUUID();
      const number = `${day}/${String(seq).padStart(4, '0')}`;
      // Mostly small carts; popular products (low index) sell more.
      const nLines = 1 + Math.floor(rand() * rand() * 7);
      const lines: SaleLineInput[] = [];
      let chargeable = 0;
      for (let l = 0; l < nLines; l++) {
        const prod = products[Math.floor(rand() * rand() * products.length)]!;
        const quantityMilli = prod.byWeight ? 100 + Math.floor(rand() * 1400) : 1000 * (rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 3));
        const override = rand() < 0.01;
        const complimentary = !override && rand() < 0.005;
        const unitPriceCents = override ? Math.max(0, prod.priceCents - 10 - Math.floor(rand() * 50)) : prod.priceCents;
        const gross = lineAmount(quantityMilli, unitPriceCents);
        const discountCents = !complimentary && rand() < 0.04 ? Math.min(gross, 10 * (1 + Math.floor(rand() * 20))) : 0;
        if (!complimentary) chargeable += gross - discountCents;
        lines.push({
          productId: prod.id, sku: prod.sku, barcode: prod.byWeight ? null : prod.barcode, description: prod.description,
          unitPriceCents, listPriceCents: override ? prod.priceCents : null, vatCode: prod.vatCode, quantityMilli, discountCents, complimentary, department: prod.department,
        });
      }
      const discountCents = rand() < 0.02 && chargeable > 100 ? Math.floor(chargeable * 0.05) : 0;
      const total = chargeable - discountCents;
      let lotteryCode: string | null = null;
      let payments: PaymentInput[];
      const r = rand();
      const cashDue = total + cashRoundingFor(total);
      if (total === 0) payments = [];
      else if (r < 0.5 && cashDue > 0) {
        const note = pick([500, 1000, 2000, 5000]);
        payments = [{ method: 'cash', amountCents: rand() < 0.3 ? cashDue : Math.max(cashDue, Math.ceil(cashDue / note) * note) }];
      } else if (r < 0.92 || total < 2) {
        payments = [{ method: 'electronic', amountCents: total }];
        if (total >= 100 && rand() < 0.1) lotteryCode = Math.floor(rand() * 2 ** 40).toString(36).toUpperCase().padStart(8, '0').slice(-8);
      } else if (r < 0.96 && total >= 800) {
        const count = Math.floor(total / 800);
        payments = [{ method: 'meal_voucher', amountCents: count * 800, count }];
        if (total > count * 800) payments.push({ method: 'electronic', amountCents: total - count * 800 });
      } else {
        const card = Math.floor(total / 2);
        payments = [{ method: 'electronic', amountCents: card }, { method: 'cash', amountCents: total - card + 500 }];
      }
      const t = computeSale({ lines, discountCents, payments, lotteryCode, cashRounding: true });
      if (t.totalCents !== total) throw new Error('seed: total mismatch');
      const operator = OPERATORS[Math.floor(rand() * OPERATORS.length)]!;

      // The rows, column for column what writeDocument inserts and documentDigest reads back.
      const doc = [id, 'sale', day, seq, number, createdAt, operator, null, t.subtotalCents, t.lineDiscountCents, t.saleDiscountCents,
        t.complimentaryCents, t.totalCents, t.roundingCents, t.dueCents, t.tenderedCents, t.changeCents, t.lotteryCode, 'till', null];
      const lineRows = t.lines.map((l) => [id, l.lineNo, l.productId ?? null, l.sku ?? null, l.barcode ?? null, l.description, l.department ?? null,
        l.vatCode, l.quantityMilli, l.unitPriceCents, l.listPriceCents ?? null, l.grossCents, l.discountCents, l.saleDiscountShareCents,
        l.complimentary ? 1 : 0, l.amountCents, null]);
      const payRows = t.payments.map((pm, i) => [id, i + 1, pm.method, pm.amountCents, pm.appliedCents, pm.count ?? null, pm.uncollectedKind ?? null]);
      const vatRows = t.vat.map((v) => [id, v.vatCode, v.grossCents, v.taxableCents, v.vatCents]);
      batch.docs.push(doc);
      for (const x of lineRows) batch.lines.push(x);
      for (const x of payRows) batch.pays.push(x);
      for (const x of vatRows) batch.vats.push(x);
      const submitted = new Date(Date.parse(createdAt) + 1500).toISOString();
      const ade = auditSeq + 1;
      batch.outs.push([id, `rcpt_${id.slice(0, 8)}`, `DCW${day.slice(0, 4)}/${String(Math.floor(ade / 10000)).padStart(4, '0')}-${String(ade % 10000).padStart(4, '0')}`, createdAt, submitted, createdAt, submitted]);
      batch.jobs.push([randomUUID(), id, createdAt, submitted]);
      // The journal entry exactly as appendAudit makes it; the digest as documentDigest computes it.
      const vatSorted = [...vatRows].sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1));
      const digest = createHash('sha256')
        .update(`{"d":${canonDoc(doc)},"l":[${lineRows.map(canonLine).join(',')}],"p":[${payRows.map(canonPay).join(',')}],"v":[${vatSorted.map(canonVat).join(',')}]}`)
        .digest('hex');
      const payload = canonicalJson({ number, parentId: null, totalCents: t.totalCents, digest });
      auditSeq++;
      const hash = entryHash(prevHash, auditSeq, createdAt, operator, 'document.sale', id, payload);
      batch.audits.push([auditSeq, createdAt, operator, 'document.sale', id, payload, prevHash, hash]);
      prevHash = hash;
      if (refs < refsWanted && rand() < refChance) {
        refs++;
        batch.refs.push({ id, day, lines: t.lines.map((l) => l.quantityMilli) });
      }
      if (++inBatch >= batchSize) {
        batch.lastDay = day;
        emit(batch);
        batch = emptyBatch();
        inBatch = 0;
      }
    }
    batch.counters.push([day, n]);
    batch.lastDay = day;
  }
  batch.done = true;
  emit(batch);
}
