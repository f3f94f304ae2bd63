// App-wide UI state: current screen, language, the manager-approval dialog, transient notices.
import { create } from 'zustand';
import type { Route } from './routes.js';
import type { ApprovalRequestInfo, ErrorInfo } from '../../../shared/errors.js';
import { getApi } from '../api/client.js';

export interface Notice {
  id: number;
  kind: 'info' | 'error' | 'success';
  /** Already translated text, or an error value translated at render time. */
  text?: string;
  error?: ErrorInfo;
}

/** The approval dialog's state: what the backend asks a manager to approve (reasons included). */
export interface ApprovalRequest extends ApprovalRequestInfo {
  resolve: (ok: boolean) => void;
}

interface AppState {
  route: Route;
  language: 'it' | 'en';
  approval: ApprovalRequest | null;
  approvalError: ErrorInfo | null;
  notices: Notice[];
  navigate(route: Route): void;
  setLanguage(lang: 'it' | 'en'): void;
  /** Opens the manager PIN dialog listing the request's reasons; resolves true once a manager approved it. */
  requestApproval(request: ApprovalRequestInfo): Promise<boolean>;
  submitApproval(pin: string): Promise<void>;
  cancelApproval(): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

let noticeSeq = 0;

export const useApp = create<AppState>()((set, get) => ({
  route: 'sale',
  language: 'it',
  approval: null,
  approvalError: null,
  notices: [],
  navigate: (route) => set({ route }),
  setLanguage: (language) => set({ language }),
  requestApproval: (request) =>
    new Promise<boolean>((resolve) => {
      get().approval?.resolve(false);
      set({ approval: { ...request, resolve }, approvalError: null });
    }),
  async submitApproval(pin) {
    const req = get().approval;
    if (!req) return;
    const r = await getApi().call('session.approve', { pin, request_id: req.requestId });
    if (!r.ok) {
      set({ approvalError: r.error });
      return;
    }
    set({ approval: null, approvalError: null });
    req.resolve(true);
  },
  cancelApproval() {
    const req = get().approval;
    set({ approval: null, approvalError: null });
    req?.resolve(false);
  },
  notify(n) {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-3), { ...n, id }] }));
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
