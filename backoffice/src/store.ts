// The back office's state: the shops and their tills (the «Casse» screen and every screen's shop and
// till pickers), the shop chosen, the screen shown.
import { create } from 'zustand';
import type { ShopTills } from '../../shared/backoffice-api.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { ApiError, getJson } from './api.js';

export type Screen = 'tills' | 'report' | 'sales' | 'catalog';
export const SCREENS: Screen[] = ['tills', 'report', 'sales', 'catalog'];

interface State {
  screen: Screen;
  shops: ShopTills[] | null;
  shopId: string | null;
  error: ErrorInfo | null;
  loadedAt: Date | null;
  go(s: Screen): void;
  chooseShop(id: string): void;
  loadTills(): Promise<void>;
}

export const useBackoffice = create<State>((set, get) => ({
  screen: 'tills',
  shops: null,
  shopId: null,
  error: null,
  loadedAt: null,
  go: (screen) => set({ screen }),
  chooseShop: (shopId) => set({ shopId }),
  async loadTills() {
    try {
      const { shops } = await getJson<{ shops: ShopTills[] }>('/admin/api/tills');
      const current = get().shopId;
      set({ shops, error: null, loadedAt: new Date(), shopId: current && shops.some((s) => s.shopId === current) ? current : (shops[0]?.shopId ?? null) });
    } catch (e) {
      set({ error: e instanceof ApiError ? e.info : { code: 'ERROR', message: String(e), message_en: String(e) } });
    }
  },
}));

export const useShop = () => useBackoffice((s) => s.shops?.find((x) => x.shopId === s.shopId) ?? null);
