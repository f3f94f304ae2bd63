// Layout → ESC/POS bytes. @point-of-sale/receipt-printer-encoder builds the commands that need
// knowledge (initialise, QR via GS ( k, barcodes, images, cut with the model's feed-before-cut,
// drawer pulse timings) and knows each model's code page numbering and line ending. The text lines
// themselves go in as raw bytes: the layout has already wrapped, padded and styled every line and
// brought every character into cp858 (shared/receipt/charset.ts), so all that is left is a table
// lookup per character plus ESC E (bold) / GS ! (size). Feeding ~90 lines through the library's
// line composer and per-call code page search cost 2–3 ms per receipt; this is well under 1 ms
// (bench/printing.bench.ts). The code page is pinned to cp858 (€ = 0xD5) rather than the
// library's 'auto' mode, which hops between pages per character and picks pages some printers lack.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { z } from 'zod';
import type { ReceiptLayout, ReceiptLine, ReceiptSize } from '../../shared/receipt.js';
import { CP858_HIGH, widthFor } from '../../shared/receipt.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export const DEFAULT_PRINTER_MODEL = 'epson-tm-t20iii';

type Model = NonNullable<ConstructorParameters<typeof ReceiptPrinterEncoder>[0]>['printerModel'];

/**
 * ESC/POS models the encoder knows (feed-before-cut, code page numbering, QR support come from
 * these). Star models speak StarPRNT, whose status protocol differs: not supported.
 */
export const PRINTER_MODELS: readonly string[] = ReceiptPrinterEncoder.printerModels
  .map((m) => m.id)
  .filter((id) => new ReceiptPrinterEncoder({ printerModel: id as Model }).language === 'esc-pos');

const CP858 = new Map<string, number>([...CP858_HIGH].map((ch, i) => [ch, 0x80 + i]));

/** cp858 bytes of already-printable text (see shared/receipt/charset.ts); anything else prints "?". */
export function cp858Bytes(text: string): number[] {
  const out: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c >= 0x20 && c < 0x7f ? c : CP858.get(text[i]!) ?? 0x3f;
  }
  return out;
}

const selectCp858 = new Map<string, number[]>();

/**
 * ESC t n for cp858 on this model (n = 19 on Epson, 2 on Citizen, 6 on HP), read from the
 * library's own output once per model so its code page tables stay the single source.
 */
function codepageCommand(model: Model): number[] {
  let cmd = selectCp858.get(model as string);
  if (!cmd) {
    const probe = new ReceiptPrinterEncoder({ printerModel: model }).codepage('cp858').text('€').encode();
    const at = probe.indexOf(0xd5);
    if (at < 3 || probe[at - 3] !== 0x1b || probe[at - 2] !== 0x74) {
      fail('PRINTER_CODEPAGE', msg.printing.printerCodepage({ model }), 'printer.model');
    }
    cmd = [0x1b, 0x74, probe[at - 1]!];
    selectCp858.set(model as string, cmd);
  }
  return cmd;
}

/** A monochrome-ish logo as RGBA pixels (what a canvas or a PNG decoder gives); width a multiple of 8. */
export interface LogoImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export const DrawerPulseSchema = z.object({
  /** 0 = connector pin 2 (most drawers), 1 = pin 5. */
  pin: z.union([z.literal(0), z.literal(1)]).default(0),
  /** ESC p m t1 t2: t1/t2 are sent in 2 ms units, so 100 ms → t1 = 50. */
  onMs: z.number().int().min(2).max(510).default(100),
  offMs: z.number().int().min(2).max(510).default(500),
});
export type DrawerPulse = z.output<typeof DrawerPulseSchema>;

/**
 * DLE DC4 1 m t, "generate pulse in real time": the printer executes it the moment it arrives, also
 * while it is offline for paper out or an open cover (Epson ESC/POS reference, DLE DC4 fn = 1), so
 * the drawer opens for a cash sale whose receipt cannot print. ESC p (what encodeLayout sends) waits
 * in the buffer behind the receipt instead. On and off time are both t × 100 ms, 1 ≤ t ≤ 8: the
 * configured on-time rounded to the nearest 100 ms. The encoder library only knows ESC p.
 */
export function realtimePulseBytes(drawer: Partial<DrawerPulse> = {}): Uint8Array {
  const p = DrawerPulseSchema.parse(drawer);
  const t = Math.min(8, Math.max(1, Math.round(p.onMs / 100)));
  return Uint8Array.from([0x10, 0x14, 0x01, p.pin, t]);
}

/** A job that only opens the drawer: ESC @ (initialise), then ESC p m t1 t2 (times in 2 ms units). */
export function drawerPulseJob(drawer: Partial<DrawerPulse> = {}): Uint8Array {
  const p = DrawerPulseSchema.parse(drawer);
  return Uint8Array.from([0x1b, 0x40, 0x1b, 0x70, p.pin, Math.round(p.onMs / 2), Math.round(p.offMs / 2)]);
}

