// `bancone serve --demo`: a small Italian grocery with operators, departments and a catalog, so the
// till can be tried at once. Only fills what is empty; never touches a shop that has data. `serve --demo`
// also declares it set up and fiscal (training/mode.ts declareFiscalShop).
import { LATER_STEPS } from '../../shared/contract/setup.js';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { VatCode } from '../../shared/vat.js';
import { upsertProduct } from '../catalog/products.js';
import { saveDepartment } from '../catalog/departments.js';
import { countOperators, saveOperator } from '../operators.js';
import { setSetting } from '../settings.js';

/** EAN-13 with its check digit, from the first 12 digits. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((a, d, i) => a + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + ((10 - (sum % 10)) % 10);
}

type DemoProduct = [sku: string, description: string, priceCents: number, vat: VatCode, dept: string, opts?: { weight?: boolean; fav?: boolean }];

export const DEMO_PRODUCTS: DemoProduct[] = [
  ['LAT001', 'Latte intero fresco 1 l', 149, '4', 'ALIM', { fav: true }],
  ['LAT002', 'Latte parzialmente scremato 1 l', 139, '4', 'ALIM'],
  ['PAN001', 'Pane casereccio', 390, '4', 'PANE', { weight: true, fav: true }],
  ['PAN002', 'Focaccia genovese', 250, '4', 'PANE', { fav: true }],
  ['PAN003', 'Grissini torinesi 250 g', 210, '4', 'PANE'],
  ['PAS001', 'Pasta di Gragnano spaghetti 500 g', 189, '4', 'ALIM', { fav: true }],
  ['PAS002', 'Pasta penne rigate 500 g', 109, '4', 'ALIM'],
  ['PAS003', 'Pasta fresca tagliatelle all\'uovo 250 g', 259, '4', 'ALIM'],
  ['RIS001', 'Riso Carnaroli 1 kg', 349, '4', 'ALIM'],
  ['OLI001', 'Olio extravergine d\'oliva 1 l', 899, '4', 'ALIM'],
  ['POM001', 'Passata di pomodoro 700 g', 119, '4', 'ALIM'],
  ['CAF001', 'Caffè macinato miscela bar 250 g', 429, '22', 'ALIM', { fav: true }],
  ['ZUC001', 'Zucchero semolato 1 kg', 119, '10', 'ALIM'],
  ['FAR001', 'Farina 00 1 kg', 89, '4', 'ALIM'],
  ['BIS001', 'Biscotti frollini 700 g', 279, '10', 'ALIM'],
  ['MOZ001', 'Mozzarella di bufala campana 250 g', 349, '4', 'ALIM', { fav: true }],
  ['PAR001', 'Parmigiano Reggiano 24 mesi', 2490, '4', 'ALIM', { weight: true }],
  ['PRO001', 'Prosciutto crudo di Parma', 3290, '10', 'ALIM', { weight: true }],
  ['YOG001', 'Yogurt bianco intero 500 g', 159, '10', 'ALIM'],
  ['UOV001', 'Uova fresche da allevamento a terra x6', 229, '10', 'ALIM'],
  ['MEL001', 'Mele Golden', 249, '4', 'FRUT', { weight: true, fav: true }],
  ['BAN001', 'Banane', 189, '4', 'FRUT', { weight: true }],
  ['ARA001', 'Arance di Sicilia', 199, '4', 'FRUT', { weight: true }],
  ['POM002', 'Pomodori ciliegino 500 g', 229, '4', 'FRUT'],
  ['INS001', 'Insalata mista lavata 250 g', 169, '4', 'FRUT'],
  ['ACQ001', 'Acqua minerale naturale 1,5 l', 39, '22', 'BEV', { fav: true }],
  ['ACQ002', 'Acqua frizzante 1,5 l', 39, '22', 'BEV'],
  ['VIN001', 'Vino rosso Chianti DOCG 0,75 l', 790, '22', 'BEV'],
  ['VIN002', 'Prosecco DOC extra dry 0,75 l', 690, '22', 'BEV'],
  ['BIR001', 'Birra artigianale bionda 0,33 l', 249, '22', 'BEV'],
  ['SUC001', 'Succo di frutta all\'albicocca 1 l', 159, '22', 'BEV'],
  ['CIO001', 'Cioccolato fondente 70% 100 g', 199, '10', 'ALIM'],
  ['TON001', 'Tonno all\'olio d\'oliva 3x80 g', 379, '10', 'ALIM'],
  ['SAL001', 'Sale marino grosso 1 kg', 59, '4', 'ALIM'],
  ['DET001', 'Detersivo piatti 750 ml', 179, '22', 'CASA'],
  ['CAR001', 'Carta igienica 4 rotoli', 249, '22', 'CASA'],
  ['GIO001', 'Quotidiano La Città', 150, 'N1', 'EDIC'],
];

export const DEMO_DEPARTMENTS: { code: string; name: string; vatCode: VatCode }[] = [
  { code: 'ALIM', name: 'Alimentari', vatCode: '10' },
  { code: 'PANE', name: 'Panetteria', vatCode: '4' },
  { code: 'FRUT', name: 'Frutta e verdura', vatCode: '4' },
  { code: 'BEV', name: 'Bevande', vatCode: '22' },
  { code: 'CASA', name: 'Casa e igiene', vatCode: '22' },
  { code: 'EDIC', name: 'Edicola', vatCode: 'N1' },
];

export const DEMO_OPERATORS = [
  { name: 'Giulia', role: 'cashier' as const, pin: '1111' },
  { name: 'Marco', role: 'manager' as const, pin: '9999' },
];

/** The barcode of the i-th demo product (stable, valid EAN-13 in the 800 Italian range). */
export function demoBarcode(i: number): string {
  return ean13(`80012345${String(6000 + i).padStart(4, '0')}`);
}

export function seedDemo(db: WritableDb, clock: Clock): { products: number; operators: number } {
  const now = clock.now();
  const at = now.toISOString();
  const empty = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n === 0;
  let products = 0;
  if (empty) {
    db.transaction(() => {
      for (const d of DEMO_DEPARTMENTS) saveDepartment(db, d, now);
      DEMO_PRODUCTS.forEach(([sku, description, priceCents, vatCode, department, opts], i) => {
        upsertProduct(db, { sku, description, priceCents, vatCode, department, barcodes: [demoBarcode(i)], soldByWeight: opts?.weight ?? false, favourite: opts?.fav ?? false }, at);
        products++;
      });
      setSetting(db, 'shop.name', 'Bottega della Città', now);
      setSetting(db, 'shop.address', 'Via Roma 1\n00100 Roma (RM)', now);
      setSetting(db, 'shop.vatNumber', '12345678901', now);
      setSetting(db, 'shop.taxCode', '12345678901', now);
      // The demo's emulator has the shop registered with receipts on (serve.ts): the set-up is done.
      setSetting(db, 'setup.shopDoneAt', at, now);
      setSetting(db, 'setup.adeDoneAt', at, now);
      for (const step of LATER_STEPS) setSetting(db, `setup.${step}DoneAt`, at, now);
    }).immediate();
  }
  let operators = 0;
  if (countOperators(db) === 0) {
    for (const o of DEMO_OPERATORS) { saveOperator(db, clock, o, null); operators++; }
  }
  return { products, operators };
}
