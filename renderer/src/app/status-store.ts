// The status bar's data: polled through the contract ('status.get'), refreshed at once after a
// commit, and pushed by Electron's main when it has news.
import { create } from 'zustand';
import type { TillStatus } from '../../../shared/contract/status.js';
import { getApi } from '../api/client.js';

interface StatusState {
  status: TillStatus | null;
  /** The backend itself did not answer (bridge down). */
  unreachable: boolean;
  refresh(): Promise<void>;
  start(intervalMs?: number): () => void;
}

export const useStatus = create<StatusState>()((set, get) => ({
  status: null,
  unreachable: false,
  async refresh() {
    const r = await getApi().call('status.get', {});
    if (r.ok) set({ status: r.value, unreachable: false });
    else set({ unreachable: r.error.code === 'BRIDGE_UNREACHABLE' });
  },
  start(intervalMs = 1500) {
    void get().refresh();
    const timer = setInterval(() => void get().refresh(), intervalMs);
    const unsubscribe = getApi().transport.onStatus?.(() => void get().refresh());
    return () => {
      clearInterval(timer);
      unsubscribe?.();
    };
  },
}));
