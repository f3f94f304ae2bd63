// The persistent channel between the UI and the backend: calls go one way with an id and come back
// with it; the backend pushes events when something the UI shows has changed, so no screen polls.
// In Electron the channel is IPC (invoke for calls, 'bancone:event' for events, relayed by main
// from the backend process); in browser mode a WebSocket on the bridge carrying both.
import type { CallResult } from './define.js';

/**
 * What changed: `status` (the status bar: fiscal queue, Openapi, printer, day totals, operator) and
 * `documents` (the history's rows: a document's fiscal or printing state). The UI asks again for
 * what it shows (events carry no data: the status is per session, e.g. the operator).
 */
export const CHANGE_TOPICS = ['status', 'documents'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

export type BackendEvent =
  | { type: 'changed'; topics: ChangeTopic[] }
  /**
   * The channel to the backend went down (up: false: calls fail until it is back) or came back
   * (up: true: events may have been missed meanwhile, so ask again for everything shown).
   */
  | { type: 'connection'; up: boolean };

/** WebSocket frames (JSON text). Client → bridge: */
export interface ChannelCall {
  type: 'call';
  id: number;
  name: string;
  arg: unknown;
}

/** Bridge → client: a call's result (same id), or a pushed event. */
export type ChannelReply = { type: 'result'; id: number; result: CallResult<unknown> } | { type: 'event'; event: BackendEvent };

/** The WebSocket's path on the bridge. */
export const CHANNEL_PATH = '/api/channel';
/** Subprotocol the bridge answers with. */
export const CHANNEL_PROTOCOL = 'bancone.v1';
/**
 * The per-run token travels as a second offered subprotocol ("bancone.token.<token>"): browsers
 * cannot set an Authorization header on a WebSocket, and a URL query would put it in logs.
 */
export const CHANNEL_TOKEN_PREFIX = 'bancone.token.';

export function isChangeTopic(x: unknown): x is ChangeTopic {
  return typeof x === 'string' && (CHANGE_TOPICS as readonly string[]).includes(x);
}

/** A well-formed event (what crosses IPC and the socket is checked, not trusted). */
export function isBackendEvent(x: unknown): x is BackendEvent {
  if (!x || typeof x !== 'object') return false;
  const e = x as { type?: unknown; topics?: unknown; up?: unknown };
  if (e.type === 'changed') return Array.isArray(e.topics) && e.topics.every(isChangeTopic);
  if (e.type === 'connection') return typeof e.up === 'boolean';
  return false;
}
