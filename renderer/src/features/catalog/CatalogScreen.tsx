// Catalog back office: browse and search, add/edit products and barcodes, CSV import with the
// rows that failed and why.
import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from './store.js';
import { VatOptions } from '../../kit/vat.js';
import { formatEuro } from '../../../../shared/money.js';
import { Dialog, ErrorBanner, FieldError, KeyButton } from '../../kit/ui.js';
import { ImportReportView } from '../../kit/import-report.js';
import { useKeys } from '../../kit/keys.js';
import './catalog.css';

function ProductForm() {
  const { t } = useTranslation();
  const d = useCatalog((s) => s.draft)!;
  const error = useCatalog((s) => s.draftError);
  const busy = useCatalog((s) => s.busy);
  const departments = useCatalog((s) => s.departments);
  const dept = departments.find((x) => x.code === d.department) ?? null;
  const vatText = (v: string) => (/^N/.test(v) ? v : `${t('catalog.vat')} ${v}%`);
  const c = useCatalog.getState();
  const submit = (e: FormEvent) => { e.preventDefault(); void c.saveDraft(); };
  return (
    <Dialog title={d.id ? t('catalog.editTitle') : t('catalog.newTitle')} onClose={() => c.cancelDraft()} testId="product-form" wide>
      <form onSubmit={submit} className="form-grid" data-scan="keep">
        <label className="field"><span>{t('catalog.sku')}</span><input value={d.sku} disabled={d.id !== null} onChange={(e) => c.setDraft({ sku: e.target.value })} data-testid="product-sku" /></label>
        <label className="field span2"><span>{t('catalog.description')}</span><input value={d.description} onChange={(e) => c.setDraft({ description: e.target.value })} data-testid="product-description" /></label>
        <label className="field"><span>{t('catalog.price')}</span><input value={d.price} inputMode="decimal" onChange={(e) => c.setDraft({ price: e.target.value })} data-testid="product-price" /></label>
        <label className="field"><span>{t('catalog.vat')}</span>
          <select value={d.vatCode} onChange={(e) => c.setDraft({ vatCode: e.target.value })} data-testid="product-vat">
            <VatOptions />
          </select>
        </label>
        <label className="field"><span>{t('catalog.department')}</span>
          <select value={d.department} onChange={(e) => c.setDepartment(e.target.value)} data-testid="product-department">
            <option value="">{departments.length === 0 ? t('catalog.noDepartments') : t('catalog.departmentNone')}</option>
            {departments.map((x) => <option key={x.id} value={x.code}>{`${x.name} · ${x.code} · ${vatText(x.vatCode)}`}</option>)}
          </select>
        </label>
        <label className="field span2"><span>{t('catalog.barcodes')}</span><input value={d.barcodes} onChange={(e) => c.setDraft({ barcodes: e.target.value })} placeholder="8001234567890, 8001234567891" data-testid="product-barcodes" /></label>
        <label className="check"><input type="checkbox" checked={d.soldByWeight} onChange={(e) => c.setDraft({ soldByWeight: e.target.checked })} /> {t('catalog.byWeight')}</label>
        <label className="check"><input type="checkbox" checked={d.favourite} onChange={(e) => c.setDraft({ favourite: e.target.checked })} /> {t('catalog.favourite')}</label>
        {dept && dept.vatCode !== d.vatCode ? (
          <p className="notice notice-warn span3" data-testid="product-vat-differs">{t('catalog.vatDiffers', { name: dept.name, vat: vatText(dept.vatCode) })}</p>
        ) : null}
        <div className="span3"><FieldError error={error} testId="product-error" /></div>
        <div className="dialog-actions span3">
          <button type="button" className="btn btn-plain" onClick={() => c.cancelDraft()}><span className="kbd">Esc</span> {t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="product-save"><span className="kbd">↵</span> {t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ImportPanel() {
  const { t } = useTranslation();
  const csv = useCatalog((s) => s.csv);
  const report = useCatalog((s) => s.report);
  const busy = useCatalog((s) => s.busy);
  const importError = useCatalog((s) => s.importError);
  const c = useCatalog.getState();
  return (
    <div className="import-panel" data-testid="import-panel">
      <h2>{t('catalog.importTitle')}</h2>
      <p className="muted">{t('catalog.importHint')}</p>
      <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="csv-file"
        onChange={async (e) => { const f = e.target.files?.[0]; if (f) c.setCsv(f.name, new Uint8Array(await f.arrayBuffer())); }} />
      <div className="import-actions">
        <KeyButton label={t('catalog.import')} variant="primary" onClick={() => void c.importCsv(false)} disabled={!csv || busy} testId="csv-import" />
        {report && !report.applied && report.errors.length > 0 && report.skipped < report.rows ? <KeyButton label={t('catalog.importSkipBad', { count: report.skipped })} onClick={() => void c.importCsv(true)} disabled={busy} testId="csv-import-skip" /> : null}
      </div>
      <ErrorBanner error={importError} testId="import-error" />
      {report ? <ImportReportView report={report} /> : null}
    </div>
  );
}

export function CatalogScreen() {
  const { t } = useTranslation();
  const text = useCatalog((s) => s.text);
  const error = useCatalog((s) => s.error);
  const products = useCatalog((s) => s.products);
  const offset = useCatalog((s) => s.offset);
  const total = useCatalog((s) => s.total);
  const draft = useCatalog((s) => s.draft);
  const c = useCatalog.getState();
  useEffect(() => { void useCatalog.getState().load(); }, []);
  useKeys({ F2: () => { c.newProduct(); } }, { enabled: draft === null });
  return (
    <div className="catalog-screen" data-testid="catalog-screen">
      <section className="catalog-main">
        <div className="catalog-bar">
          <input className="search-input" type="search" value={text} onChange={(e) => c.setText(e.target.value)} placeholder={t('catalog.searchPlaceholder')} data-testid="catalog-search" />
          <KeyButton k="F2" label={t('catalog.new')} variant="primary" onClick={() => c.newProduct()} testId="product-new" />
        </div>
        <ErrorBanner error={error} />
        <div className="prod-table">
          <div className="prod-row prod-headrow"><span>{t('catalog.sku')}</span><span>{t('catalog.description')}</span><span>{t('catalog.barcodes')}</span><span>{t('catalog.vat')}</span><span className="num">{t('catalog.price')}</span></div>
          {products.map((p) => (
            <div key={p.id} className="prod-row" onClick={() => c.edit(p)} data-testid="product-row">
              <span className="mono">{p.sku}</span>
              <span>{p.description}{p.favourite ? ' ★' : ''}</span>
              <span className="mono muted">{p.barcodes.join(', ')}</span>
              <span>{p.vatCode}</span>
              <span className="num">{formatEuro(p.priceCents)}{p.soldByWeight ? '/kg' : ''}</span>
            </div>
          ))}
        </div>
        <div className="pager">
          <button type="button" className="btn btn-plain" onClick={() => c.page(-1)} disabled={offset === 0}>‹</button>
          <span className="muted">{t('catalog.pageInfo', { from: total === 0 ? 0 : offset + 1, to: offset + products.length, total: total })}</span>
          <button type="button" className="btn btn-plain" onClick={() => c.page(1)} disabled={offset + products.length >= total}>›</button>
        </div>
      </section>
      <aside className="catalog-side"><ImportPanel /></aside>
      {draft ? <ProductForm /> : null}
    </div>
  );
}