export interface EncodeOptions {
  /** Printer model id from PRINTER_MODELS (default Epson TM-T20III). */
  model?: string;
  logo?: LogoImage | null;
  drawer?: Partial<DrawerPulse>;
  cut?: 'partial' | 'full';
  /**
   * False leaves the drawer shut even when the layout asks for it: the drawer was already opened
   * for this receipt by a real-time pulse while the printer was out of paper.
   */
  openDrawer?: boolean;
}

/** The models with their makers' names, for a list to choose from (set-up step 3). */
export function printerModelList(): { id: string; name: string }[] {
  return ReceiptPrinterEncoder.printerModels.filter((m) => PRINTER_MODELS.includes(m.id)).map((m) => ({ id: m.id, name: m.name.trim() }));
}

export function isPrinterModel(id: string): boolean {
  return PRINTER_MODELS.includes(id);
}

const BOLD_ON = [0x1b, 0x45, 0x01];
const BOLD_OFF = [0x1b, 0x45, 0x00];
const SIZE_NORMAL = [0x1d, 0x21, 0x00];

function sizeOf(s: ReceiptSize): [number, number] {
  return s === 'large' ? [2, 2] : s === 'tall' ? [1, 2] : [1, 1];
}

/** A text or pair line padded to its width at its size (double-width text has half the columns). */
function paddedText(line: Extract<ReceiptLine, { kind: 'text' | 'pair' }>, width: number): string {
  if (line.kind === 'pair') {
    if (line.right === '') return line.left;
    return line.left + ' '.repeat(Math.max(1, width - line.left.length - line.right.length)) + line.right;
  }
  const room = Math.max(0, width - line.text.length);
  if (line.align === 'right') return ' '.repeat(room) + line.text;
  if (line.align === 'center') return ' '.repeat(Math.floor(room / 2)) + line.text;
  return line.text;
}

/** Encodes a receipt layout into the bytes for one print job (initialise … cut, drawer pulse). */
export function encodeLayout(layout: ReceiptLayout, opts: EncodeOptions = {}): Uint8Array {
  const model = opts.model ?? DEFAULT_PRINTER_MODEL;
  if (!isPrinterModel(model)) {
    fail('PRINTER_MODEL_UNKNOWN', msg.printing.printerModelUnknown({ model }), 'printer.model');
  }
  const enc = new ReceiptPrinterEncoder({ printerModel: model as Model, columns: layout.columns, errors: 'strict' });
  const caps = enc.printerCapabilities as { qrcode?: { supported?: boolean }; newline?: string };
  const nl = (caps.newline ?? '\n\r') === '\n' ? [0x0a] : [0x0a, 0x0d];
  enc.initialize().raw(codepageCommand(model as Model));

  // Consecutive text lines are sent as one raw run; the library takes over for blocks and the cut.
  let run: number[] = [];
  const line = (bytes: number[]) => { for (const b of bytes) run.push(b); for (const b of nl) run.push(b); };
  const flush = () => { if (run.length > 0) { enc.raw(run); run = []; } };

  for (const l of layout.lines) {
    switch (l.kind) {
      case 'text':
      case 'pair': {
        const [w, h] = sizeOf(l.size);
        const big = w !== 1 || h !== 1;
        const text = cp858Bytes(paddedText(l, widthFor(layout.columns, l.size)));
        line([...(l.bold ? BOLD_ON : []), ...(big ? [0x1d, 0x21, ((w - 1) << 4) | (h - 1)] : []), ...text, ...(big ? SIZE_NORMAL : []), ...(l.bold ? BOLD_OFF : [])]);
        break;
      }
      case 'rule':
        line(cp858Bytes(l.char.repeat(layout.columns)));
        break;
      case 'blank':
        line([]);
        break;
      case 'qr':
        if (caps.qrcode?.supported === false) {
          line(cp858Bytes(paddedText({ kind: 'text', text: l.data, align: 'center', bold: false, size: 'normal' }, layout.columns)));
        } else {
          flush();
          enc.align('center').qrcode(l.data, { model: 2, size: l.moduleSize, errorlevel: 'm' }).align('left');
        }
        break;
      case 'barcode':
        flush();
        enc.align('center').barcode(l.data, l.symbology, { height: 60, width: 2, text: 'below' }).align('left');
        break;
      case 'logo':
        if (opts.logo) {
          flush();
          const { width, height, data } = opts.logo;
          enc.align('center').image({ width, height, data } as never, width, height, 'threshold').align('left');
        }
        break;
      case 'cut':
        flush();
        enc.cut(opts.cut ?? 'partial');
        break;
    }
  }
  flush();
  if (layout.openDrawer && opts.openDrawer !== false) {
    const p = DrawerPulseSchema.parse(opts.drawer ?? {});
    enc.pulse(p.pin, p.onMs, p.offMs);
  }
  return enc.encode();
}
