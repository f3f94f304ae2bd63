// The customer book (issue #13): search as you type by name, codice fiscale or Partita IVA; F2 adds
// a customer; the form shows each error under the field it names; a manager deactivates or deletes
// (only while no document names the customer); CSV import with the refused rows, and export.
// Keyboard first: the search has the focus, ↓/↑ move through the list, Enter opens, Esc goes back.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomers } from './store.js';
import type { CustomerField, CustomerFields } from '../../../../shared/customer.js';
import type { CustomerOut } from '../../../../shared/contract/customers.js';
import { Dialog, ErrorBanner, FieldError, KeyButton } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import './customers.css';

type TextField = Exclude<CustomerField, 'kind'>;

function Field({ name, className, hint, upper }: { name: TextField; className?: string; hint?: string; upper?: boolean }) {
  const { t } = useTranslation();
  const value = useCustomers((s) => s.draft![name]);
  const error = useCustomers((s) => (s.draftError?.field === name ? s.draftError : null));
  return (
    <label className={`field ${className ?? ''} ${error ? 'field-bad' : ''}`}>
      <span>{t(`customers.fields.${name}`)}</span>
      <input
        value={value}
        onChange={(e) => useCustomers.getState().setDraft({ [name]: upper ? e.target.value.toUpperCase() : e.target.value } as Partial<CustomerFields>)}
        aria-invalid={error ? true : undefined}
        placeholder={hint}
        data-testid={`customer-${name}`}
      />
      <FieldError error={error} testId={`customer-${name}-error`} />
    </label>
  );
}

