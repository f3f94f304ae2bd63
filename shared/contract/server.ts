// The shop server from the till's Settings (issue #14): «Abbina» joins this till to a shop server with
// the one-time code `bancone server pair` shows there, as `bancone till join URL CODE` does
// (backend/shop-link/join.ts). Manager only: it gives the till a new number series and a token.
// Where the till stands with its server afterwards is status.get's `server` field.
import { z } from 'zod';
import { defineContract, mutation } from './define.js';

export const JoinServerInputSchema = z.object({
  /** The server's address, e.g. http://192.168.1.10:8470 (checked by the backend: the refusal names «url»). */
  url: z.string().max(300),
  /** The pairing code, e.g. ABCD-EFGH (the server's refusal names «code»). */
  code: z.string().max(40),
}).strict();

export const JoinedServerSchema = z.object({
  /** This till's code at the shop, e.g. «C2»: its numbers become «C2-2026-12-01/0042». */
  tillCode: z.string(),
  shopName: z.string(),
  url: z.string(),
});
export type JoinedServer = z.output<typeof JoinedServerSchema>;

export const serverContract = defineContract({
  'server.join': mutation('manager', JoinServerInputSchema, JoinedServerSchema),
});
