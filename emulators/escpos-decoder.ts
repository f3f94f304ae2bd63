// An ESC/POS decoder for tests: turns the bytes a printer receives back into what the paper says
// (text lines, with the code page tracked through ESC t) and what the printer does (cut, drawer
// pulse, QR code, barcode, image, status queries). It is written independently of the encoder
// library on purpose, with its own code page tables, so a test compares two separate readings of
// the ESC/POS manual. It parses incrementally (push chunk by chunk), so the virtual printer can
// use it on a live socket where commands arrive split across packets.

/** Code page 437 (the power-on default, ESC t 0), bytes 0x80–0xFF. */
export const CP437_TABLE =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0';

/** Code page 850 (ESC t 2). */
export const CP850_TABLE =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';

/** Code page 858 (ESC t 19 on Epson): cp850 with € at 0xD5 instead of ı. */
export const CP858_TABLE = CP850_TABLE.slice(0, 0x55) + '€' + CP850_TABLE.slice(0x56);

const PAGES: Record<number, string> = { 0: CP437_TABLE, 2: CP850_TABLE, 19: CP858_TABLE };

export type DecodedEvent =
  | { type: 'init'; line: number }
  | { type: 'codepage'; page: number; line: number }
  | { type: 'cut'; partial: boolean; line: number }
  /**
   * A drawer kick. `ESC p` is processed in order with the print data (a printer that is offline
   * keeps it in its buffer); `DLE DC4` (fn 1, "generate pulse in real time") is executed as soon as
   * it is received, even while the printer is out of paper or has its cover open.
   */
  | { type: 'pulse'; command: 'ESC p' | 'DLE DC4'; pin: number; onMs: number; offMs: number; line: number }
  | { type: 'qr'; data: string; model: number | null; moduleSize: number | null; errorLevel: string | null; line: number }
  | { type: 'barcode'; symbology: number; data: string; line: number }
  | { type: 'image'; mode: 'raster' | 'column' | 'graphics'; width: number; height: number; line: number }
  | { type: 'status-query'; command: 'DLE EOT' | 'GS r' | 'DLE ENQ'; n: number; line: number }
  | { type: 'unknown'; offset: number; bytes: number[]; line: number };

export interface PaperLine {
  text: string;
  /** True when every visible character of the line was printed bold. */
  bold: boolean;
  /** Largest character width/height multiplier used on the line. */
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
}

export interface DecodedPaper {
  /** Printed text lines, trailing spaces removed. */
  lines: string[];
  styled: PaperLine[];
  events: DecodedEvent[];
  cuts: Extract<DecodedEvent, { type: 'cut' }>[];
  pulses: Extract<DecodedEvent, { type: 'pulse' }>[];
  qrCodes: string[];
  barcodes: string[];
  unknown: Extract<DecodedEvent, { type: 'unknown' }>[];
  /** All lines joined with "\n". */
  text: string;
}

type Parse = { len: number } | 'more';

interface Style { bold: boolean; width: number; height: number; align: PaperLine['align']; page: number }

const ALIGN: PaperLine['align'][] = ['left', 'center', 'right'];
const QR_LEVEL: Record<number, string> = { 48: 'l', 49: 'm', 50: 'q', 51: 'h' };

export class EscPosDecoder {
  private pending: number[] = [];
  private offset = 0;
  /**
   * Bytes consumed by anything but real-time commands (status queries, real-time drawer pulses):
   * tells a print job from a status poll or a lone drawer kick.
   */
  contentBytes = 0;
  private style: Style = { bold: false, width: 1, height: 1, align: 'left', page: 0 };
  private cur: { chars: string; boldChars: number; visible: number; width: number; height: number; align: PaperLine['align'] } | null = null;
  private readonly out: PaperLine[] = [];
  private readonly events: DecodedEvent[] = [];
  private qr: { model: number | null; size: number | null; level: string | null; data: string | null } = { model: null, size: null, level: null, data: null };

  /** `onEvent` sees every event as soon as its bytes are complete (status queries included). */
  constructor(private readonly onEvent?: (e: DecodedEvent) => void) {}

  push(chunk: Uint8Array | number[]): void {
    for (const b of chunk) this.pending.push(b);
    let i = 0;
    while (i < this.pending.length) {
      const before = this.events.length;
      const r = this.parseAt(i);
      if (r === 'more') break;
      const last = this.events.length > before ? this.events[this.events.length - 1] : undefined;
      const realtime = last?.type === 'status-query' || (last?.type === 'pulse' && last.command === 'DLE DC4');
      if (!realtime) this.contentBytes += r.len;
      i += r.len;
    }
    this.offset += i;
    this.pending = this.pending.slice(i);
  }

  /** Bytes of an incomplete command still waiting for the rest. */
  get incomplete(): number {
    return this.pending.length;
  }

