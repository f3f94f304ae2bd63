// Reads back what a FatturaPA XML says, as a person checking it would: the blocks and their figures.
// Deliberately naive (the builder's output is regular); decimals are read exactly, into 1e-8 euro.

/** The inner text of every <tag>…</tag> (not nested in itself). */
export function blocks(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

/** The text of the first <tag> in a block, unescaped; null when absent. */
export function value(block: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block);
  return m ? m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : null;
}

/** "12.34" → 1234n cents ×1e6 (1e-8 euro), exactly. */
export function e8Of(s: string): bigint {
  const m = /^(-?)(\d+)\.(\d{1,8})$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const v = BigInt(m[2]!) * 100_000_000n + BigInt(m[3]!.padEnd(8, '0'));
  return m[1] === '-' ? -v : v;
}

/** "12.34" → 1234 (two decimals only). */
export function centsOf(s: string): number {
  const v = e8Of(s);
  if (v % 1_000_000n !== 0n) throw new Error(`more than two decimals: ${s}`);
  return Number(v / 1_000_000n);
}

export interface ReadInvoice {
  tipo: string;
  total: number;
  rounding: number;
  stampDuty: boolean;
  causale: string | null;
  lines: { rate: string; natura: string | null; quantity: string; unitPrice: string; discount: { percent: string | null; amount: string | null } | null; total: string; description: string }[];
  summary: { rate: string; natura: string | null; taxable: number; vat: number }[];
  payments: { mode: string; amount: number }[];
}

export function readInvoice(xml: string): ReadInvoice {
  const gen = blocks(xml, 'DatiGeneraliDocumento')[0]!;
  return {
    tipo: value(gen, 'TipoDocumento')!,
    total: centsOf(value(gen, 'ImportoTotaleDocumento')!),
    rounding: value(gen, 'Arrotondamento') === null ? 0 : centsOf(value(gen, 'Arrotondamento')!),
    stampDuty: blocks(gen, 'DatiBollo').length > 0,
    causale: value(gen, 'Causale'),
    lines: blocks(xml, 'DettaglioLinee').map((b) => {
      const sm = blocks(b, 'ScontoMaggiorazione')[0];
      return {
        rate: value(b, 'AliquotaIVA')!, natura: value(b, 'Natura'), quantity: value(b, 'Quantita')!,
        unitPrice: value(b, 'PrezzoUnitario')!, total: value(b, 'PrezzoTotale')!, description: value(b, 'Descrizione')!,
        discount: sm === undefined ? null : { percent: value(sm, 'Percentuale'), amount: value(sm, 'Importo') },
      };
    }),
    summary: blocks(xml, 'DatiRiepilogo').map((b) => ({
      rate: value(b, 'AliquotaIVA')!, natura: value(b, 'Natura'), taxable: centsOf(value(b, 'ImponibileImporto')!), vat: centsOf(value(b, 'Imposta')!),
    })),
    payments: blocks(xml, 'DettaglioPagamento').map((b) => ({ mode: value(b, 'ModalitaPagamento')!, amount: centsOf(value(b, 'ImportoPagamento')!) })),
  };
}

/**
 * What SDI recomputes (its checks 00423, 00422, 00421), in 1e-8 euro; each returns the problems
 * found, so a test shows which line or rate is off.
 */
export function sdiArithmetic(inv: ReadInvoice): string[] {
  const problems: string[] = [];
  const CENT = 1_000_000n;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  inv.lines.forEach((l, i) => {
    let unit = e8Of(l.unitPrice);
    if (l.discount?.percent) unit = unit * (10_000n - e8Of(l.discount.percent) / 1_000_000n) / 10_000n;
    if (l.discount?.amount) unit -= e8Of(l.discount.amount);
    const computed = unit * e8Of(l.quantity) / 100_000_000n;
    if (abs(computed - e8Of(l.total)) > CENT) problems.push(`line ${i + 1}: (PrezzoUnitario ∓ sconto) × Quantita = ${computed} ≠ PrezzoTotale ${l.total}`);
  });
  for (const s of inv.summary) {
    const sum = inv.lines.filter((l) => l.rate === s.rate && l.natura === s.natura).reduce((a, l) => a + e8Of(l.total), 0n);
    if (sum !== BigInt(s.taxable) * CENT) problems.push(`rate ${s.rate} ${s.natura ?? ''}: Σ PrezzoTotale ${sum} ≠ ImponibileImporto ${s.taxable}`);
    const expected = BigInt(s.taxable) * e8Of(s.rate) / 10_000n; // cents × 1e6 × rate / 100, in 1e-8 euro
    if (abs(expected - BigInt(s.vat) * CENT) > CENT) problems.push(`rate ${s.rate}: Imposta ${s.vat} far from ImponibileImporto × AliquotaIVA`);
  }
  return problems;
}
