// The status bar in one call. The answer is backend/status.ts's (tillStatus), shared with
// `bancone status` and the sync port; asked at every change, so it reads index lookups only.
import type { HandlerMap } from './context.js';
import { tillStatus } from '../status.js';

export const statusHandlers: HandlerMap<'status.get'> = {
  'status.get': (_, ctx) => tillStatus(ctx.db, ctx.clock, { sync: ctx.sync, printing: ctx.printing }, ctx.session.operator),
};
