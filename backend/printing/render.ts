// A queued job → the paper to print: which layout, which mark, and whether it must wait for the
// AdE number first. Pure apart from reading the document; the queue does the rest.
import { z } from 'zod';
import type { DocumentRecord } from '../../shared/document.js';
import {
  fiscalReference, layoutDocument, layoutTrainingReceipt, layoutFiscalNumberSlip, layoutTestPage, layoutZReport,
  type FiscalNumberSlipMode, type ReceiptColumns, type ReceiptLayout, type ShopInfo, type ZReportPrintable,
} from '../../shared/receipt.js';
import { VAT_CODES } from '../../shared/vat.js';
import { isIsoDay } from '../../shared/time.js';
import { BanconeError } from '../../shared/errors.js';
import type { PrintJob } from './jobs.js';
import { msg, type Text } from '../../shared/messages/index.js';

export type PrintMode = 'immediate' | 'wait_fiscal';

export interface RenderSettings {
  columns: ReceiptColumns;
  shop: ShopInfo;
  /** immediate: print at once; wait_fiscal: wait up to waitSeconds for the AdE number, then provisional. */
  mode: PrintMode;
  waitSeconds: number;
  /** Setting printing.fiscalNumberSlip: what a receipt printed without the AdE number says about it. */
  fiscalNumberSlip?: FiscalNumberSlipMode;
  logo: boolean;
  /** Shown on the test page. */
  printer?: string;
}

export type Rendered =
  | { kind: 'print'; layout: ReceiptLayout; provisional: boolean | null }
  | { kind: 'defer'; until: Date; note: string };

// Generous limits: a report must never fail to print over a long label; these only stop garbage.
const cents = z.number().int();
const label = z.string().max(500);
const row = z.object({ label, amountCents: cents, bold: z.boolean().optional() });
export const ZReportPrintableSchema = z.object({
  title: z.string().min(1).max(200),
  businessDay: z.string().refine(isIsoDay, 'YYYY-MM-DD'),
  zNumber: z.number().int().positive().nullable(),
  generatedAt: z.string().datetime({ offset: true }),
  operator: z.string().max(200).nullable().optional(),
  rows: z.array(row).max(5000),
  vatRows: z.array(z.object({ vatCode: z.enum(VAT_CODES), grossCents: cents, taxableCents: cents, vatCents: cents })).max(100),
  paymentRows: z.array(z.object({ label, amountCents: cents, count: z.number().int().nullable().optional() })).max(100),
  counts: z.array(z.object({ label, value: z.number().int() })).max(1000),
  sections: z.array(z.object({ title: label, rows: z.array(row).max(5000) })).max(100).optional(),
  notes: z.array(z.string().max(2000)).max(5000),
});

// A training slip carries its document in the job (training sales are not in `documents`):
// checked for the parts the layout reads, so a damaged row fails the job instead of printing garbage.
const TrainingPayloadSchema = z.object({
  document: z.object({
    id: z.string(), kind: z.literal('sale'), number: z.string().startsWith('PROVA '), createdAt: z.string(),
    totalCents: cents, dueCents: cents, roundingCents: cents, changeCents: cents, saleDiscountCents: cents,
    lines: z.array(z.object({ description: z.string(), vatCode: z.enum(VAT_CODES), quantityMilli: cents, grossCents: cents }).passthrough()).min(1).max(5000),
    payments: z.array(z.object({ method: z.string(), amountCents: cents }).passthrough()).max(100),
    vat: z.array(z.object({ vatCode: z.enum(VAT_CODES), vatCents: cents }).passthrough()).max(100),
  }).passthrough(),
});

const fail = (code: string, words: Text) => new BanconeError(code, words, 'print_job');

/** Seconds between looks at the outbox while a receipt waits for its AdE number. */
const FISCAL_POLL_MS = 500;
/** A fiscal number slip whose number is not known yet looks again this often. */
const SLIP_POLL_MS = 30_000;

export function renderJob(job: PrintJob, s: RenderSettings, now: Date, getDocument: (id: string) => DocumentRecord): Rendered {
  const doc = () => {
    if (!job.documentId) throw fail('PRINT_JOB_NO_DOCUMENT', msg.printing.printJobNoDocument);
    return getDocument(job.documentId);
  };
  const opts = { columns: s.columns, logo: s.logo, ...(s.fiscalNumberSlip ? { fiscalNumberSlip: s.fiscalNumberSlip } : {}) };
  switch (job.kind) {
    case 'receipt': {
      const d = doc();
      // An invoiced document (issue #13) has no AdE number to wait for: its slip is complete as it is.
      const known = d.invoice ? true : fiscalReference(d) !== null;
      if (!known && s.mode === 'wait_fiscal') {
        const deadline = new Date(new Date(job.createdAt).getTime() + s.waitSeconds * 1000);
        if (now < deadline) {
          const next = new Date(Math.min(deadline.getTime(), now.getTime() + FISCAL_POLL_MS));
          return { kind: 'defer', until: next, note: 'In attesa del numero AdE' };
        }
      }
      return { kind: 'print', layout: layoutDocument(d, s.shop, opts), provisional: !known };
    }
    case 'copy':
    case 'reprint': {
      const d = doc();
      return { kind: 'print', layout: layoutDocument(d, s.shop, { ...opts, mark: job.kind }), provisional: d.invoice ? false : fiscalReference(d) === null };
    }
    case 'fiscal_number': {
      const layout = layoutFiscalNumberSlip(doc(), s.shop, { columns: s.columns });
      if (!layout) return { kind: 'defer', until: new Date(now.getTime() + SLIP_POLL_MS), note: 'Numero AdE non ancora disponibile' };
      return { kind: 'print', layout, provisional: false };
    }
    case 'z_report': {
      let raw: unknown = null;
      try { raw = job.payload ? JSON.parse(job.payload) : null; } catch { /* reported below */ }
      const parsed = ZReportPrintableSchema.safeParse(raw);
      if (!parsed.success) throw fail('PRINT_JOB_BAD_PAYLOAD', msg.printing.printJobBadPayload);
      return { kind: 'print', layout: layoutZReport(parsed.data as ZReportPrintable, s.shop, { columns: s.columns }), provisional: null };
    }
    case 'training_receipt': {
      let raw: unknown = null;
      try { raw = job.payload ? JSON.parse(job.payload) : null; } catch { /* reported below */ }
      const parsed = TrainingPayloadSchema.safeParse(raw);
      if (!parsed.success) throw fail('PRINT_JOB_BAD_PAYLOAD', msg.printing.trainingJobBadPayload);
      return { kind: 'print', layout: layoutTrainingReceipt(parsed.data.document as unknown as DocumentRecord, s.shop, { columns: s.columns, logo: s.logo }), provisional: null };
    }
    case 'test':
      return { kind: 'print', layout: layoutTestPage(s.shop, { ...opts, now, ...(s.printer ? { printer: s.printer } : {}) }), provisional: null };
    default:
      throw fail('PRINT_JOB_KIND_UNKNOWN', msg.printing.printJobKindUnknown({ kind: job.kind }));
  }
}
