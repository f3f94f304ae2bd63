// The bytes of a catalogue file → text. What Excel and friends write on Italian machines:
//  - «CSV UTF-8»: UTF-8 with a BOM;   - «CSV (delimitato dal separatore di elenco)»: Windows-1252;
//  - «Testo Unicode»: UTF-16LE with a BOM (and tabs);   - LibreOffice, scripts: UTF-8 without BOM.
// Rule: a BOM decides; else UTF-16 without BOM is recognised by its zero bytes; else valid UTF-8 is
// UTF-8 and anything else is Windows-1252 (every byte is a character there, so it never fails).
// iconv-lite does the decoding: Node's TextDecoder('windows-1252') decodes like Latin-1 (nodejs/node#60888).
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

/** What the first bytes decide: a BOM (its length to skip) or UTF-16 without one; null when the rest must tell. */
function fromStart(b: Uint8Array): { encoding: CsvEncoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const u16 = utf16WithoutBom(b);
  return u16 ? { encoding: u16, skip: 0 } : null;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = fromStart(b);
  if (start?.encoding === 'utf-8') return { text: b.subarray(start.skip).toString('utf8'), encoding: 'utf-8' };
  if (start) return { text: iconv.decode(b.subarray(start.skip), start.encoding), encoding: start.encoding };
  if (isUtf8(b)) return { text: b.toString('utf8'), encoding: 'utf-8' };
  return { text: iconv.decode(b, 'win1252'), encoding: 'windows-1252' };
}

/** A file's bytes, a piece at a time (the file is never read whole). */
function* filePieces(file: string, piece: number, from = 0): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(piece);
    for (let pos = from; ;) {
      const n = readSync(fd, buf, 0, piece, pos);
      if (n === 0) return;
      pos += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** A streaming decoder for one of the encodings (UTF-8 through Node's, the others through iconv-lite). */
function decoder(encoding: CsvEncoding): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    const d = new StringDecoder('utf8');
    return { write: (b) => d.write(b), end: () => d.end() };
  }
  const d = iconv.getDecoder(encoding === 'windows-1252' ? 'win1252' : encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

export interface CsvFile {
  encoding: CsvEncoding;
  /** The file's text in pieces, read from the disk again at each call. */
  pieces: () => Iterable<string>;
}

/**
 * decodeCsvBytes for a file on disk, read in pieces of `piece` bytes: the same encoding, the same text. Whether
 * a file without BOM is UTF-8 takes one read of it through a strict decoder.
 */
export function openCsvFile(file: string, piece = 1 << 20): CsvFile {
  let head = Buffer.alloc(0);
  for (const b of filePieces(file, 512)) { head = Buffer.from(b); break; }
  let start = fromStart(head);
  if (!start) {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let utf8 = true;
    try {
      for (const b of filePieces(file, piece)) strict.decode(b, { stream: true });
      strict.decode();
    } catch { utf8 = false; }
    start = { encoding: utf8 ? 'utf-8' : 'windows-1252', skip: 0 };
  }
  const { encoding, skip } = start;
  return {
    encoding,
    *pieces() {
      const d = decoder(encoding);
      for (const b of filePieces(file, piece, skip)) {
        const s = d.write(b);
        if (s !== '') yield s;
      }
      const rest = d.end();
      if (rest !== '') yield rest;
    },
  };
}

/** How the report names the encoding to a person. */
export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Testo Unicode)',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Excel)',
};
