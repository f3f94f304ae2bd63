// What the status bar shows: network, fiscal queue, printer, operator. Asked for again by the UI when the backend pushes a change.
import { z } from 'zod';
import { defineContract, query } from './define.js';
import { noInput } from './common.js';
import { TrainingStateSchema } from './training.js';

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

/**
 * How the till reaches the Agenzia delle Entrate's gateway (Openapi), as the sync last saw it:
 * not_configured (no fiscal id or token) · checking (nothing recent known) · ok · offline (this
 * machine's network cannot find or route to it) · unreachable (no connection) · server_error
 * (Openapi answers with errors). Learnt from every request, and from a light check every few minutes
 * while idle, so it is never an old «ok».
 */
export const API_STATES = ['not_configured', 'checking', 'ok', 'offline', 'unreachable', 'server_error'] as const;
export type ApiState = (typeof API_STATES)[number];

export const TillStatusSchema = z.object({
  now: z.string(),
  businessDay: z.string(),
  operator: z.object({ id: z.string(), name: z.string(), role: z.enum(['cashier', 'manager']) }).nullable(),
  today: z.object({ sales: z.number().int(), salesCents: z.number().int(), returns: z.number().int(), voids: z.number().int() }),
  sync: z.object({
    /** false when Openapi cannot be reached (offline/unreachable); null when not known. */
    online: z.boolean().nullable(),
    api: z.enum(API_STATES),
    /** When the sync last talked to Openapi (null: never, or not configured). */
    apiCheckedAt: z.string().nullable(),
    /** The queue is stopped until someone acts: the token (auth) or the account/address (config). */
    stop: z.enum(['auth', 'config']).nullable(),
    /** For a config stop, what is wrong: NOT_REGISTERED, RECEIPTS_DISABLED, WRONG_ADDRESS, ACCOUNT_INACTIVE, … */
    stopCode: z.string().nullable(),
    /** Openapi's own words about the stop (untranslated: shown apart, labelled). */
    apiMessage: z.string().nullable(),
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
  /**
   * The shop server (issue #14): null when this till has not joined one. `pending` journal entries
   * not yet acknowledged; `state`: ok (last upload acknowledged) · unreachable (no answer: the till
   * sells on, the queue waits) · auth (token refused: join again) · refused (the server refuses what
   * we send: see `problem`) · chain_broken (the server found our journal's chain broken at `chainBrokenAt`).
   */
  server: z.object({
    url: z.string(),
    tillCode: z.string(),
    state: z.enum(['ok', 'unreachable', 'auth', 'refused', 'chain_broken', 'checking']),
    pending: z.number().int().nonnegative(),
    lastUploadAt: z.string().nullable(),
    masterVersion: z.number().int().nonnegative(),
    chainBrokenAt: z.number().int().nullable(),
    problem: z.string().nullable(),
    problemEn: z.string().nullable(),
  }).nullable().default(null),
  /** Training mode (issue #12): the band on every screen, and «AdE: non configurata» while set-up steps 1–2 are missing. */
  training: TrainingStateSchema,
});
export type TillStatus = z.output<typeof TillStatusSchema>;

export const statusContract = defineContract({
  'status.get': query('public', noInput, TillStatusSchema),
});
