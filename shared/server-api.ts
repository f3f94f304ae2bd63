// The wire between a till and the shop server (server/, issue #14), validated with zod on both sides.
import { z } from 'zod';

/** A pairing code as `bancone server pair` prints it: 8 letters/digits, shown as XXXX-XXXX. */
export const PairRequestSchema = z.object({
  code: z.string().trim().min(1).max(20),
}).strict();
export type PairRequest = z.infer<typeof PairRequestSchema>;

export const PairResponseSchema = z.object({
  tillCode: z.string().regex(/^C[0-9]+$/),
  token: z.string().min(32).max(200),
  shop: z.object({ name: z.string() }),
});
export type PairResponse = z.infer<typeof PairResponseSchema>;

export const ServerErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), message_en: z.string(), field: z.string().optional() }),
});