  paper(): DecodedPaper {
    const styled = [...this.out];
    if (this.cur && this.cur.chars.length > 0) styled.push(this.finishLine(this.cur));
    const events = [...this.events];
    const lines = styled.map((l) => l.text);
    return {
      lines,
      styled,
      events,
      cuts: events.filter((e): e is Extract<DecodedEvent, { type: 'cut' }> => e.type === 'cut'),
      pulses: events.filter((e): e is Extract<DecodedEvent, { type: 'pulse' }> => e.type === 'pulse'),
      qrCodes: events.flatMap((e) => (e.type === 'qr' ? [e.data] : [])),
      barcodes: events.flatMap((e) => (e.type === 'barcode' ? [e.data] : [])),
      unknown: events.filter((e): e is Extract<DecodedEvent, { type: 'unknown' }> => e.type === 'unknown'),
      text: lines.join('\n'),
    };
  }

  private emit(e: DecodedEvent): void {
    this.events.push(e);
    this.onEvent?.(e);
  }

  private get lineNo(): number {
    return this.out.length;
  }

  private finishLine(c: NonNullable<EscPosDecoder['cur']>): PaperLine {
    return {
      text: c.chars.replace(/\s+$/, ''),
      bold: c.visible > 0 && c.boldChars === c.visible,
      width: c.width,
      height: c.height,
      align: c.align,
    };
  }

  private printChar(ch: string): void {
    if (!this.cur) this.cur = { chars: '', boldChars: 0, visible: 0, width: 1, height: 1, align: this.style.align };
    this.cur.chars += ch;
    if (ch.trim() !== '') {
      this.cur.visible += 1;
      if (this.style.bold) this.cur.boldChars += 1;
      this.cur.width = Math.max(this.cur.width, this.style.width);
      this.cur.height = Math.max(this.cur.height, this.style.height);
    }
  }

  private lineFeed(): void {
    const c = this.cur ?? { chars: '', boldChars: 0, visible: 0, width: 1, height: 1, align: this.style.align };
    this.out.push(this.finishLine(c));
    this.cur = null;
  }

  /** A block (QR, barcode, image) prints on its own: text before it is flushed as a line. */
  private flushBeforeBlock(): void {
    if (this.cur && this.cur.chars.length > 0) this.lineFeed();
  }

  private unknown(i: number, len: number): Parse {
    this.emit({ type: 'unknown', offset: this.offset + i, bytes: this.pending.slice(i, i + len), line: this.lineNo });
    return { len };
  }

  private byteAt(i: number): number | undefined {
    return this.pending[i];
  }

  private parseAt(i: number): Parse {
    const b = this.pending[i]!;
    if (b >= 0x20 && b < 0x7f) { this.printChar(String.fromCharCode(b)); return { len: 1 }; }
    if (b >= 0x80) {
      const table = PAGES[this.style.page];
      this.printChar(table ? table[b - 0x80]! : '\uFFFD');
      return { len: 1 };
    }
    switch (b) {
      case 0x0a: this.lineFeed(); return { len: 1 };
      case 0x0d: return { len: 1 }; // CR: ignored (auto line feed is off on receipt printers)
      case 0x09: this.printChar(' '); return { len: 1 };
      case 0x0c: this.lineFeed(); return { len: 1 };
      case 0x10: return this.parseDle(i);
      case 0x1b: return this.parseEsc(i);
      case 0x1c: return this.parseFs(i);
      case 0x1d: return this.parseGs(i);
      default: return this.unknown(i, 1);
    }
  }

  private need(i: number, n: number): boolean {
    return this.pending.length >= i + n;
  }

  private parseDle(i: number): Parse {
    if (!this.need(i, 2)) return 'more';
    const c = this.byteAt(i + 1)!;
    if (c === 0x04 || c === 0x05) {
      if (!this.need(i, 3)) return 'more';
      this.emit({ type: 'status-query', command: c === 0x04 ? 'DLE EOT' : 'DLE ENQ', n: this.byteAt(i + 2)!, line: this.lineNo });
      return { len: 3 };
    }
    if (c === 0x14) {
      if (!this.need(i, 3)) return 'more';
      const fn = this.byteAt(i + 2)!;
      const len = fn === 8 ? 7 : 5;
      if (!this.need(i, len)) return 'more';
      // fn 1: DLE DC4 1 m t, pin m (0 = connector pin 2, 1 = pin 5), on and off time t × 100 ms (1 ≤ t ≤ 8).
      if (fn === 1) {
        const t = this.byteAt(i + 4)!;
        if (t >= 1 && t <= 8 && this.byteAt(i + 3)! <= 1) {
          this.emit({ type: 'pulse', command: 'DLE DC4', pin: this.byteAt(i + 3)!, onMs: t * 100, offMs: t * 100, line: this.lineNo });
        } else {
          this.emit({ type: 'unknown', offset: this.offset + i, bytes: this.pending.slice(i, i + len), line: this.lineNo });
        }
      }
      return { len };
    }
    return this.unknown(i, 2);
  }

