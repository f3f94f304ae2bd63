// The change feed: tells the connected screens that something they show has changed, so they ask
// again instead of polling. Sources:
//   - told directly (notify): the dispatcher's writes, the print queue's events, the in-process
//     sync engine's events — all on this process's own connection or in its memory;
//   - noticed (check): writes by OTHER connections — the sync process in Electron, the in-process
//     sync engine's own connection, `bancone` commands — through SQLite's PRAGMA data_version,
//     which changes when another connection commits (a counter read, about a microsecond), checked
//     every `checkMs` while someone listens; and the wall clock, for what the bar shows that moves
//     with time alone (the 23:55–00:00 transmission pause, the calendar day).
//     Another connection's commit is not always news: the sync renews its lease row every drain
//     (every second while idle). So a commit noticed is checked against a fingerprint of what the
//     screens show (ledgerFingerprints: a few index lookups over the rows still in motion), and a
//     topic is told only if its fingerprint moved — else the screens would be asked to reload every
//     second: polling by another name.
// Notifications are coalesced until the next turn of the event loop: a sale's commit, its print job
// and its outbox row make one event, sent after the writes that follow synchronously have landed.
import { CHANGE_TOPICS, type BackendEvent, type ChangeTopic } from '../../shared/contract/channel.js';
import { contract, isMethodName } from '../../shared/contract/index.js';
import { isTransmissionBlackout, romeDate, type Clock } from '../../shared/time.js';
import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';
import type { Dispatcher } from '../api/dispatcher.js';

export type ChangeListener = (e: BackendEvent) => void;

export interface ChangeSource {
  /** Listens for events until the returned function is called. */
  subscribe(listener: ChangeListener): () => void;
}

export interface ChangeFeed extends ChangeSource {
  /** Something changed on this process's side: screens showing `topics` are told (coalesced). */
  notify(topics: readonly ChangeTopic[]): void;
  /** Looks for changes made by other connections, and for the clock's, now (also done every checkMs). */
  check(): void;
  /** Tells the topics whose fingerprint moved, whoever wrote (after a refused write: usually none). */
  recheck(): void;
  close(): void;
}

export interface ChangeFeedOptions {
  /** The till's own connection (data_version moves only for commits made by other connections). */
  db: ReadableDb;
  clock: Clock;
  /** How often to look for other connections' writes while someone listens (default 50 ms: a counter read). */
  checkMs?: number;
  /**
   * What each topic's screens show, in a string that changes when they would (ledgerFingerprints).
   * A topic without one is told of every commit by another connection.
   */
  fingerprints?: Partial<Record<ChangeTopic, () => string>>;
}

/** Clock checks run on every twentieth data_version check (once a second): the bar's time-bound facts move by the minute. */
const CLOCK_EVERY = 20;

export function createChangeFeed(o: ChangeFeedOptions): ChangeFeed {
  const checkMs = o.checkMs ?? 50;
  const listeners = new Set<ChangeListener>();
  const pending = new Set<ChangeTopic>();
  let flushing: NodeJS.Immediate | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let ticks = 0;
  let version: number | null = null;
  let clockKey = '';
  const prints = new Map<ChangeTopic, string>();

  const readVersion = (): number | null => {
    try { return o.db.pragma('data_version', { simple: true }) as number; } catch { return null; }
  };
  const readClockKey = (): string => {
    const now = o.clock.now();
    return `${romeDate(now)}|${isTransmissionBlackout(now)}`;
  };

  /** The fingerprint of `topic` now; null when it has none, or it cannot be read (then: news). */
  const fingerprint = (topic: ChangeTopic): string | null => {
    const f = o.fingerprints?.[topic];
    if (!f) return null;
    try { return f(); } catch { return null; }
  };

  function flush(): void {
    flushing = null;
    if (pending.size === 0 || closed) return;
    const event: BackendEvent = { type: 'changed', topics: CHANGE_TOPICS.filter((t) => pending.has(t)) };
    pending.clear();
    // What the screens are about to ask for: a later commit is news only if it moves this.
    for (const t of event.topics) {
      const f = fingerprint(t);
      if (f !== null) prints.set(t, f);
    }
    for (const l of [...listeners]) {
      try { l(event); } catch { /* one screen's listener must not keep the others uninformed */ }
    }
  }

  function notify(topics: readonly ChangeTopic[]): void {
    if (closed || listeners.size === 0) return;
    for (const t of topics) pending.add(t);
    flushing ??= setImmediate(flush);
  }

  /** The topics whose screens would show something else now (another connection committed, or a write was refused). */
  function moved(): void {
    const topics = CHANGE_TOPICS.filter((t) => {
      const now = fingerprint(t);
      if (now === null) return true;
      if (prints.get(t) === now) return false;
      prints.set(t, now);
      return true;
    });
    if (topics.length > 0) notify(topics);
  }

  function check(): void {
    if (closed) return;
    const v = readVersion();
    if (v !== null && version !== null && v !== version) moved();
    if (v !== null) version = v;
    if (++ticks % CLOCK_EVERY === 0) {
      const k = readClockKey();
      if (k !== clockKey) { clockKey = k; notify(['status']); }
    }
  }

  function startWatching(): void {
    version = readVersion();
    clockKey = readClockKey();
    for (const t of CHANGE_TOPICS) {
      const f = fingerprint(t);
      if (f !== null) prints.set(t, f);
    }
    timer = setInterval(check, checkMs);
    // Watching never keeps a process alive by itself.
    timer.unref();
  }

  function stopWatching(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    notify,
    check,
    recheck: () => { if (!closed && listeners.size > 0) moved(); },
    subscribe(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      if (listeners.size === 1) startWatching();
      return () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0) stopWatching();
      };
    },
    close() {
      closed = true;
      stopWatching();
      if (flushing) clearImmediate(flushing);
      flushing = null;
      listeners.clear();
      pending.clear();
    },
  };
}

