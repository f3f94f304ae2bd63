// «Fattura» from the history (issue #13): the customer picked as the cashier types (name, codice
// fiscale or partita IVA, over customers.search), ↑ ↓ and Enter; then the customer's invoicing data
// shown once more and «Emetti la fattura» (Enter, F2): an issued invoice is undone only by a credit
// note, so the choice is confirmed. The counter has its own picker (features/counter).
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerOut } from '../../../../shared/contract/customers.js';
import { Dialog, FieldError, KeyButton } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import { useInvoicePick } from './invoice-store.js';

function Ids({ c }: { c: CustomerOut }) {
  const { t } = useTranslation();
  const parts = [
    c.idCodice ? t('invoiceScreens.vat', { value: `${c.idPaese ?? ''}${c.idCodice}` }) : null,
    c.codiceFiscale ? t('invoiceScreens.taxCode', { value: c.codiceFiscale }) : null,
    c.pec ? t('invoiceScreens.pec', { value: c.pec }) : t('invoiceScreens.recipient', { value: c.codiceDestinatario }),
  ].filter((x): x is string => x !== null);
  return <span className="muted invoice-pick-ids">{parts.join(' · ')}</span>;
}

export function CustomerPicker() {
  const { t } = useTranslation();
  const sale = useInvoicePick((s) => s.sale);
  const text = useInvoicePick((s) => s.text);
  const results = useInvoicePick((s) => s.results);
  const highlighted = useInvoicePick((s) => s.highlighted);
  const chosen = useInvoicePick((s) => s.chosen);
  const error = useInvoicePick((s) => s.error);
  const busy = useInvoicePick((s) => s.busy);
  const p = useInvoicePick.getState();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (chosen) confirm.current?.focus(); }, [chosen]);
  useKeys({ F2: () => { if (chosen && !busy) void p.issue(); else return false; } }, { enabled: sale !== null });
  if (!sale) return null;
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); p.move(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); p.move(-1); }
    else if (e.key === 'Enter') { e.preventDefault(); p.pick(); }
  };
  return (
    <Dialog title={t('invoiceScreens.pickTitle', { number: sale.number })} onClose={() => p.close()} testId="invoice-pick">
      {chosen ? (
        <div className="invoice-chosen" data-testid="invoice-chosen">
          <p><strong>{t('invoiceScreens.pickChosen', { name: chosen.displayName })}</strong></p>
          <Ids c={chosen} />
          <p className="muted">{[chosen.indirizzo, chosen.numeroCivico, chosen.cap, chosen.comune, chosen.provincia].filter(Boolean).join(' ')}</p>
        </div>
      ) : (
        <>
          <label className="field">
            <span>{t('invoiceScreens.pickSearch')}</span>
            <input value={text} onChange={(e) => void p.type(e.target.value)} onKeyDown={onKey} autoComplete="off" data-testid="invoice-pick-search"
              role="combobox" aria-expanded={results.length > 0} aria-controls="invoice-pick-list" aria-invalid={error?.field === 'customer'} />
          </label>
          <span className="muted">{t('invoiceScreens.pickHint')}</span>
          <ul className="invoice-pick-list" id="invoice-pick-list" role="listbox" data-testid="invoice-pick-list">
            {results.map((c, i) => (
              <li key={c.id} role="option" aria-selected={i === highlighted} className={i === highlighted ? 'highlighted' : ''}
                onClick={() => p.pick(i)} data-testid="invoice-pick-option" data-name={c.displayName}>
                <span className="invoice-pick-name">{c.displayName}</span>
                <Ids c={c} />
              </li>
            ))}
          </ul>
          {results.length === 0 ? <p className="muted" data-testid="invoice-pick-none">{t('invoiceScreens.pickNone')}</p> : null}
        </>
      )}
      <FieldError error={error} testId="invoice-pick-error" />
      <div className="dialog-actions">
        <KeyButton k="Esc" label={t('common.back')} onClick={() => p.close()} testId="invoice-pick-back" />
        {chosen ? <KeyButton label={t('invoiceScreens.pickChange')} onClick={() => p.unpick()} testId="invoice-pick-change" /> : null}
        {chosen ? (
          <button type="button" ref={confirm} className="btn btn-primary" onClick={() => void p.issue()} disabled={busy} data-testid="invoice-issue">
            <kbd className="kbd">F2</kbd><span>{t('invoiceScreens.issue')}</span>
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
