// The catalogue CSV import's shared pieces (the catalogue screen and the set-up's step 5 use the same
// importer, catalog.import): reading the chosen file's bytes, and the report of what the import did
// (added/updated/refused rows with the refusals' words), one way wherever it is shown.
import { useTranslation } from 'react-i18next';
import type { ImportReportOut } from '../../../shared/contract/catalog.js';
import './import-report.css';

/** Base64 of the file's bytes, in slices (String.fromCharCode on megabytes at once overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The file as catalog.import takes it: its bytes, base64 (the backend detects the encoding: Excel's Windows-1252, UTF-16…). */
export async function readCsvFile(file: File): Promise<{ name: string; base64: string }> {
  return { name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** What the import did, in one sentence with the right plurals. */
export function ImportSummary({ report }: { report: ImportReportOut }) {
  const { t } = useTranslation();
  if (!report.applied) return <>{t('catalog.notImported', { count: report.errors.length })}</>;
  const parts = `${t('catalog.createdCount', { count: report.created })}, ${t('catalog.updatedCount', { count: report.updated })}`;
  return <>{`${t('catalog.imported', { count: report.imported })} (${parts})${report.skipped ? ` · ${t('catalog.skippedRows', { count: report.skipped })}` : ''}`}</>;
}

function RowErrors({ rows, testId }: { rows: ImportReportOut['errors']; testId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <table className="row-errors">
      <thead><tr><th>{t('catalog.row')}</th><th>{t('catalog.field')}</th><th>{t('catalog.problem')}</th></tr></thead>
      <tbody>
        {rows.slice(0, 200).map((e, i) => (
          <tr key={i} data-testid={testId}><td>{e.line}</td><td>{en ? e.column_en : e.column}</td><td>{en ? e.detail_en : e.detail}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** The whole report: summary, how the file was read, departments created, columns not read, refused rows, notices. */
export function ImportReportView({ report, testId = 'import-report' }: { report: ImportReportOut; testId?: string }) {
  const { t } = useTranslation();
  const encodingKey = report.encoding ? report.encoding.replace(/-/g, '') : null;
  return (
    <div className="import-report" data-testid={testId}>
      <div className={report.applied ? 'notice notice-ok' : 'notice notice-warn'} data-testid="import-summary"><ImportSummary report={report} /></div>
      {encodingKey ? (
        <p className="muted" data-testid="import-read-as">
          {t('catalog.readAs', { encoding: t(`catalog.encodingName.${encodingKey}`), delimiter: report.delimiter === '\t' ? t('catalog.tab') : `«${report.delimiter}»` })}
        </p>
      ) : null}
      {report.departments_created.length > 0 ? (
        <p data-testid="import-departments">{t('catalog.departmentsCreated', { count: report.departments_created.length, list: report.departments_created.map((d) => `${d.name} (${/^N/.test(d.vatCode) ? d.vatCode : `${t('catalog.vat')} ${d.vatCode}%`})`).join(', ') })}</p>
      ) : null}
      {report.ignored_columns.length > 0 ? <p className="muted" data-testid="import-ignored">{t('catalog.ignoredColumns', { list: report.ignored_columns.map((x) => `«${x}»`).join(', ') })}</p> : null}
      {report.errors.length > 0 ? <RowErrors rows={report.errors} testId="row-error" /> : null}
      {report.notices.length > 0 ? (
        <>
          <h3>{t('catalog.notices')}</h3>
          <RowErrors rows={report.notices} testId="row-notice" />
        </>
      ) : null}
    </div>
  );
}
