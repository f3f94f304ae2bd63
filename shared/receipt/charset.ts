// The printer speaks code page 858 (Latin-1 subset + €). Text is brought into that repertoire
// here, in the layout, so the on-screen preview shows exactly the characters the paper will get
// (instead of the encoder silently printing "?" for a curly quote or an emoji).

/** Code page 858, bytes 0x80–0xFF in order (0xD5 is €, the one change from cp850). */
export const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';

const REPERTOIRE = new Set<string>([...CP858_HIGH]);
for (let c = 0x20; c < 0x7f; c++) REPERTOIRE.add(String.fromCharCode(c));
// Soft hyphen and no-break space exist in cp858 but would confuse widths on screen.
REPERTOIRE.delete('\u00AD');
REPERTOIRE.delete('\u00A0');

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u2033': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2010': '-', '\u2011': '-',
  '\u2026': '...', '\u00A0': ' ', '\u202F': ' ', '\u2007': ' ', '\u2009': ' ', '\t': ' ',
  '\u2022': '·', '\u00AD': '',
};

export function isPrintable(ch: string): boolean {
  return REPERTOIRE.has(ch);
}

/**
 * Text as the printer can print it: NFC, typographic punctuation made plain, accents kept where
 * cp858 has them (à è é ì ò ù, À È É Ì Ò Ù…) and dropped where it has not (ő → o), anything else "?".
 * Control characters and line breaks become spaces: a single receipt line never carries a newline.
 */
export function toPrintable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (REPERTOIRE.has(ch)) { out += ch; continue; }
    const rep = REPLACEMENTS[ch];
    if (rep !== undefined) { out += rep; continue; }
    if (ch === '\n' || ch === '\r' || /\p{Cc}|\p{Zs}|\p{Zl}|\p{Zp}/u.test(ch)) { out += ' '; continue; }
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += bare.length > 0 && [...bare].every((c) => REPERTOIRE.has(c)) ? bare : '?';
  }
  return out;
}
