// Who is logged in, the login PIN pad, and first-run setup.
import { create } from 'zustand';
import type { SessionState } from '../../../../shared/contract/session.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';

export const PIN_MAX = 8;

interface LoginState {
  session: SessionState | null;
  selectedId: string | null;
  pin: string;
  busy: boolean;
  error: ErrorInfo | null;
  refresh(): Promise<void>;
  select(id: string): void;
  typeDigit(d: string): void;
  backspace(): void;
  clearPin(): void;
  login(): Promise<boolean>;
  setup(name: string, pin: string): Promise<boolean>;
  logout(): Promise<void>;
}

export const useLogin = create<LoginState>()((set, get) => ({
  session: null,
  selectedId: null,
  pin: '',
  busy: false,
  error: null,
  async refresh() {
    const r = await getApi().call('session.state', {});
    if (r.ok) {
      const keep = r.value.operators.some((o) => o.id === get().selectedId);
      set({ session: r.value, selectedId: keep ? get().selectedId : r.value.operators.length === 1 ? r.value.operators[0]!.id : null });
    } else set({ error: r.error });
  },
  select: (id) => set({ selectedId: id, pin: '', error: null }),
  typeDigit: (d) => {
    if (/^\d$/.test(d) && get().pin.length < PIN_MAX) set({ pin: get().pin + d, error: null });
  },
  backspace: () => set({ pin: get().pin.slice(0, -1) }),
  clearPin: () => set({ pin: '' }),
  async login() {
    const { selectedId, pin } = get();
    if (!selectedId || pin === '') return false;
    set({ busy: true });
    const r = await getApi().call('session.login', { operator_id: selectedId, pin });
    set({ busy: false, pin: '' });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    await get().refresh();
    return true;
  },
  async setup(name, pin) {
    set({ busy: true });
    const r = await getApi().call('session.setup', { name, pin });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    await get().refresh();
    return true;
  },
  async logout() {
    await getApi().call('session.logout', {});
    set({ pin: '', error: null });
    await get().refresh();
  },
}));
