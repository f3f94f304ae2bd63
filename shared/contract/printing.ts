// The printer as set-up step 3 drives it: the outcome of one print job (the test page the wizard
// just asked for), the models the encoder knows, and the drawer test (the pulse alone, audited).
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';

export const PrintJobViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** queued/printing: on its way; printed: out of the printer; retry: the printer failed (lastError says why, it is tried again); failed/cancelled: given up. */
  state: z.enum(['queued', 'printing', 'retry', 'printed', 'failed', 'cancelled']),
  attempts: z.number().int(),
  /** The printer's problem in Italian with what to do («Carta esaurita: sostituire il rotolo»), or null. */
  lastError: z.string().nullable(),
  printedAt: z.string().nullable(),
  /** True when the printer itself confirmed the job (tcp://); false when a spooler only accepted it. */
  confirmed: z.boolean().nullable(),
});
export type PrintJobView = z.output<typeof PrintJobViewSchema>;

export const printingContract = defineContract({
  'printing.job': query('operator', z.object({ id: z.string().min(1).max(64) }).strict(), PrintJobViewSchema),
  'printing.models': query('operator', noInput, z.object({ models: z.array(z.object({ id: z.string(), name: z.string() })) })),
  /** The drawer pulse alone (set-up's «Apri cassetto»): manager only, audited. */
  'printing.testDrawer': mutation('manager', noInput, z.object({ openedAt: z.string() })),
});