function CustomerForm() {
  const { t } = useTranslation();
  const d = useCustomers((s) => s.draft)!;
  const error = useCustomers((s) => s.draftError);
  const busy = useCustomers((s) => s.busy);
  const confirmDelete = useCustomers((s) => s.confirmDelete);
  const c = useCustomers.getState();
  const submit = (e: FormEvent) => { e.preventDefault(); void c.saveDraft(); };
  const first = d.kind === 'company' ? 'denominazione' : 'nome';
  // The name first (the dialog would focus the kind's radio); runs after the dialog's own focus.
  useEffect(() => { document.querySelector<HTMLInputElement>(`[data-testid="customer-${first}"]`)?.focus(); }, [first]);
  const italy = d.nazione.trim().toUpperCase() === 'IT' || d.nazione.trim() === '';
  // An error about a field the form shows goes under it; anything else in the banner.
  const shown: string[] = ['denominazione', 'nome', 'cognome', 'codice_fiscale', 'partita_iva', 'paese_iva', 'codice_destinatario', 'pec', 'indirizzo', 'numero_civico', 'cap', 'comune', 'provincia', 'nazione', 'notes'];
  const elsewhere = error && !shown.includes(error.field ?? '') ? error : null;
  return (
    <Dialog title={d.id ? t('customers.editTitle') : t('customers.newTitle')} onClose={() => c.cancelDraft()} testId="customer-form" wide>
      <form onSubmit={submit} className="customer-form" data-scan="keep" noValidate>
        <div className="customer-kind span4" role="radiogroup" aria-label={t('customers.kind')}>
          {(['person', 'company'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="kind" checked={d.kind === k} onChange={() => c.setDraft({ kind: k })} data-testid={`customer-kind-${k}`} /> {t(`customers.${k}`)}
            </label>
          ))}
        </div>
        {d.kind === 'company'
          ? <Field name="denominazione" className="span4" />
          : <><Field name="nome" className="span2" /><Field name="cognome" className="span2" /></>}
        <Field name="partita_iva" className="span2" upper />
        <Field name="codice_fiscale" className="span2" upper />
        <Field name="codice_destinatario" className="span2" upper hint={italy ? t('customers.sdiHint') : 'XXXXXXX'} />
        <Field name="pec" className="span2" />
        <Field name="indirizzo" className="span3" />
        <Field name="numero_civico" />
        <Field name="cap" />
        <Field name="comune" className="span2" />
        <div className="pair">
          <Field name="provincia" upper />
          <Field name="nazione" upper />
        </div>
        {!italy ? <Field name="paese_iva" upper /> : null}
        <Field name="notes" className="span4" />
        <div className="span4"><FieldError error={elsewhere} testId="customer-error" /></div>
        <div className="dialog-actions span4">
          {d.id ? (
            <>
              <button type="button" className="btn btn-plain" disabled={busy} onClick={() => void c.setActive(!d.active)} data-testid="customer-deactivate">
                {d.active ? t('customers.deactivate') : t('customers.activate')}
              </button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void c.deleteDraft()} data-testid="customer-delete">
                {confirmDelete ? t('customers.confirmDelete', { name: d.displayName }) : t('customers.delete')}
              </button>
            </>
          ) : null}
          <span className="grow" />
          <button type="button" className="btn btn-plain" onClick={() => c.cancelDraft()}><span className="kbd">Esc</span> {t('common.back')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="customer-save"><span className="kbd">↵</span> {t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ImportExport() {
  const { t } = useTranslation();
  const csv = useCustomers((s) => s.csv);
  const report = useCustomers((s) => s.report);
  const busy = useCustomers((s) => s.busy);
  const importError = useCustomers((s) => s.importError);
  const exported = useCustomers((s) => s.exported);
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const c = useCustomers.getState();
  return (
    <div className="import-panel" data-testid="customers-import">
      <h2>{t('customers.importTitle')}</h2>
      <p className="muted small">{t('customers.importHint')}</p>
      <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="customers-csv-file"
        onChange={async (e) => { const f = e.target.files?.[0]; if (f) c.setCsv(f.name, new Uint8Array(await f.arrayBuffer())); }} />
      <div className="import-actions">
        <KeyButton label={t('customers.import')} variant="primary" onClick={() => void c.importCsv(false)} disabled={!csv || busy} testId="customers-csv-import" />
        {report && !report.applied && report.errors.length > 0 && report.skipped < report.rows
          ? <KeyButton label={t('customers.importSkipBad', { count: report.skipped })} onClick={() => void c.importCsv(true)} disabled={busy} testId="customers-csv-import-skip" />
          : null}
        <KeyButton label={t('customers.export')} onClick={() => void c.exportCsv()} disabled={busy} testId="customers-csv-export" />
      </div>
      {exported ? <p className="muted" data-testid="customers-exported">{t('customers.exported', { count: exported.count, file: exported.file })}</p> : null}
      <ErrorBanner error={importError} testId="customers-import-error" />
      {report ? (
        <div className="import-report" data-testid="customers-import-report">
          <div className={report.applied ? 'notice notice-ok' : 'notice notice-warn'} data-testid="customers-import-summary">{en ? report.summary_en : report.summary}</div>
          {report.errors.length > 0 ? (
            <table className="row-errors">
              <thead><tr><th>{t('customers.row')}</th><th>{t('customers.problem')}</th></tr></thead>
              <tbody>
                {report.errors.slice(0, 200).map((e, i) => (
                  <tr key={i} data-testid="customers-row-error"><td>{e.line}</td><td>{(en ? e.message_en : e.message).replace(/^(Riga|Row) \d+: /, '')}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function delivery(c: CustomerOut): ReactNode {
  if (c.pec) return c.pec;
  return c.codiceDestinatario;
}

export function CustomersScreen() {
  const { t } = useTranslation();
  const text = useCustomers((s) => s.text);
  const inactive = useCustomers((s) => s.inactive);
  const customers = useCustomers((s) => s.customers);
  const shownFor = useCustomers((s) => s.shownFor);
  const error = useCustomers((s) => s.error);
  const draft = useCustomers((s) => s.draft);
  const c = useCustomers.getState();
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => { void useCustomers.getState().load(); search.current?.focus(); }, []);
  // Back from the form: the search again, ready for the next name.
  useEffect(() => { if (draft === null) search.current?.focus(); }, [draft]);
  useKeys({ F2: () => { c.newCustomer(); } }, { enabled: draft === null });
  const rows = () => Array.from(list.current?.querySelectorAll<HTMLButtonElement>('[data-testid="customer-row"]') ?? []);
  const move = (from: number, delta: number) => {
    const r = rows();
    if (from + delta < 0) { search.current?.focus(); return; }
    r[Math.min(from + delta, r.length - 1)]?.focus();
  };
  return (
    <div className="customers-screen" data-testid="customers-screen">
      <section className="customers-main">
        <div className="catalog-bar">
          <input
            ref={search} className="search-input" type="search" value={text} placeholder={t('customers.searchPlaceholder')} data-testid="customers-search"
            onChange={(e) => c.setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); move(-1, 1); }
              if (e.key === 'Enter' && customers[0]) { e.preventDefault(); c.edit(customers[0]); }
            }}
          />
          <KeyButton k="F2" label={t('customers.new')} variant="primary" onClick={() => c.newCustomer()} testId="customer-new" />
        </div>
        <label className="check small"><input type="checkbox" checked={inactive} onChange={(e) => c.setInactive(e.target.checked)} data-testid="customers-inactive" /> {t('customers.showInactive')}</label>
        <ErrorBanner error={error} />
        <div className="customer-table" ref={list}>
          <div className="customer-row customer-headrow" aria-hidden="true">
            <span>{t('customers.columns.name')}</span><span>{t('customers.columns.ids')}</span><span>{t('customers.columns.town')}</span><span>{t('customers.columns.delivery')}</span>
          </div>
          {customers.map((x, i) => (
            <button
              type="button" key={x.id} className={`customer-row ${x.active ? '' : 'inactive'}`} data-testid="customer-row"
              onClick={() => c.edit(x)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') { e.preventDefault(); move(i, 1); }
                if (e.key === 'ArrowUp') { e.preventDefault(); move(i, -1); }
              }}
            >
              <span className="name">{x.displayName}{x.active ? '' : ` (${t('customers.inactive')})`}</span>
              <span className="mono">{[x.idCodice ? `${x.idPaese === 'IT' ? '' : x.idPaese}${x.idCodice}` : null, x.codiceFiscale && x.codiceFiscale !== x.idCodice ? x.codiceFiscale : null].filter(Boolean).join(' · ')}</span>
              <span>{x.comune}{x.provincia ? ` (${x.provincia})` : ''}</span>
              <span className="mono muted">{delivery(x)}</span>
            </button>
          ))}
          {customers.length === 0 && shownFor !== null ? (
            <p className="muted empty" data-testid="customers-empty">{shownFor.trim() ? t('customers.noneFound', { text: shownFor.trim() }) : t('customers.empty')}</p>
          ) : null}
        </div>
        <p className="muted small" data-testid="customers-count">{t('customers.count', { count: customers.length })}</p>
      </section>
      <aside className="customers-side"><ImportExport /></aside>
      {draft ? <CustomerForm /> : null}
    </div>
  );
}
