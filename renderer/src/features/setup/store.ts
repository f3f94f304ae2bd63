// The guided set-up (issue #12): which step to show, what the manager typed wrong (on the field the
// backend or the check digits name), and Openapi's last answer. The step shown follows setup.state
// (the backend records each step as done), so a reload resumes where the manager stopped.
import { create } from 'zustand';
import type { Input } from '../../../../shared/contract/index.js';
import { SETUP_STEPS, type LaterStep, type SetupState, type SetupStep, type VerifyResult, type SetupResult } from '../../../../shared/contract/setup.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { checkCodiceFiscale, checkPartitaIva, fiscalIdProblemText } from '../../../../shared/fiscal-id.js';
import { getApi } from '../../api/client.js';

/** The steps listed on the wizard, in order (the contract's). */
export const WIZARD_STEPS = SETUP_STEPS;
export type WizardStep = SetupStep;

/** Openapi's answer to a step, as the backend said it (plain words, Italian and English). */
export type Answer = Pick<SetupResult, 'message' | 'message_en' | 'company'>;

interface SetupStore {
  state: SetupState | null;
  /** The step on screen; null: the one setup.state says is to do. */
  chosen: SetupStep | null;
  busy: boolean;
  /** The last refusal: shown on its field when it names one, above the form otherwise. */
  error: ErrorInfo | null;
  /** Check-digit problems found as the manager leaves a field, before anything is sent. */
  local: Record<string, ErrorInfo>;
  answer: Answer | null;
  verified: VerifyResult | null;
  /** The manager chose to go to the till with steps still to do (asked again after a reload). */
  skipped: boolean;
  /** Opened from Settings: Esc on the first step goes back there. */
  fromSettings: boolean;
  load(): Promise<SetupState | null>;
  /** The step to show: the chosen one, or the first still to do (null once everything is done). */
  step(): SetupStep | null;
  choose(step: SetupStep | null): void;
  /** Partita IVA / codice fiscale check digits, as the field is left (the backend checks again). */
  checkField(field: 'vat_number' | 'tax_code', value: string): boolean;
  saveShop(input: Input<'setup.saveShop'>): Promise<boolean>;
  saveOpenapi(input: Input<'setup.saveOpenapi'>): Promise<boolean>;
  registerCompany(input: Input<'setup.registerCompany'>): Promise<boolean>;
  renewCredentials(input: Input<'setup.renewCredentials'>): Promise<boolean>;
  verify(): Promise<boolean>;
  /** Steps 3–6: done (the backend checks the step's rule) or skipped explicitly; the wizard moves on. */
  finishStep(step: LaterStep, skip: boolean): Promise<boolean>;
  skip(): void;
  /** Entering the wizard again (from Settings): the current step, nothing stale on screen. */
  reopen(fromSettings: boolean): void;
  clearError(): void;
}

function localProblem(field: 'vat_number' | 'tax_code', value: string): ErrorInfo | null {
  if (value.trim() === '') return null; // an empty field is said by the backend when saving
  const r = field === 'vat_number' ? checkPartitaIva(value) : checkCodiceFiscale(value);
  if (r.ok) return null;
  const t = fiscalIdProblemText(field === 'vat_number' ? 'partitaIva' : 'codiceFiscale', r.problem);
  return { code: field === 'vat_number' ? 'SETUP_VAT_NUMBER_INVALID' : 'SETUP_TAX_CODE_INVALID', field, message: t.it, message_en: t.en };
}

export const useSetup = create<SetupStore>()((set, get) => {
  /** One call of the wizard: busy while it runs, the refusal kept, the state taken from the answer. */
  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>, after: (v: T) => void): Promise<boolean> {
    set({ busy: true, error: null });
    const r = await call();
    if (!r.ok) {
      set({ busy: false, error: r.error });
      return false;
    }
    after(r.value);
    set({ busy: false });
    return true;
  }
  return {
    state: null,
    chosen: null,
    busy: false,
    error: null,
    local: {},
    answer: null,
    verified: null,
    skipped: false,
    fromSettings: false,
    async load() {
      const r = await getApi().call('setup.state', {});
      if (!r.ok) { set({ error: r.error }); return null; }
      set({ state: r.value });
      return r.value;
    },
    step() {
      const { state, chosen } = get();
      if (chosen) return chosen;
      if (!state || state.current === 'complete') return null;
      return state.current;
    },
    choose: (step) => set({ chosen: step, error: null, local: {}, answer: null, verified: null }),
    checkField(field, value) {
      const problem = localProblem(field, value);
      const local = { ...get().local };
      if (problem) local[field] = problem; else delete local[field];
      set({ local });
      return problem === null;
    },
    async saveShop(input) {
      const okVat = get().checkField('vat_number', input.vat_number);
      const okCf = get().checkField('tax_code', input.tax_code);
      if (!okVat || !okCf) return false;
      // Saved: on to the next step to do (the chosen step is left, as the manager moved on).
      return run(() => getApi().call('setup.saveShop', input), (state) => set({ state, chosen: null }));
    },
    async saveOpenapi(input) {
      return run(() => getApi().call('setup.saveOpenapi', input), (r) => set({ state: r.state, answer: { message: r.message, message_en: r.message_en, company: r.company } }));
    },
    async registerCompany(input) {
      // The step stays on screen once done: Openapi's answer is read there, and «Verifica» is there.
      return run(() => getApi().call('setup.registerCompany', input), (r) => set({ state: r.state, chosen: 'ade', answer: { message: r.message, message_en: r.message_en, company: r.company } }));
    },
    async renewCredentials(input) {
      return run(() => getApi().call('setup.renewCredentials', input), (r) => set({ state: r.state, answer: { message: r.message, message_en: r.message_en, company: r.company } }));
    },
    async verify() {
      set({ verified: null });
      return run(() => getApi().call('setup.verify', {}), (v) => set({ verified: v }));
    },
    async finishStep(step, skip) {
      return run(() => getApi().call('setup.finishStep', { step, skip }), (state) => set({ state, chosen: null }));
    },
    skip: () => set({ skipped: true }),
    reopen: (fromSettings) => set({ fromSettings, chosen: null, error: null, local: {}, answer: null, verified: null }),
    clearError: () => set({ error: null }),
  };
});

/** The error for a field: the check found on leaving it, else the backend's refusal naming it. */
export function fieldError(s: Pick<SetupStore, 'error' | 'local'>, field: string): ErrorInfo | null {
  return s.local[field] ?? (s.error?.field === field ? s.error : null);
}

/** Advice first; Openapi's own words (after the line break) as a labelled secondary detail. */
export function splitAdvice(text: string): { advice: string; detail: string | null } {
  const i = text.indexOf('\n');
  return i < 0 ? { advice: text, detail: null } : { advice: text.slice(0, i), detail: text.slice(i + 1) };
}