  /** A command of n bytes: wait for all of them, then apply it. */
  private fixedLength(i: number, n: number, apply?: () => void): Parse {
    if (!this.need(i, n)) return 'more';
    apply?.();
    return { len: n };
  }

  private parseEsc(i: number): Parse {
    if (!this.need(i, 2)) return 'more';
    const c = this.byteAt(i + 1)!;
    const arg = (k: number) => this.byteAt(i + 1 + k)!;
    const fixed = (n: number, f?: () => void) => this.fixedLength(i, n, f);
    switch (c) {
      case 0x40: // ESC @
        this.flushBeforeBlock();
        this.style = { bold: false, width: 1, height: 1, align: 'left', page: 0 };
        this.emit({ type: 'init', line: this.lineNo });
        return { len: 2 };
      case 0x45: return fixed(3, () => { this.style.bold = (arg(1) & 1) === 1; });
      case 0x47: return fixed(3);
      case 0x2d: case 0x34: case 0x4d: case 0x20: case 0x33: case 0x52: case 0x56: case 0x7b: case 0x55:
        return fixed(3);
      case 0x61: return fixed(3, () => {
        const v = arg(1);
        this.style.align = ALIGN[v >= 0x30 ? v - 0x30 : v] ?? 'left';
        if (this.cur && this.cur.chars.length === 0) this.cur.align = this.style.align;
      });
      case 0x74: return fixed(3, () => {
        this.style.page = arg(1);
        this.emit({ type: 'codepage', page: arg(1), line: this.lineNo });
      });
      case 0x21: return fixed(3, () => {
        const n = arg(1);
        this.style.bold = (n & 0x08) !== 0;
        this.style.height = n & 0x10 ? 2 : 1;
        this.style.width = n & 0x20 ? 2 : 1;
      });
      case 0x32: return { len: 2 };
      case 0x64: return fixed(3, () => { for (let k = 0; k < arg(1); k++) this.lineFeed(); });
      case 0x4a: return fixed(3, () => this.lineFeed());
      case 0x70: return fixed(5, () => {
        this.emit({ type: 'pulse', command: 'ESC p', pin: arg(1) & 1, onMs: arg(2) * 2, offMs: arg(3) * 2, line: this.lineNo });
      });
      case 0x24: return fixed(4);
      case 0x63: {
        if (!this.need(i, 4)) return 'more';
        return { len: 4 };
      }
      case 0x69: case 0x6d:
        this.flushBeforeBlock();
        this.emit({ type: 'cut', partial: c === 0x6d, line: this.lineNo });
        return { len: 2 };
      case 0x2a: { // ESC * m nL nH d1…dk: column-format bit image
        if (!this.need(i, 5)) return 'more';
        const m = arg(1);
        const n = arg(2) + arg(3) * 256;
        const len = 5 + n * (m >= 32 ? 3 : 1);
        if (!this.need(i, len)) return 'more';
        this.flushBeforeBlock();
        this.emit({ type: 'image', mode: 'column', width: n, height: m >= 32 ? 24 : 8, line: this.lineNo });
        return { len };
      }
      default: return this.unknown(i, 2);
    }
  }

  private parseFs(i: number): Parse {
    if (!this.need(i, 2)) return 'more';
    const c = this.byteAt(i + 1)!;
    if (c === 0x2e || c === 0x26) return { len: 2 };
    if (c === 0x43 || c === 0x21 || c === 0x2d) return this.need(i, 3) ? { len: 3 } : 'more';
    if (c === 0x70) return this.need(i, 4) ? { len: 4 } : 'more';
    return this.unknown(i, 2);
  }

