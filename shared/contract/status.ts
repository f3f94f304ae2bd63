// What the status bar shows: network, fiscal queue, printer, operator. Polled by the UI.
import { z } from 'zod';
import { defineContract, query } from './define.js';
import { noInput } from './common.js';

export const PRINTER_STATES = ['ok', 'paper_out', 'cover_open', 'offline', 'error', 'not_configured', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

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
  }),
});
export type TillStatus = z.output<typeof TillStatusSchema>;

export const statusContract = defineContract({
  'status.get': query('public', noInput, TillStatusSchema),
});
