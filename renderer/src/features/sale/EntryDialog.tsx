// One small dialog for every number typed at the counter: quantity or weight, a price, a discount
// (€ or %). Parsing goes through shared/money.ts; the dialog only collects text.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmount, parseQuantity } from '../../../../shared/money.js';
import type { Discount } from '../../../../shared/contract/sale.js';
import { discountInputText, parsePercent } from '../../../../shared/contract/cart.js';
import { Dialog, FieldError } from '../../app/ui.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export type Entry =
  | { kind: 'quantity'; title: string; initial: string; weight: boolean; onDone(milli: number): boolean }
  | { kind: 'money'; title: string; initial: string; onDone(cents: number): boolean | Promise<boolean> }
  | { kind: 'discount'; title: string; initial: Discount | null; onDone(d: Discount | null): boolean };

export function EntryDialog({ entry, onClose, error }: { entry: Entry; onClose: () => void; error: ErrorInfo | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry.kind === 'discount' ? discountInputText(entry.initial) : entry.initial);
  const [mode, setMode] = useState<'amount' | 'percent'>(entry.kind === 'discount' && entry.initial?.kind === 'percent' ? 'percent' : 'amount');
  const [invalid, setInvalid] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let ok = false;
    if (entry.kind === 'quantity') {
      const q = parseQuantity(text);
      if (q === null || q <= 0) return setInvalid(true);
      ok = entry.onDone(q);
    } else if (entry.kind === 'money') {
      const c = parseAmount(text);
      if (c === null || c < 0) return setInvalid(true);
      ok = await entry.onDone(c);
    } else {
      if (text.trim() === '') ok = entry.onDone(null);
      else {
        const v = mode === 'amount' ? parseAmount(text) : parsePercent(text);
        if (v === null || v < 0) return setInvalid(true);
        ok = entry.onDone({ kind: mode, value: v });
      }
    }
    if (ok) onClose();
  };

  const hint = entry.kind === 'quantity' ? (entry.weight ? t('entry.weightHint') : t('entry.quantityHint')) : entry.kind === 'money' ? t('entry.moneyHint') : mode === 'amount' ? t('entry.moneyHint') : t('entry.percentHint');
  return (
    <Dialog title={entry.title} onClose={onClose} testId="entry-dialog">
      <form onSubmit={submit} className="entry-form">
        {entry.kind === 'discount' ? (
          <div className="segmented" role="group">
            <button type="button" className={mode === 'amount' ? 'on' : ''} onClick={() => setMode('amount')}>€</button>
            <button type="button" className={mode === 'percent' ? 'on' : ''} onClick={() => setMode('percent')}>%</button>
          </div>
        ) : null}
        <input className="entry-input" value={text} inputMode="decimal" autoFocus data-testid="entry-input"
          onChange={(e) => { setText(e.target.value); setInvalid(false); }} />
        <div className="muted">{hint}</div>
        {invalid ? <div className="field-error" role="alert">{t('entry.invalid')}</div> : <FieldError error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" data-testid="entry-ok"><span className="kbd">↵</span> {t('common.ok')}</button>
        </div>
      </form>
    </Dialog>
  );
}
