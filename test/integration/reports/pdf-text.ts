// Reads the text a pdfkit PDF shows, without a PDF library: inflate each content stream and decode
// the hex strings of its TJ operators (standard fonts, WinAnsi encoding). One string per TJ.
import { inflateSync } from 'node:zlib';

const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x96: '–', 0x97: '—', 0x92: '’', 0x93: '“', 0x94: '”', 0x85: '…' };

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const c = parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI_HIGH[c] ?? String.fromCharCode(c);
  }
  return out;
}

export function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

export function pdfTextRuns(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const runs: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // fonts and images are not content streams
    }
    for (const tj of text.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
      runs.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decodeHex(h[1]!)).join(''));
    }
  }
  return runs;
}
