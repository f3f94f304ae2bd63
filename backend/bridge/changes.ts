// The change feed: tells the connected screens that something they show has changed, so they ask
// again instead of polling. Sources:
//   - told directly (notify): the dispatcher's writes, the print queue's events, the in-process
//     sync engine's events — all on this process's own connection or in its memory;
//   - noticed (check): writes by OTHER connections — the sync process in Electron, the in-process
//     sync engine's own connection, `bancone` commands — through SQLite's PRAGMA data_version,
//     which changes when another connection commits (a counter read, about a microsecond), checked
//     every `checkMs` while someone listens; and the wall clock, for what the bar shows that moves
//     with time alone (the 23:55–00:00 transmission pause, the calendar day).
// Notifications are coalesced until the next turn of the event loop: a sale's commit, its print job
// and its outbox row make one event, sent after the writes that follow synchronously have landed.
import { CHANGE_TOPICS, type BackendEvent, type ChangeTopic } from '../../shared/contract/channel.js';
import { contract, isMethodName } from '../../shared/contract/index.js';
import { isTransmissionBlackout, romeDate, type Clock } from '../../shared/time.js';
import type { ReadableDb } from '../db/types.js';
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
  close(): void;
}

export interface ChangeFeedOptions {
  /** The till's own connection (data_version moves only for commits made by other connections). */
  db: ReadableDb;
  clock: Clock;
  /** How often to look for other connections' writes while someone listens (default 100 ms). */
  checkMs?: number;
}

/** Clock checks run on every tenth data_version check: the bar's time-bound facts move by the minute. */
const CLOCK_EVERY = 10;

export function createChangeFeed(o: ChangeFeedOptions): ChangeFeed {
  const checkMs = o.checkMs ?? 100;
  const listeners = new Set<ChangeListener>();
  const pending = new Set<ChangeTopic>();
  let flushing: NodeJS.Immediate | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let ticks = 0;
  let version: number | null = null;
  let clockKey = '';

  const readVersion = (): number | null => {
    try { return o.db.pragma('data_version', { simple: true }) as number; } catch { return null; }
  };
  const readClockKey = (): string => {
    const now = o.clock.now();
    return `${romeDate(now)}|${isTransmissionBlackout(now)}`;
  };

  function flush(): void {
    flushing = null;
    if (pending.size === 0 || closed) return;
    const event: BackendEvent = { type: 'changed', topics: CHANGE_TOPICS.filter((t) => pending.has(t)) };
    pending.clear();
    for (const l of [...listeners]) {
      try { l(event); } catch { /* one screen's listener must not keep the others uninformed */ }
    }
  }

  function notify(topics: readonly ChangeTopic[]): void {
    if (closed || listeners.size === 0) return;
    for (const t of topics) pending.add(t);
    flushing ??= setImmediate(flush);
  }

  function check(): void {
    if (closed) return;
    const v = readVersion();
    if (v !== null && version !== null && v !== version) notify(CHANGE_TOPICS);
    if (v !== null) version = v;
    if (++ticks % CLOCK_EVERY === 0) {
      const k = readClockKey();
      if (k !== clockKey) { clockKey = k; notify(['status']); }
    }
  }

  function startWatching(): void {
    version = readVersion();
    clockKey = readClockKey();
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

/** The dispatcher, telling the feed after every write (a sale, a login, a setting: all shown somewhere). */
export function announcingWrites(dispatcher: Dispatcher, feed: Pick<ChangeFeed, 'notify'>): Dispatcher {
  return {
    ...dispatcher,
    async call(name, arg, session) {
      const result = await dispatcher.call(name, arg, session);
      if (isMethodName(name) && contract[name].write) feed.notify(CHANGE_TOPICS);
      return result;
    },
  };
}
