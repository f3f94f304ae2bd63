// What the status bar shows: network, fiscal queue, printer, operator. Polled by the UI.
import { z } from 'zod';
import { defineContract, query } from './define.js';
import { noInput } from './common.js';

export const PRINTER_STATES = ['ok', 'paper_out', 'cover_open', 'offline', 'error', 'not_configured', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/**
 * The newest original receipt that could not print yet (paper out, cover open, printer off), for the
 * notice at the counter: «Scontrino in attesa: manca la carta…». It prints by itself once the printer
 * is back; `drawerOpened` says the cash drawer was already opened for it (real-time pulse).
 */
export const WaitingReceiptSchema = z.object({
  documentId: z.string(),
  /** Local number, e.g. "2026-11-21/0042". */
  documentNumber: z.string(),
  documentKind: z.enum(['sale', 'return', 'void']),
  /** When it was queued (UTC ISO). */
  since: z.string(),
  attempts: z.number().int(),
  /** Why the last attempt failed, in Italian (null before the first attempt). */
  lastError: z.string().nullable(),
  drawerOpened: z.boolean(),
  /** Other original receipts waiting besides this one. */
  others: z.number().int(),
});
export type WaitingReceipt = z.output<typeof WaitingReceiptSchema>;

export const TillStatusSchema = z.object({
  now: z.string(),
  businessDay: z.string(),
  operator: z.object({ id: z.string(), name: z.string(), role: z.enum(['cashier', 'manager']) }).nullable(),
  today: z.object({ sales: z.number().int(), salesCents: z.number().int(), returns: z.number().int(), voids: z.number().int() }),
  sync: z.object({
    /** null when the sync process has not reported yet. */
    online: z.boolean().nullable(),
    /** Documents not yet accepted (pending, sending, sent, unknown). */
    queued: z.number().int(),
    failed: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    /** 23:55–00:00 Europe/Rome: Openapi defers transmissions. */
    blackout: z.boolean(),
    /** Why sync is stopped (e.g. token rejected), in Italian; null when fine. */
    problem: z.string().nullable(),
    problemEn: z.string().nullable(),
  }),
  printer: z.object({
    state: z.enum(PRINTER_STATES),
    /** Jobs waiting to print. */
    queued: z.number().int(),
    message: z.string().nullable(),
    messageEn: z.string().nullable(),
    /** A receipt that should have printed and has not (null when none waits for the printer). */
    waitingReceipt: WaitingReceiptSchema.nullable().default(null),
  }),
});
export type TillStatus = z.output<typeof TillStatusSchema>;

export const statusContract = defineContract({
  'status.get': query('public', noInput, TillStatusSchema),
});
