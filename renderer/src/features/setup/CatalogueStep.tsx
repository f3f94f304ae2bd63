// Step 5 «Il catalogo» of the guided set-up: import a CSV with the catalogue screen's importer
// (catalog.import, the file's bytes; the report drawn by kit/import-report), the columns said in words
// with a sample file to download, then «Fatto» (the backend checks the catalogue holds a product) or
// «Salta» (a shop can sell by department alone).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { StepFinish } from './StepFinish.js';
import { getApi } from '../../api/client.js';
import { ErrorBanner, KeyButton } from '../../kit/ui.js';
import { ImportReportView, readCsvFile } from '../../kit/import-report.js';
import type { ImportReportOut } from '../../../../shared/contract/catalog.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

/** The sample offered for download: the importer's Italian column names, Excel's «;» and decimal comma. */
const SAMPLE_CSV = 'codice;descrizione;prezzo;iva;codice a barre\r\nP001;Pane comune 1 kg;3,20;4;\r\nB001;Acqua naturale 1,5 l;0,35;22;8000000000019\r\n';
const SAMPLE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(SAMPLE_CSV)}`;

export function CatalogueStep() {
  const { t } = useTranslation();
  const data = useSetup((s) => s.state!.steps.catalogue.data);
  const [csv, setCsv] = useState<{ name: string; base64: string } | null>(null);
  const [report, setReport] = useState<ImportReportOut | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const importCsv = async (skipBad: boolean) => {
    if (!csv) return;
    setBusy(true);
    const r = await getApi().callWithApproval('catalog.import', { csv_base64: csv.base64, skip_bad: skipBad });
    setBusy(false);
    if (!r.ok) { setError(r.error); setReport(null); return; }
    setError(null);
    setReport(r.value);
    // The step's count (and «Fatto») follow what the catalogue now holds.
    if (r.value.applied) await useSetup.getState().load();
  };
  return (
    <div className="setup-form" data-testid="setup-catalogue">
      <h2>{t('setup.steps.catalogue')}</h2>
      <p>{t('setup.catalogue.explain')}</p>
      <p className="muted" data-testid="catalogue-count">{t('setup.catalogue.count', { count: data.products })}</p>
      <div className="setup-card">
        <h3>{t('catalog.importTitle')}</h3>
        <p className="muted small" data-testid="catalogue-columns">{t('catalog.importHint')}</p>
        <a href={SAMPLE_HREF} download={t('setup.catalogue.sampleName')} data-testid="catalogue-sample">{t('setup.catalogue.sample')}</a>
        <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="catalogue-file"
          onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setCsv(await readCsvFile(f)); setReport(null); setError(null); } }} />
        <div className="setup-actions">
          {report && !report.applied && report.errors.length > 0 && report.skipped < report.rows
            ? <KeyButton label={t('catalog.importSkipBad', { count: report.skipped })} onClick={() => void importCsv(true)} disabled={busy} testId="catalogue-import-skip" />
            : null}
          <KeyButton label={t('catalog.import')} variant="primary" onClick={() => void importCsv(false)} disabled={!csv || busy} testId="catalogue-import" />
        </div>
        <ErrorBanner error={error} testId="catalogue-import-error" />
        {report ? <ImportReportView report={report} testId="catalogue-result" /> : null}
      </div>
      <StepFinish step="catalogue" />
    </div>
  );
}
