// Step 3 «La stampante»: the address (the accepted forms said in words; a wrong one refused on its
// field), the paper width said as paper (58 / 80 mm), the model among those the encoder knows; then
// «Stampa pagina di prova» shows what became of THAT job (printed, or the printer's problem and what
// to do), «Apri cassetto» tries the drawer. «Fatto» needs the test page (the backend checks), or «Salta».
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { useDevices, JOB_PENDING } from './devices-store.js';
import { StepFinish } from './StepFinish.js';
import { FieldError, ErrorBanner } from '../../kit/ui.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';

const COLUMNS = [32, 42, 48] as const;
const MY_FIELDS = ['printer.url', 'printer.columns', 'printer.model'];

export function PrinterStep() {
  const { t } = useTranslation();
  const data = useSetup((s) => s.state!.steps.printer.data);
  const { busy, error, errorFrom, models, testJob, drawerOpenedAt } = useDevices();
  const { loadPrinter, savePrinter, testPrint, testDrawer } = useDevices.getState();
  const [url, setUrl] = useState(data.url);
  const [columns, setColumns] = useState<32 | 42 | 48>(data.columns as 32 | 42 | 48);
  const [model, setModel] = useState(data.model);
  const [saved, setSaved] = useState(false);
  useEffect(() => { void loadPrinter(); }, [loadPrinter]);
  // Refusals of the form on their fields; the test page's and the drawer's beside those buttons.
  const fieldErr = (f: string) => (errorFrom !== 'tests' && error?.field === f ? error : null);
  const other = error && (errorFrom === 'tests' || !MY_FIELDS.includes(error.field ?? '')) ? error : null;
  const unsaved = url.trim() !== data.url || columns !== data.columns || model !== data.model;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(await savePrinter({ url, columns, model }));
  };
  return (
    <div className="setup-form" data-testid="setup-printer">
      <h2>{t('setup.steps.printer')}</h2>
      <p className="muted">{t('setupPrinter.intro')}</p>
      <form className="setup-card" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field"><span>{t('setupPrinter.url')}</span>
          <input value={url} onChange={(e) => { setUrl(e.target.value); setSaved(false); }} maxLength={300} placeholder="tcp://192.168.1.50:9100"
            aria-invalid={fieldErr('printer.url') ? true : undefined} aria-describedby="printer-url-hint" data-testid="printer-url" autoFocus />
        </label>
        <div className="field-hint muted" id="printer-url-hint">{t('setupPrinter.urlHint')}</div>
        <FieldError error={fieldErr('printer.url')} testId="printer-url-error" />
        <div className="setup-row">
          <label className="field"><span>{t('setupPrinter.columns')}</span>
            <select value={columns} onChange={(e) => { setColumns(Number(e.target.value) as 32 | 42 | 48); setSaved(false); }} data-testid="printer-columns">
              {COLUMNS.map((c) => <option key={c} value={c}>{t(`setupPrinter.col${c}`)}</option>)}
            </select>
          </label>
          <label className="field"><span>{t('setupPrinter.model')}</span>
            <select value={model} onChange={(e) => { setModel(e.target.value); setSaved(false); }} data-testid="printer-model">
              {models.length === 0 ? <option value={model}>{model}</option> : models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
        </div>
        <FieldError error={fieldErr('printer.model') ?? fieldErr('printer.columns')} testId="printer-model-error" />
        <div className="setup-actions">
          {saved && !unsaved ? <span role="status" data-testid="printer-saved">{t('setupPrinter.saved')}</span> : null}
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="printer-save">{t('setupPrinter.save')}</button>
        </div>
      </form>
      <div className="setup-card">
        <div className="setup-actions" style={{ justifyContent: 'flex-start' }}>
          <button type="button" className="btn" disabled={busy || data.url === '' || unsaved} onClick={() => void testPrint()} data-testid="printer-test">{t('setupPrinter.test')}</button>
          <button type="button" className="btn" disabled={busy || data.url === '' || unsaved} onClick={() => void testDrawer()} title={t('setupPrinter.drawerHint')} data-testid="printer-drawer-test">{t('setupPrinter.drawer')}</button>
        </div>
        {data.url === '' || unsaved ? <div className="muted">{t('setupPrinter.saveFirst')}</div> : null}
        <TestOutcome job={testJob} />
        {drawerOpenedAt ? <div className="setup-said setup-said-ok" role="status" data-testid="printer-drawer-result">{t('setupPrinter.drawerOpened', { time: romeDateTimeLabel(drawerOpenedAt) })}</div> : null}
        {other ? <ErrorBanner error={other} testId="printer-error" /> : null}
      </div>
      <StepFinish step="printer" />
    </div>
  );
}

/** What became of the test page just asked for: on its way, printed, or the printer's problem and what to do. */
function TestOutcome({ job }: { job: ReturnType<typeof useDevices.getState>['testJob'] }) {
  const { t } = useTranslation();
  if (!job) return null;
  if (JOB_PENDING.has(job.state)) {
    return <div className="setup-said" role="status" data-testid="printer-test-result" data-state={job.state}>{t('setupPrinter.testing')}</div>;
  }
  if (job.state === 'printed') {
    const time = romeDateTimeLabel(job.printedAt ?? '');
    return (
      <div className="setup-said setup-said-ok" role="status" data-testid="printer-test-result" data-state="printed">
        {job.confirmed === false ? t('setupPrinter.printedUnconfirmed', { time }) : t('setupPrinter.printed', { time })}
      </div>
    );
  }
  return (
    <div className="setup-said setup-said-error" role="alert" data-testid="printer-test-result" data-state={job.state}>
      <div>{t('setupPrinter.failed', { error: job.lastError ?? '' })}</div>
      <div>{t('setupPrinter.failedAdvice')}</div>
    </div>
  );
}
