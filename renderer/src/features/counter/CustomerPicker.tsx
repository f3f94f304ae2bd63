// «Fattura invece dello scontrino» (⇧F1, issue #13): the customer the sale is invoiced to, found by
// typing a name, codice fiscale or partita IVA with the customer book's own search (customers.search,
// as you type; an answer to an older keystroke is dropped). ↓/↑ move, Enter picks, F2 goes back to
// the receipt, Esc closes. A customer not in the book: «Nuovo cliente» opens the customer book (⇧F7);
// the cart waits on the sale screen meanwhile.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerOut } from '../../../../shared/contract/customers.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';
import { useKeys } from '../../kit/keys.js';
import { Dialog, ErrorBanner, KeyButton } from '../../kit/ui.js';
import { invoiceCustomerOf, type InvoiceCustomer } from './sale-store.js';

/** How many customers the picker lists: enough to see the one meant, few enough for 800×600. */
export const PICKER_LIMIT = 6;

export interface CustomerPickerProps {
  current: InvoiceCustomer | null;
  onPick: (c: InvoiceCustomer) => void;
  /** Back to the receipt (only offered when an invoice is set). */
  onRemove: () => void;
  /** «Nuovo cliente»: the customer book. */
  onNewCustomer: () => void;
  onClose: () => void;
}

export function CustomerPicker({ current, onPick, onRemove, onNewCustomer, onClose }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ for: string; customers: CustomerOut[] } | null>(null);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const asked = useRef(0);
  // Enter pressed before the answer for the text typed arrived (a fast typist, a P.IVA read by a
  // scanner): the first customer of that answer is picked when it comes.
  const enterPending = useRef(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  // The latest answer and text, as the keys see them (a render may not have happened in between).
  const latest = useRef<{ text: string; found: { for: string; customers: CustomerOut[] } | null }>({ text: '', found: null });

  useEffect(() => {
    const q = text.trim();
    const mine = ++asked.current;
    if (q === '') { setFound(null); return; }
    void getApi().call('customers.search', { text: q, limit: PICKER_LIMIT }).then((r) => {
      if (mine !== asked.current) return;
      if (!r.ok) { enterPending.current = false; setError(r.error); return; }
      latest.current.found = { for: q, customers: r.value.customers };
      setFound(latest.current.found);
      setIndex(0);
      setError(null);
      const first = r.value.customers[0];
      if (enterPending.current && first) pickRef.current(invoiceCustomerOf(first));
      enterPending.current = false;
    });
  }, [text]);

  const list = found?.customers ?? [];
  const pick = (c: CustomerOut | undefined) => { if (c) onPick(invoiceCustomerOf(c)); };
  // Modal: the sale screen's keys are hidden while the picker is open.
  useKeys({
    ArrowDown: () => { if (list.length) setIndex((i) => (i + 1) % list.length); },
    ArrowUp: () => { if (list.length) setIndex((i) => (i - 1 + list.length) % list.length); },
    F2: () => { if (current) onRemove(); else return false; },
    'Shift+F7': () => { onNewCustomer(); },
    Escape: () => { onClose(); },
  }, { modal: true });

  return (
    <Dialog title={t('counterInvoice.pickerTitle')} onClose={onClose} testId="invoice-picker">
      {current ? <p className="muted" data-testid="invoice-picker-current">{t('counterInvoice.banner', { name: current.name, taxId: current.taxId })}</p> : null}
      <form className="entry-form" onSubmit={(e) => {
        e.preventDefault();
        const now = latest.current;
        if (now.found && now.found.for === now.text.trim()) pick(now.found === found ? list[index] : now.found.customers[0]);
        else if (now.text.trim() !== '') enterPending.current = true;
      }}>
        <input
          className="search-input picker-input"
          value={text}
          autoComplete="off"
          placeholder={t('counterInvoice.searchPlaceholder')}
          aria-label={t('counterInvoice.searchPlaceholder')}
          // A name or a P.IVA typed fast is typing, never a barcode scan.
          data-scan="keep"
          data-testid="invoice-picker-search"
          onChange={(e) => { enterPending.current = false; latest.current.text = e.target.value; setText(e.target.value); }}
          onKeyDown={(e) => {
            // ↓/↑ move through the list from the search field too (the field would move the caret).
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              if (list.length) setIndex((i) => (i + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length);
            }
          }}
        />
        <ul className="picker-list" role="listbox" aria-label={t('counterInvoice.pickerTitle')}>
          {list.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === index} className={`picker-row ${i === index ? 'active' : ''}`}
              data-testid="invoice-picker-row" onClick={() => pick(c)}>
              <span className="picker-name">{c.displayName}</span>
              <span className="muted">{invoiceCustomerOf(c).taxId}{c.comune ? ` · ${c.comune}` : ''}</span>
            </li>
          ))}
        </ul>
        {found && list.length === 0 && found.for === text.trim()
          ? <p className="muted" data-testid="invoice-picker-none">{t('counterInvoice.noneFound', { text: found.for })}</p>
          : null}
        {!found ? <p className="muted">{t('counterInvoice.hint')}</p> : null}
        <ErrorBanner error={error} testId="invoice-picker-error" />
        <div className="dialog-actions picker-actions">
          <button type="button" className="btn btn-plain" onClick={onClose} data-testid="invoice-picker-back"><span className="kbd">Esc</span> {t('common.back')}</button>
          {current ? <KeyButton k="F2" label={t('counterInvoice.remove')} onClick={onRemove} testId="invoice-remove" /> : null}
          <KeyButton k="⇧F7" label={t('counterInvoice.newCustomer')} onClick={onNewCustomer} testId="invoice-new-customer" />
          <button type="submit" className="btn btn-primary" data-testid="invoice-pick"><span className="kbd">↵</span> {t('counterInvoice.pick')}</button>
        </div>
      </form>
    </Dialog>
  );
}
