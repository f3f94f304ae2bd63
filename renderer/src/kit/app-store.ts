// App-wide UI state that features may use: the current screen (navigate; open a screen for a given
// document), the manager-approval dialog, transient notices. Features reach each other only through
// here: history's «Reso» opens the returns screen with an intent the returns feature acts on, never
// by importing the returns store.
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

/** A screen opened for something: the feature that owns the screen acts on it (returns: load that sale). */
export type Intent = { route: 'returns'; document: string };

interface AppState {
  route: Route;
  /** The last screen opened with open(): a new object each time, so the same document twice is two intents. */
  intent: Intent | null;
  approval: ApprovalRequest | null;
  approvalError: ErrorInfo | null;
  notices: Notice[];
  navigate(route: Route): void;
  /** Goes to the intent's screen, for what it names (a sale to return…). */
  open(intent: Intent): void;
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
  intent: null,
  approval: null,
  approvalError: null,
  notices: [],
  navigate: (route) => set({ route }),
  open: (intent) => set({ route: intent.route, intent: { ...intent } }),
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
