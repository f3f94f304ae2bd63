// The server's routes, one table: each module (pairing, the till's journal and master data, the back
// office) lists its own, and http.ts dispatches. A route says who may call it (`auth`); the router
// authenticates before the handler runs, so no handler can forget to.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { Clock } from '../shared/time.js';
import type { TillIdentity } from './auth.js';

export interface RouteContext {
  pool: pg.Pool;
  clock: Clock;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters from a RegExp route's named groups. */
  params: Record<string, string>;
  /** The request's JSON body (size-limited; a body that is not JSON is refused with REQUEST_INVALID). */
  json(maxBytes?: number): Promise<unknown>;
  /** Set for `auth: 'till'` routes. */
  till: TillIdentity | null;
}

/** What a handler answers: JSON (status 200 unless said), or bytes it sends itself (files, CSV, PDF). */
export type RouteResult = { status?: number; json: unknown } | { status?: number; headers: Record<string, string>; body: Buffer | string } | void;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An exact path, or a RegExp on the path (named groups become `params`). */
  path: string | RegExp;
  auth: 'none' | 'till' | 'admin';
  handle(ctx: RouteContext): Promise<RouteResult>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: {} };
    } else {
      const m = route.path.exec(path);
      if (m && m[0] === path) return { route, params: { ...(m.groups ?? {}) } };
    }
  }
  return null;
}
