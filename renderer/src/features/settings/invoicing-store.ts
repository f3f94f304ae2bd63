// Settings «Fatturazione elettronica» (issue #13): where the invoice queue stands with the saved
// settings (invoices.queue: «pronta», or what stops it), the next invoice number with the prefix,
// Openapi's «Attiva le fatture» (setup.enableInvoices) and its answer in words, and the checks the
// screen makes itself before saving (the address's scheme, Fattura Elettronica API's user).
import { create } from 'zustand';
import type { InvoiceQueue } from '../../../../shared/contract/invoices.js';
import type { SettingsValues } from '../../../../shared/contract/settings.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';
import { localError } from '../../kit/local-error.js';

export type InvoiceAuthKind = 'basic' | 'bearer';

export interface InvoicingState {
  queue: InvoiceQueue | null;
  /** The series' last invoice (its year and seq), to show the next number; {year: '', seq: 0} when none; null: not known. */
  last: { year: string; seq: number } | null;
  /** Fattura Elettronica API: user and password, or a token (null: as the saved user says). */
  auth: InvoiceAuthKind | null;
  /** «Attiva le fatture su Openapi»: its answer in words (ok) or the refusal. */
  enable: { busy: boolean; message: string | null; messageEn: string | null; error: ErrorInfo | null };
  refresh(): Promise<void>;
  setAuth(kind: InvoiceAuthKind): void;
  enableOpenapi(): Promise<void>;
}

export const useInvoicing = create<InvoicingState>()((set) => ({
  queue: null,
  last: null,
  auth: null,
  enable: { busy: false, message: null, messageEn: null, error: null },
  async refresh() {
    const [q, l] = await Promise.all([getApi().call('invoices.queue', {}), getApi().call('invoices.list', { limit: 1 })]);
    const inv = l.ok ? l.value.invoices[0] : undefined;
    set({ queue: q.ok ? q.value : null, last: l.ok ? (inv ? { year: inv.year, seq: inv.seq } : { year: '', seq: 0 }) : null });
  },
  setAuth: (kind) => set({ auth: kind }),
  async enableOpenapi() {
    set({ enable: { busy: true, message: null, messageEn: null, error: null } });
    const r = await getApi().callWithApproval('setup.enableInvoices', {});
    set({ enable: r.ok ? { busy: false, message: r.value.message, messageEn: r.value.message_en, error: null } : { busy: false, message: null, messageEn: null, error: r.error } });
  },
}));

/** The settings keys this section shows: an error naming one is shown on its field (the dispatcher names them `values.<key>`). */
export const INVOICING_KEYS = ['invoice.provider', 'invoice.providerUrl', 'invoice.providerUser', 'invoice.prefix'] as const;
export type InvoicingKey = (typeof INVOICING_KEYS)[number];

export function errorOnField(error: ErrorInfo | null, key: InvoicingKey): ErrorInfo | null {
  return error && (error.field === key || error.field === `values.${key}`) ? error : null;
}

export function isInvoicingFieldError(error: ErrorInfo | null): boolean {
  return INVOICING_KEYS.some((k) => errorOnField(error, k) !== null);
}

/** What the screen refuses before saving (the backend keeps any text): a custom address that is not one, a missing user. */
export function checkInvoicing(value: <K extends keyof SettingsValues>(k: K) => SettingsValues[K] | undefined, auth: InvoiceAuthKind | null): ErrorInfo | null {
  const provider = value('invoice.provider') ?? '';
  if (provider === '') return null;
  const url = (value('invoice.providerUrl') ?? '').trim();
  if (url !== '' && !/^https?:\/\/[^\s/]+(\/\S*)?$/i.test(url)) {
    return localError('INVOICE_URL_INVALID', 'invoiceScreens.errors.urlInvalid', { field: 'invoice.providerUrl' });
  }
  if (provider === 'fattura-elettronica-api' && auth === 'basic' && (value('invoice.providerUser') ?? '').trim() === '') {
    return localError('INVOICE_USER_MISSING', 'invoiceScreens.errors.userMissing', { field: 'invoice.providerUser' });
  }
  return null;
}
