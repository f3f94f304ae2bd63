// Training mode (issue #12): until set-up steps 1 (the shop) and 2 (the AdE via Openapi) are done
// and a manager leaves it, the till issues no fiscal document. The status bar carries this state
// (status.get) so every screen shows the band; leaving is one manager action.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';
import type { SetupStep } from './setup.js';

/** The set-up steps (of the six, setup.ts) that must be done before the till may leave training mode. */
export const FISCAL_STEPS = ['shop', 'ade'] as const satisfies readonly SetupStep[];
export type FiscalStep = (typeof FISCAL_STEPS)[number];

export const TrainingStateSchema = z.object({
  /** True: every sale is a training sale (MODALITÀ PROVA — NON FISCALE), nothing reaches the AdE. */
  training: z.boolean(),
  /** Set-up steps still to do (empty: the manager may leave training). */
  missing: z.array(z.enum(FISCAL_STEPS)),
  /** When the till became fiscal (UTC ISO), null while training. */
  fiscalSince: z.string().nullable(),
});
export type TrainingState = z.output<typeof TrainingStateSchema>;

export const trainingContract = defineContract({
  'setup.training': query('public', noInput, TrainingStateSchema),
  /**
   * Leaves training mode for good: from now on sales are fiscal (number 0001 of the day first).
   * Refused, naming what is missing, until set-up steps 1 and 2 are done.
   */
  'setup.leaveTraining': mutation('manager', noInput, TrainingStateSchema),
});
