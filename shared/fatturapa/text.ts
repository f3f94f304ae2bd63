// Text for the FatturaPA XML: escaping, and the XSD's character sets. Most text fields are
// String…LatinType (Basic Latin + Latin-1 Supplement only): a product called «Caffè ☕» or priced in «€»
// must not make the whole invoice invalid, so what falls outside is spelled out or dropped here.

/** Escapes the five XML special characters. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

const SPELLED: Record<string, string> = {
  '€': 'EUR', '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '…': '...', '•': '-', '™': '(TM)', 'œ': 'oe', 'Œ': 'OE', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i',
};

/**
 * A text as String{max}LatinType takes it: Latin-1 only (accents outside it lose their mark, other
 * signs become «?»), no control characters, single spaces, at most `max` characters, never empty.
 */
export function latinText(s: string, max: number): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    else if (cp <= 0xff) out += ch;
    else if (SPELLED[ch] !== undefined) out += SPELLED[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== '' && [...bare].every((c) => c.codePointAt(0)! <= 0xff && c.codePointAt(0)! >= 0x20) ? bare : '?';
    }
  }
  out = out.replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return out === '' ? '-' : out;
}

/** Basic Latin (ASCII) printable text: the String{n}Type fields (Numero, IdDocumento). */
export function isBasicLatin(s: string, max: number): boolean {
  return s.length >= 1 && s.length <= max && /^[\x20-\x7e]+$/.test(s) && s.trim() === s;
}
