// The bytes of a catalogue file → text. What Excel and friends write on Italian machines:
//  - «CSV UTF-8»: UTF-8 with a BOM;   - «CSV (delimitato dal separatore di elenco)»: Windows-1252;
//  - «Testo Unicode»: UTF-16LE with a BOM (and tabs);   - LibreOffice, scripts: UTF-8 without BOM.
// Rule: a BOM decides; else UTF-16 without BOM is recognised by its zero bytes; else valid UTF-8 is
// UTF-8 and anything else is Windows-1252 (every byte is a character there, so it never fails).
// iconv-lite does the decoding: Node's TextDecoder('windows-1252') decodes like Latin-1 (nodejs/node#60888).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

/** UTF-16 without a BOM: in the first bytes, most odd (LE) or even (BE) bytes are zero (Latin text). */
function utf16WithoutBom(b: Uint8Array): CsvEncoding | null {
  const n = Math.min(b.length - (b.length % 2), 512);
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1) return 'utf-16le';
  if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.1) return 'utf-16be';
  return null;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const u16 = utf16WithoutBom(b);
  if (u16) return { text: iconv.decode(b, u16), encoding: u16 };
  if (isUtf8(b)) return { text: b.toString('utf8'), encoding: 'utf-8' };
  return { text: iconv.decode(b, 'win1252'), encoding: 'windows-1252' };
}

/** How the report names the encoding to a person. */
export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Testo Unicode)',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Excel)',
};