  private parseGs(i: number): Parse {
    if (!this.need(i, 2)) return 'more';
    const c = this.byteAt(i + 1)!;
    const arg = (k: number) => this.byteAt(i + 1 + k)!;
    const fixed = (n: number, f?: () => void) => this.fixedLength(i, n, f);
    switch (c) {
      case 0x21: return fixed(3, () => {
        const n = arg(1);
        this.style.width = (n >> 4) + 1;
        this.style.height = (n & 0x0f) + 1;
      });
      case 0x42: case 0x68: case 0x77: case 0x48: case 0x66: case 0x61: case 0x62: case 0x49:
        return fixed(3);
      case 0x4c: case 0x57: case 0x50: case 0x24:
        return fixed(4);
      case 0x72: return fixed(3, () => this.emit({ type: 'status-query', command: 'GS r', n: arg(1), line: this.lineNo }));
      case 0x56: { // GS V m [n]
        if (!this.need(i, 3)) return 'more';
        const m = arg(1);
        const len = m === 0 || m === 1 || m === 0x30 || m === 0x31 ? 3 : 4;
        if (!this.need(i, len)) return 'more';
        this.flushBeforeBlock();
        this.emit({ type: 'cut', partial: m === 1 || m === 0x31 || m === 66 || m === 98 || m === 104, line: this.lineNo });
        return { len };
      }
      case 0x6b: return this.parseBarcode(i);
      case 0x28: { // GS ( fn pL pH …
        if (!this.need(i, 5)) return 'more';
        const fn = arg(1);
        const len = 5 + arg(2) + arg(3) * 256;
        if (!this.need(i, len)) return 'more';
        if (fn === 0x6b) this.twoDimensional(this.pending.slice(i + 5, i + len));
        else if (fn === 0x4c) this.graphics(this.pending.slice(i + 5, i + len));
        return { len };
      }
      case 0x38: { // GS 8 L p1 p2 p3 p4 …: graphics with a 4-byte length
        if (!this.need(i, 7)) return 'more';
        const len = 7 + arg(2) + arg(3) * 256 + arg(4) * 65536 + arg(5) * 16777216;
        if (!this.need(i, len)) return 'more';
        this.graphics(this.pending.slice(i + 7, i + len));
        return { len };
      }
      case 0x76: { // GS v 0 m xL xH yL yH d…: raster bit image
        if (!this.need(i, 8)) return 'more';
        const w = arg(3) + arg(4) * 256;
        const h = arg(5) + arg(6) * 256;
        const len = 8 + w * h;
        if (!this.need(i, len)) return 'more';
        this.flushBeforeBlock();
        this.emit({ type: 'image', mode: 'raster', width: w * 8, height: h, line: this.lineNo });
        return { len };
      }
      default: return this.unknown(i, 2);
    }
  }

  private parseBarcode(i: number): Parse {
    if (!this.need(i, 3)) return 'more';
    const m = this.byteAt(i + 2)!;
    if (m <= 6) {
      const end = this.pending.indexOf(0, i + 3);
      if (end < 0) return 'more';
      this.flushBeforeBlock();
      this.emit({ type: 'barcode', symbology: m, data: String.fromCharCode(...this.pending.slice(i + 3, end)), line: this.lineNo });
      return { len: end + 1 - i };
    }
    if (!this.need(i, 4)) return 'more';
    const n = this.byteAt(i + 3)!;
    if (!this.need(i, 4 + n)) return 'more';
    let data = String.fromCharCode(...this.pending.slice(i + 4, i + 4 + n));
    if (m === 0x49 && data.startsWith('{B')) data = data.slice(2);
    this.flushBeforeBlock();
    this.emit({ type: 'barcode', symbology: m, data, line: this.lineNo });
    return { len: 4 + n };
  }

  /** GS ( k: cn 49 is QR code; fn 65 model, 67 size, 69 level, 80 store, 81 print. */
  private twoDimensional(p: number[]): void {
    const [cn, fn] = p;
    if (cn !== 0x31) return;
    if (fn === 0x41) this.qr.model = (p[2] ?? 0x32) - 0x30;
    else if (fn === 0x43) this.qr.size = p[2] ?? null;
    else if (fn === 0x45) this.qr.level = QR_LEVEL[p[2] ?? 0] ?? null;
    else if (fn === 0x50) this.qr.data = Buffer.from(p.slice(3)).toString('latin1');
    else if (fn === 0x51) {
      this.flushBeforeBlock();
      this.emit({ type: 'qr', data: this.qr.data ?? '', model: this.qr.model, moduleSize: this.qr.size, errorLevel: this.qr.level, line: this.lineNo });
    }
  }

  private graphics(p: number[]): void {
    // fn 50 / 2 prints the graphics stored by fn 112; report the print.
    const fn = p[1];
    if (fn === 0x32 || fn === 0x02) {
      this.flushBeforeBlock();
      this.emit({ type: 'image', mode: 'graphics', width: 0, height: 0, line: this.lineNo });
    }
  }
}

/** Decodes a complete byte stream. */
export function decodeEscPos(bytes: Uint8Array | number[]): DecodedPaper {
  const d = new EscPosDecoder();
  d.push(bytes);
  return d.paper();
}

/** Collapses runs of spaces, so "TOTALE          € 12,50" reads "TOTALE € 12,50". */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The printed lines with spaces collapsed, for assertions on what the paper says. */
export function paperSays(paper: DecodedPaper): string[] {
  return paper.lines.map(squash);
}

/** True when some line of the paper reads `text` (spaces collapsed). */
export function paperHasLine(paper: DecodedPaper, text: string): boolean {
  const t = squash(text);
  return paper.lines.some((l) => squash(l) === t);
}