/**
 * The dispatcher, telling the feed after every write that went through (a sale, a login, a setting:
 * all shown somewhere). A refused write changed nothing as a rule (its transaction rolled back), and
 * telling the screens would make them reload over the very refusal they are showing: then only what
 * the fingerprints see moved is told.
 */
export function announcingWrites(dispatcher: Dispatcher, feed: Pick<ChangeFeed, 'notify' | 'recheck'>): Dispatcher {
  return {
    ...dispatcher,
    async call(name, arg, session) {
      const result = await dispatcher.call(name, arg, session);
      if (isMethodName(name) && contract[name].write) {
        if (result.ok) feed.notify(CHANGE_TOPICS);
        else feed.recheck();
      }
      return result;
    },
  };
}

/** Outbox states of documents still on their way to the Agenzia (few rows, on the state index). */
const IN_MOTION = ['pending', 'sending', 'sent', 'unknown', 'failed'] as const;
/** Invoice outbox states still on their way (issue #13; on invoice_outbox_state). */
const INVOICES_IN_MOTION = ['pending', 'sending', 'unknown', 'queued', 'sent', 'failed'] as const;
/** Print job states still waiting for the printer. */
const PRINT_WAITING = ['queued', 'printing', 'retry'] as const;
/** sync_state rows no screen shows: the two senders' leases (receipts, invoices), renewed every drain, and the auth probe time. */
const UNSHOWN_STATE = "('lock', 'invoice_lock', 'last_auth_probe_at')";

/**
 * What the status bar and the history show, as fingerprints read on the till's own connection:
 * only rows still in motion and O(1) maxima, never a scan of the history (a million documents).
 * A document that becomes ready, fails or is cancelled leaves the in-motion rows; a new document
 * moves max(rowid); a closed day moves the closures; the sync's view lives in sync_state.
 */
export function ledgerFingerprints(db: ReadableDb): Record<ChangeTopic, () => string> {
  const rows = (sql: string, ...args: unknown[]) => JSON.stringify(readStmt(db, sql).all(...args));
  const inMotion = () => IN_MOTION.map((s) => rows('SELECT document_id, state, attempts, updated_at FROM outbox WHERE state = ? ORDER BY document_id', s)).join('|');
  const printing = () => PRINT_WAITING.map((s) => rows('SELECT id, state, attempts FROM print_jobs WHERE state = ? ORDER BY id', s)).join('|');
  const newest = () => rows('SELECT max(rowid) AS last FROM documents');
  // Invoices (issue #13): the bar's invoice queue and the history's marks move when the sender (its
  // own connection) moves a row still on its way, or one leaves them (delivered, rejected…), or a new one is issued.
  const invoices = () => [INVOICES_IN_MOTION.map((s) => rows('SELECT invoice_id, state, attempts, updated_at FROM invoice_outbox WHERE state = ? ORDER BY invoice_id', s)).join('|'),
    rows('SELECT max(rowid) AS last FROM invoices')].join('|');
  return {
    status: () => [
      rows(`SELECT key, value FROM sync_state WHERE key NOT IN ${UNSHOWN_STATE} ORDER BY key`),
      inMotion(),
      printing(),
      newest(),
      rows('SELECT max(business_day) AS day FROM day_closures'),
      // Training mode (band, «AdE: non configurata»): left by a manager or `bancone training leave`, set-up steps saved.
      rows(`SELECT since FROM fiscal_mode UNION ALL SELECT value FROM settings WHERE key IN ('setup.shopDoneAt', 'setup.adeDoneAt')`),
      invoices(),
    ].join('#'),
    documents: () => [inMotion(), printing(), newest(), invoices()].join('#'),
  };
}
