// The status bar's data: asked for at start, then again whenever the backend says the status
// changed (pushed over the api's channel: the bar never polls), after a commit, and when the
// channel comes back after a gap. While the channel is down the bar says the backend is unreachable.
import { create } from 'zustand';
import type { TillStatus } from '../../../shared/contract/status.js';
import { getApi } from '../api/client.js';

interface StatusState {
  status: TillStatus | null;
  /** The backend itself did not answer (bridge down, backend process gone). */
  unreachable: boolean;
  /** Asks for the status now; a request while one is on its way asks once more after it. */
  refresh(): Promise<void>;
  /** Follows the backend's events until the returned function is called. */
  start(): () => void;
}

/** The backend did not answer at all: the bridge is gone (browser), the backend process died or hangs (Electron). */
const UNREACHABLE = new Set(['BRIDGE_UNREACHABLE', 'BACKEND_EXITED', 'BACKEND_TIMEOUT']);

let running: Promise<void> | null = null;
let again = false;

export const useStatus = create<StatusState>()((set, get) => ({
  status: null,
  unreachable: false,
  refresh() {
    if (running) {
      // The answer on its way may predate the change: one more, whatever the number of requests.
      again = true;
      return running;
    }
    const once = async () => {
      const r = await getApi().call('status.get', {});
      if (r.ok) set({ status: r.value, unreachable: false });
      else set({ unreachable: UNREACHABLE.has(r.error.code) });
    };
    const run = (async () => {
      do {
        again = false;
        await once();
      } while (again);
    })();
    running = run.finally(() => { running = null; });
    return running;
  },
  start() {
    void get().refresh();
    return getApi().onEvent((e) => {
      if (e.type === 'connection') {
        if (e.up) void get().refresh();
        else set({ unreachable: true });
      } else if (e.topics.includes('status')) {
        void get().refresh();
      }
    });
  },
}));
