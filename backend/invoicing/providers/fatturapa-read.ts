// Reads back the few figures a service that does not take FatturaPA needs (Fattura24 takes its own
// document format), from the XML shared/fatturapa/build.ts writes: elements without attributes,
// escaped text. Amounts stay integer cents.
export function blocks(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}>([\\s\\S]*?)</(?:\\w+:)?${tag}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]!);
  return out;
}

export function value(xml: string, tag: string): string | null {
  const m = new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`).exec(xml);
  if (!m) return null;
  return m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** "12.34" (FatturaPA's 2-decimal amounts) → 1234; null if not such an amount. */
export function cents(s: string | null): number | null {
  if (s === null || !/^-?\d+\.\d{2}$/.test(s)) return null;
  const neg = s.startsWith('-');
  const [u, d] = s.replace('-', '').split('.');
  return (neg ? -1 : 1) * (Number(u) * 100 + Number(d));
}

/** 1234 → "12.34" */
export function decimal2(c: number): string {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
