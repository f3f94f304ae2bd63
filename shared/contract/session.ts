// Who is at the counter: login with PIN, first-run setup, manager approval, operators.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { OperatorSchema, empty, id, noInput } from './common.js';
import { msg, zodMessage } from '../messages/index.js';

const pin = z.string().regex(/^\d{4,8}$/, { message: zodMessage(msg.session.pinFormatField) });
const name = z.string().trim().min(1).max(60);
const role = z.enum(['cashier', 'manager']);

export const SessionStateSchema = z.object({
  operator: OperatorSchema.nullable(),
  /** No operator exists yet: the login screen offers to create the first manager. */
  setupRequired: z.boolean(),
  /** Who can log in (names and roles only). */
  operators: z.array(OperatorSchema),
  /** The newest manager approval granted in this window and not used yet (it authorises one call only). */
  approval: z.object({ managerName: z.string(), expiresAt: z.string() }).nullable(),
  language: z.enum(['it', 'en']),
});
export type SessionState = z.output<typeof SessionStateSchema>;

export const ApprovalReasonSchema = z.object({ code: z.string(), message: z.string(), message_en: z.string() });

export const ApproveResultSchema = z.object({
  managerName: z.string(),
  /** The approval must be used (the call retried) before this instant. */
  expiresAt: z.string(),
  requestId: z.string(),
  method: z.string(),
  reasons: z.array(ApprovalReasonSchema),
});

export const sessionContract = defineContract({
  'session.state': query('public', noInput, SessionStateSchema),
  'session.setup': mutation('public', z.object({ name, pin }).strict(), OperatorSchema),
  'session.login': mutation('public', z.object({ operator_id: id, pin: z.string().max(8) }).strict(), OperatorSchema),
  'session.logout': mutation('operator', noInput, empty),
  /**
   * A manager types their PIN on a cashier's session for the request a MANAGER_REQUIRED error
   * carried (error.approval.requestId): the identical call (same method and input) then goes
   * through once, within expiresAt. No other call can use it.
   */
  'session.approve': mutation('operator', z.object({ pin: z.string().max(8), request_id: z.string().min(1).max(64) }).strict(), ApproveResultSchema),
  'operators.list': query('manager', noInput, z.object({ operators: z.array(OperatorSchema) })),
  'operators.save': mutation(
    'manager',
    z.object({ id: id.optional(), name, role, pin: pin.optional(), active: z.boolean().default(true) }).strict(),
    OperatorSchema,
  ),
});
