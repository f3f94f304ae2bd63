// Set-up steps 3 and 4 (issue #12): the printer (address, paper, model, the test page and what became
// of THAT job, the drawer test) and the departments with their VAT (suggested ones, edit, delete when
// unused). Each refusal is kept with the field it names; the wizard's state (done/skipped, what the
// step's rule sees) is reloaded from setup.state after every change.
import { create } from 'zustand';
import type { Input, Output } from '../../../../shared/contract/index.js';
import type { PrintJobView } from '../../../../shared/contract/printing.js';
import type { DepartmentPresetCode } from '../../../../shared/contract/department-presets.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';
import { useSetup } from './store.js';

type Department = Output<'catalog.departments'>['departments'][number];

/** A job still on its way; any other state is its outcome (retry: the printer failed, lastError says why). */
export const JOB_PENDING: ReadonlySet<PrintJobView['state']> = new Set(['queued', 'printing']);

interface DevicesStore {
  busy: boolean;
  error: ErrorInfo | null;
  /** Which part of the screen the error belongs to: the department form, or the list and suggestions. */
  errorFrom: 'form' | 'list' | 'tests' | null;
  models: { id: string; name: string }[];
  /** The test page asked for last, as the print queue last reported it. */
  testJob: PrintJobView | null;
  /** The drawer test: when it opened, or null. */
  drawerOpenedAt: string | null;
  departments: Department[];
  /** Row being edited (its code), or null: the form adds a new one. */
  editing: string | null;
  loadPrinter(): Promise<void>;
  savePrinter(values: { url: string; columns: 32 | 42 | 48; model: string }): Promise<boolean>;
  /** Prints a test page and follows that one job until it printed or the printer said why not. */
  testPrint(): Promise<PrintJobView | null>;
  testDrawer(): Promise<boolean>;
  loadDepartments(): Promise<void>;
  addPresets(codes: DepartmentPresetCode[]): Promise<boolean>;
  saveDepartment(input: Input<'catalog.saveDepartment'>): Promise<boolean>;
  deleteDepartment(code: string): Promise<boolean>;
  edit(code: string | null): void;
  clearError(): void;
}

/** How often the test page's job is asked about while it is on its way (tests shorten it). */
let jobPollMs = 300;
export function setJobPollMs(ms: number): void { jobPollMs = ms; }

/**
 * What the step's rule sees changed (address, test page, departments): the wizard hears it, and a
 * refusal of «Fatto» said before (e.g. «stampa una pagina di prova») is no longer news.
 */
async function reloadWizard(): Promise<void> {
  useSetup.getState().clearError();
  await useSetup.getState().load();
}

export const useDevices = create<DevicesStore>()((set, get) => {
  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>, after: (v: T) => void, from: 'form' | 'list' | 'tests' | null = null): Promise<boolean> {
    set({ busy: true, error: null, errorFrom: null });
    const r = await call();
    if (!r.ok) { set({ busy: false, error: r.error, errorFrom: from }); return false; }
    after(r.value);
    set({ busy: false });
    await reloadWizard();
    return true;
  }
  return {
    busy: false,
    error: null,
    errorFrom: null,
    models: [],
    testJob: null,
    drawerOpenedAt: null,
    departments: [],
    editing: null,
    async loadPrinter() {
      const r = await getApi().call('printing.models', {});
      if (r.ok) set({ models: r.value.models });
      else set({ error: r.error });
    },
    async savePrinter({ url, columns, model }) {
      // A new address: an earlier test page says nothing about this printer.
      return run(() => getApi().call('settings.save', { values: { 'printer.url': url.trim(), 'printer.columns': columns, 'printer.model': model } }),
        () => set({ testJob: null, drawerOpenedAt: null }));
    },
    async testPrint() {
      set({ busy: true, error: null, errorFrom: null, testJob: null });
      const r = await getApi().call('settings.testPrint', {});
      if (!r.ok) { set({ busy: false, error: r.error, errorFrom: 'tests' }); return null; }
      const id = r.value.printJobId;
      for (;;) {
        const j = await getApi().call('printing.job', { id });
        if (!j.ok) { set({ busy: false, error: j.error, errorFrom: 'tests' }); return null; }
        set({ testJob: j.value });
        if (!JOB_PENDING.has(j.value.state)) break;
        await new Promise((res) => setTimeout(res, jobPollMs));
      }
      set({ busy: false });
      await reloadWizard();
      return get().testJob;
    },
    async testDrawer() {
      set({ drawerOpenedAt: null });
      return run(() => getApi().call('printing.testDrawer', {}), (v) => set({ drawerOpenedAt: v.openedAt }), 'tests');
    },
    async loadDepartments() {
      const r = await getApi().call('catalog.departments', {});
      if (r.ok) set({ departments: r.value.departments });
      else set({ error: r.error });
    },
    async addPresets(codes) {
      return run(() => getApi().call('catalog.addPresetDepartments', { codes }), (v) => set({ departments: v.departments }), 'list');
    },
    async saveDepartment(input) {
      const ok = await run(() => getApi().call('catalog.saveDepartment', input), () => set({ editing: null }), 'form');
      if (ok) await get().loadDepartments();
      return ok;
    },
    async deleteDepartment(code) {
      return run(() => getApi().call('catalog.deleteDepartment', { code }), (v) => set({ departments: v.departments, editing: get().editing === code ? null : get().editing }), 'list');
    },
    edit: (code) => set({ editing: code, error: null, errorFrom: null }),
    clearError: () => set({ error: null }),
  };
});
