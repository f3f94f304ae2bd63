// Where this till stands with its shop server, for the status bar, `bancone status`, `bancone till
// status` and the report it sends up: null until the till has joined a server. Read from the facts
// the link loop keeps in sync_state (./state.ts) and the journal's last seq: no network here.
import type { ReadableDb } from '../db/types.js';
import type { TillStatus } from '../../shared/contract/status.js';
import { getSetting } from '../settings.js';
import { msg } from '../../shared/messages/index.js';
import { romeDateTimeLabel } from '../../shared/time.js';
import { LINK_KEYS, lastSeq, readAck, readKey, readOutcome } from './state.js';
import { masterCursor } from './pull.js';

export type ShopLinkStatus = NonNullable<TillStatus['server']>;

export function shopLinkStatus(db: ReadableDb): ShopLinkStatus | null {
  const url = getSetting(db, 'server.url');
  const tillCode = getSetting(db, 'server.tillCode');
  if (!url || !tillCode) return null;
  const outcome = readOutcome(db);
  const pending = Math.max(0, lastSeq(db) - readAck(db));
  const chainBrokenAt = outcome?.chainBrokenAt ?? null;
  // A broken chain outlasts every other state: the server keeps answering it until someone acts.
  const state = chainBrokenAt !== null && (outcome?.state === 'ok' || outcome?.state === 'chain_broken') ? 'chain_broken' : outcome?.state ?? 'checking';
  const problem = state === 'chain_broken' ? msg.shopLink.chainBroken({ seq: chainBrokenAt! })
    : state === 'unreachable' ? msg.shopLink.unreachable({ url, pending })
    : state === 'auth' ? msg.shopLink.auth
    : state === 'refused' ? msg.shopLink.refused({ message: outcome?.message ?? '' })
    : null;
  return {
    url, tillCode, state, pending,
    lastUploadAt: readKey(db, LINK_KEYS.lastUploadAt),
    masterVersion: masterCursor(db),
    chainBrokenAt,
    problem: problem?.it ?? null,
    problemEn: problem?.en ?? null,
  };
}

/** The link's status as `bancone till status` and `bancone status` print it (problem on its own line). */
export function shopLinkStatusText(s: ShopLinkStatus, lang: 'it' | 'en'): string {
  const lines = msg.shopLink.statusLines({
    tillCode: s.tillCode, url: s.url, state: msg.shopLink.stateLabel({ state: s.state })[lang],
    pending: s.pending, lastUploadAt: s.lastUploadAt ? romeDateTimeLabel(s.lastUploadAt) : null, masterVersion: s.masterVersion,
  })[lang];
  const problem = lang === 'en' ? s.problemEn : s.problem;
  return problem ? `${lines}\n${problem}` : lines;
}
