// Settings screen: shop, sale rules, printer, Openapi and AdE credentials (write-only), departments,
// operators. Everything that changes needs a manager (the api asks for a PIN when needed).
import { create } from 'zustand';
import type { SettingsValues, SettingsView, SecretName } from '../../../../shared/contract/settings.js';
import type { DepartmentOut, OperatorOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { VatCode } from '../../../../shared/vat.js';
import { getApi } from '../../api/client.js';

export interface SettingsState {
  view: SettingsView | null;
  draft: Partial<SettingsValues>;
  departments: DepartmentOut[];
  operators: OperatorOut[] | null;
  error: ErrorInfo | null;
  saved: boolean;
  busy: boolean;
  load(): Promise<void>;
  set<K extends keyof SettingsValues>(k: K, v: SettingsValues[K]): void;
  value<K extends keyof SettingsValues>(k: K): SettingsValues[K] | undefined;
  save(): Promise<boolean>;
  setSecret(name: SecretName, value: string): Promise<boolean>;
  testPrint(): Promise<boolean>;
  saveDepartment(code: string, name: string, vatCode: VatCode): Promise<boolean>;
  loadOperators(): Promise<void>;
  saveOperator(op: { id?: string; name: string; role: 'cashier' | 'manager'; pin?: string; active: boolean }): Promise<boolean>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  view: null,
  draft: {},
  departments: [],
  operators: null,
  error: null,
  saved: false,
  busy: false,
  async load() {
    const [v, d] = await Promise.all([getApi().call('settings.get', {}), getApi().call('catalog.departments', {})]);
    if (v.ok) set({ view: v.value, draft: {}, error: null });
    else set({ error: v.error });
    if (d.ok) set({ departments: d.value.departments });
  },
  set(k, v) {
    // Typing in the field an error names takes that error away; others stay until the next save.
    const e = get().error;
    const onThisField = e !== null && (e.field === k || e.field === `values.${k}`);
    set({ draft: { ...get().draft, [k]: v }, saved: false, ...(onThisField ? { error: null } : {}) });
  },
  value(k) {
    return (k in get().draft ? get().draft[k] : get().view?.values[k]) as never;
  },
  async save() {
    set({ busy: true });
    const r = await getApi().callWithApproval('settings.save', { values: get().draft });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error, saved: false });
      return false;
    }
    set({ view: r.value, draft: {}, error: null, saved: true });
    return true;
  },
  async setSecret(name, value) {
    const r = await getApi().callWithApproval('settings.setSecret', { name, value });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ view: r.value, error: null });
    return true;
  },
  async testPrint() {
    const r = await getApi().callWithApproval('settings.testPrint', {});
    if (!r.ok) set({ error: r.error });
    return r.ok;
  },
  async saveDepartment(code, name, vatCode) {
    const r = await getApi().callWithApproval('catalog.saveDepartment', { code, name, vat_code: vatCode });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    await get().load();
    return true;
  },
  async loadOperators() {
    const r = await getApi().callWithApproval('operators.list', {});
    if (r.ok) set({ operators: r.value.operators, error: null });
    else set({ error: r.error });
  },
  async saveOperator(op) {
    const r = await getApi().callWithApproval('operators.save', op);
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    await get().loadOperators();
    return true;
  },
}));
