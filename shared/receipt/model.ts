// The receipt layout model: what goes on the paper, line by line, independent of the printer.
// The same model feeds the ESC/POS encoder (paper) and the React preview (screen), so what the
// cashier sees is what the customer gets. Every text/pair line already fits its width: wrapping
// is decided here, once, and never again by a printer or a browser.
import type { Cents } from '../money.js';
import type { VatRow } from '../sale.js';

/** Characters per line in font A: 58 mm paper → 32, 80 mm at 180 dpi → 42, 80 mm at 203 dpi → 48. */
export type ReceiptColumns = 32 | 42 | 48;
export const RECEIPT_COLUMNS: readonly ReceiptColumns[] = [32, 42, 48];

export type ReceiptAlign = 'left' | 'center' | 'right';
/** normal = 1×1; tall = double height, same columns; large = double width and height (half the columns). */
export type ReceiptSize = 'normal' | 'tall' | 'large';

export interface ReceiptTextLine {
  kind: 'text';
  text: string;
  align: ReceiptAlign;
  bold: boolean;
  size: ReceiptSize;
}

/** A label on the left and a value flush right, e.g. "TOTALE ........ € 12,50". */
export interface ReceiptPairLine {
  kind: 'pair';
  left: string;
  right: string;
  bold: boolean;
  size: ReceiptSize;
}

export interface ReceiptRuleLine {
  kind: 'rule';
  char: '-' | '=';
}

export interface ReceiptBlankLine {
  kind: 'blank';
}

export interface ReceiptQrLine {
  kind: 'qr';
  data: string;
  /** Module size in dots (1–8). */
  moduleSize: number;
}

export interface ReceiptBarcodeLine {
  kind: 'barcode';
  data: string;
  symbology: 'code128';
}

/** Where the shop logo goes, if the printer has one configured. */
export interface ReceiptLogoLine {
  kind: 'logo';
}

export interface ReceiptCutLine {
  kind: 'cut';
}

export type ReceiptLine =
  | ReceiptTextLine
  | ReceiptPairLine
  | ReceiptRuleLine
  | ReceiptBlankLine
  | ReceiptQrLine
  | ReceiptBarcodeLine
  | ReceiptLogoLine
  | ReceiptCutLine;

export type ReceiptLayoutKind = 'sale' | 'return' | 'void' | 'fiscal_number' | 'z_report' | 'test';

export interface ReceiptLayout {
  kind: ReceiptLayoutKind;
  columns: ReceiptColumns;
  lines: ReceiptLine[];
  /** Kick the cash drawer after printing (original receipts with cash moving only). */
  openDrawer: boolean;
}

/** The shop's own data printed in every header. Address and footer may hold several lines ("\n"). */
export interface ShopInfo {
  name: string;
  address: string;
  vatNumber: string;
  footer: string;
}

/** 'copy' = a second copy handed over now; 'reprint' = printed again later from the history. */
export type ReceiptMark = 'copy' | 'reprint';

/** Setting printing.fiscalNumberSlip: what happens once the AdE number of a provisional receipt arrives. */
export type FiscalNumberSlipMode = 'auto' | 'on_request' | 'never';

export interface ReceiptOptions {
  columns: ReceiptColumns;
  /**
   * What a receipt printed without the AdE number promises about it: 'auto' a slip printed by
   * itself, 'on_request' a slip on request at the till, 'never' nothing (default 'on_request',
   * the setting's default).
   */
  fiscalNumberSlip?: FiscalNumberSlipMode;
  mark?: ReceiptMark | null;
  /** QR code with the document id, scanned by the returns screen (default true). */
  qr?: boolean;
  /** Leave room for the shop logo at the top (default false). */
  logo?: boolean;
}

/** One label/amount row of a Z (or X) report. */
export interface ZReportRow {
  label: string;
  amountCents: Cents;
  bold?: boolean;
}

/**
 * What the end-of-day code hands to the printer: generic on purpose, so the report can grow
 * without touching the layout. Amounts are cents; the layout formats them.
 */
export interface ZReportPrintable {
  /** e.g. "CHIUSURA GIORNALIERA" or "LETTURA X". */
  title: string;
  /** Business day, YYYY-MM-DD (Europe/Rome). */
  businessDay: string;
  /** Z number; null for an X reading. */
  zNumber: number | null;
  /** UTC ISO instant the report was produced. */
  generatedAt: string;
  operator?: string | null;
  /** Summary rows: sales, returns, voids, net total… */
  rows: ZReportRow[];
  vatRows: VatRow[];
  paymentRows: Array<{ label: string; amountCents: Cents; count?: number | null }>;
  counts: Array<{ label: string; value: number }>;
  /** Further titled sections (e.g. departments, operators). */
  sections?: Array<{ title: string; rows: ZReportRow[] }>;
  notes: string[];
}
