// The guided end of day: movements → count → final sync → close → print. Server truth (the day's
// figures, the Z) stays in the backend; this store holds the step, the forms, and what the last
// call returned. A cash out, the final sync and closing need a manager (the api asks for the PIN).
// The count is blind by default (setting eod.blindCount): the expected cash and the variance stay
// hidden until a count is saved; «Avanti» on the count step saves it, as the save button does.
import { create } from 'zustand';
import type {
  CashCount,
  CashMovementKind,
  CloseDayResult,
  DayReport,
  EndOfDayStatus,
  FinalSyncResult,
} from '../../../../shared/contract/reports.js';
import { CASH_DENOMINATIONS_CENTS } from '../../../../shared/contract/reports.js';
import type { ReceiptLayoutOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { parseAmount } from '../../../../shared/money.js';
import { getApi } from '../../api/client.js';
import { localError } from '../../kit/local-error.js';

export const STEPS = ['movements', 'count', 'sync', 'close', 'print'] as const;
export type Step = (typeof STEPS)[number];

export interface EndOfDayState {
  step: Step;
  status: EndOfDayStatus | null;
  /** Pieces typed per denomination (value in cents → text as typed). */
  pieces: Record<string, string>;
  movement: { kind: CashMovementKind; amount: string; reason: string };
  count: CashCount | null;
  sync: FinalSyncResult | null;
  syncing: boolean;
  note: string;
  force: boolean;
  closed: CloseDayResult | null;
  /** The report on paper: the X while the day is open, the Z once closed. */
  preview: ReceiptLayoutOut | null;
  busy: boolean;
  error: ErrorInfo | null;
  printJobId: string | null;
  /** The denominations this screen last saved (canonical text): the same count is not saved twice. */
  savedPieces: string | null;
  load(): Promise<void>;
  goTo(step: Step): void;
  /**
   * «Avanti» (or a later step picked on the stepper): leaving the count step forward saves what is
   * typed first, once; false (and no move) when it could not be saved.
   */
  next(to?: Step): Promise<boolean>;
  setMovement(m: Partial<EndOfDayState['movement']>): void;
  addMovement(): Promise<boolean>;
  setPieces(valueCents: number, text: string): void;
  /** Counted total of what is typed now (invalid entries count as 0 and are flagged by the screen). */
  countedCents(): number;
  /** Saves the typed count, unless it is the one already saved here; true when saved or unchanged. */
  saveCount(): Promise<boolean>;
  finalSync(): Promise<boolean>;
  setNote(note: string): void;
  setForce(force: boolean): void;
  close(): Promise<boolean>;
  /** Prints the X reading (or the Z just closed); `{ type: 'z' }` reprints the last Z. */
  print(ref?: { type: 'z' }): Promise<boolean>;
  pdf(): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  reset(): void;
}

const initial = {
  step: 'movements' as Step,
  status: null,
  pieces: {},
  movement: { kind: 'float' as CashMovementKind, amount: '', reason: '' },
  count: null,
  sync: null,
  syncing: false,
  note: '',
  force: false,
  closed: null,
  preview: null,
  busy: false,
  error: null,
  printJobId: null,
  savedPieces: null,
};

export function piecesValid(text: string): boolean {
  return text.trim() === '' || /^\d{1,6}$/.test(text.trim());
}

function report(s: Pick<EndOfDayState, 'closed' | 'status'>): DayReport | null {
  return s.closed?.report ?? s.status?.report ?? null;
}
export { report as currentReport };

/**
 * Blind count: the expected cash (and so the variance) is not shown until a count of the day is
 * saved — neither on the count step nor in the side figures or the report preview. Hidden too
 * while the status has not loaded, so it never flashes up.
 */
export function expectedHidden(s: Pick<EndOfDayState, 'status' | 'count' | 'closed'>): boolean {
  if (s.closed) return false;
  if (!s.status) return true;
  // After the evening's Z nobody counts tonight for a day that has not begun (the count step says
  // so): the next day's X reading is shown as it is, and tomorrow's count is blind again.
  if (s.status.closeRefusal) return false;
  return s.status.blindCount && s.count === null;
}

/** Why this day cannot be closed now (after the evening's Z: tomorrow has not begun), or null. */
export function closeBlocked(s: Pick<EndOfDayState, 'status' | 'closed'>): ErrorInfo | null {
  return s.closed ? null : s.status?.closeRefusal ?? null;
}

/** The typed pieces as the request sends them: only the filled fields, zeros dropped. */
function typedDenominations(p: Record<string, string>): Record<string, number> {
  return Object.fromEntries(
    CASH_DENOMINATIONS_CENTS.filter((d) => (p[String(d)] ?? '').trim() !== '').map((d) => [String(d), Number((p[String(d)] ?? '').trim())]),
  );
}
const canonical = (d: Record<string, number>) => JSON.stringify(CASH_DENOMINATIONS_CENTS.map((v) => d[String(v)] ?? 0));

/** One save at a time: a double press on «Avanti» or «Salva» waits for the save in flight. */
let saving: Promise<boolean> | null = null;

export const useEndOfDay = create<EndOfDayState>()((set, get) => ({
  ...initial,
  async load() {
    const api = getApi();
    const closed = get().closed;
    const [st, layout] = await Promise.all([
      api.call('reports.status', {}),
      api.call('reports.layout', closed ? { type: 'z', date: closed.businessDay } : { type: 'x' }),
    ]);
    if (st.ok) set({ status: st.value, count: get().count ?? st.value.report.cash.count });
    else set({ error: st.error });
    if (layout.ok) set({ preview: layout.value });
  },
  goTo: (step) => set({ step, error: null, printJobId: null }),
  async next(to) {
    const at = STEPS.indexOf(get().step);
    const target = to ?? STEPS[Math.min(at + 1, STEPS.length - 1)]!;
    if (STEPS.indexOf(target) <= at) {
      set({ step: target, error: null, printJobId: null });
      return true;
    }
    if (get().step === 'count') {
      const p = get().pieces;
      // Nothing typed: not counted (the close step says so); a count of an empty drawer is a 0 typed.
      const typed = CASH_DENOMINATIONS_CENTS.some((d) => (p[String(d)] ?? '').trim() !== '');
      if (typed && !(await get().saveCount())) return false;
      // A second press that waited for the same save moves on once only.
      if (get().step !== 'count') return true;
    }
    set({ step: target, error: null, printJobId: null });
    return true;
  },
  setMovement: (m) => set({ movement: { ...get().movement, ...m } }),
  async addMovement() {
    const m = get().movement;
    const cents = parseAmount(m.amount);
    if (cents === null || cents <= 0) {
      set({ error: localError('AMOUNT_INVALID', 'endOfDay.errors.amount', { field: 'amount_cents' }) });
      return false;
    }
    set({ busy: true });
    const r = await getApi().callWithApproval('reports.cashMovement', {
      kind: m.kind, amount_cents: cents, ...(m.reason.trim() !== '' ? { reason: m.reason.trim() } : {}),
    });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ movement: { kind: m.kind === 'float' ? 'out' : m.kind, amount: '', reason: '' }, error: null });
    await get().load();
    return true;
  },
  setPieces: (valueCents, text) => set({ pieces: { ...get().pieces, [String(valueCents)]: text } }),
  countedCents() {
    const p = get().pieces;
    return CASH_DENOMINATIONS_CENTS.reduce((a, d) => {
      const t = (p[String(d)] ?? '').trim();
      return a + (piecesValid(t) && t !== '' ? Number(t) * d : 0);
    }, 0);
  },
  saveCount() {
    if (saving) return saving;
    const run = (async (): Promise<boolean> => {
      const p = get().pieces;
      const bad = CASH_DENOMINATIONS_CENTS.find((d) => !piecesValid(p[String(d)] ?? ''));
      if (bad !== undefined) {
        set({ error: localError('PIECES_INVALID', 'endOfDay.errors.pieces', { field: `denominations.${bad}` }) });
        return false;
      }
      const denominations = typedDenominations(p);
      const key = canonical(denominations);
      if (key === get().savedPieces) {
        set({ error: null });
        return true; // this very count is already saved: nothing counted twice
      }
      set({ busy: true });
      const r = await getApi().call('reports.countCash', { denominations });
      set({ busy: false });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      // A changed count is a new count (the backend journals each one).
      set({ count: r.value, savedPieces: key, error: null });
      await get().load();
      return true;
    })();
    // Cleared once settled (not inside the body: a count that needs no call settles at once).
    const guarded: Promise<boolean> = run.finally(() => { if (saving === guarded) saving = null; });
    saving = guarded;
    return guarded;
  },
  async finalSync() {
    set({ syncing: true, error: null });
    // The call returns when the sync has done what it can; meanwhile the screen shows the
    // transmission state moving (reports.status, asked again at each change the backend pushes).
    const off = getApi().onEvent((e) => { if (e.type === 'connection' ? e.up : e.topics.includes('documents')) void get().load(); });
    const r = await getApi().callWithApproval('reports.finalSync', {});
    off();
    set({ syncing: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ sync: r.value });
    await get().load();
    return true;
  },
  setNote: (note) => set({ note }),
  setForce: (force) => set({ force }),
  async close() {
    // After the evening's Z: said at once, without asking a manager for a PIN just to hear it (the
    // backend refuses the same way if the status is stale).
    const blocked = closeBlocked(get());
    if (blocked) {
      set({ error: blocked });
      return false;
    }
    set({ busy: true, error: null });
    const note = get().note.trim();
    const r = await getApi().callWithApproval('reports.closeDay', { ...(note !== '' ? { note } : {}), force: get().force });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ closed: r.value, step: 'print' });
    await get().load();
    return true;
  },
  async print(ref) {
    const c = get().closed;
    const r = await getApi().call('reports.print', c ? { type: 'z', date: c.businessDay } : ref?.type === 'z' ? { type: 'z' } : { type: 'x' });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ printJobId: r.value.printJobId, error: null });
    return true;
  },
  async pdf() {
    const c = get().closed;
    const r = await getApi().call('reports.pdf', c ? { type: 'z', date: c.businessDay } : { type: 'x' });
    if (!r.ok) {
      set({ error: r.error });
      return null;
    }
    const bin = atob(r.value.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { fileName: r.value.fileName, bytes };
  },
  reset: () => set({ ...initial }),
}));
