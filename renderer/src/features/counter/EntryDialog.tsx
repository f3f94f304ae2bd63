// One small dialog for every number typed at the counter: a quantity, a weight, a price, a discount
// (€ or %). The value it opens with is selected, so typing replaces it («1» then «4» is 4, never 14).
// Parsing goes through shared/ (money.ts, weight.ts); the dialog only collects text.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuro, lineAmount, parseAmount, parseQuantity } from '../../../../shared/money.js';
import { formatWeight, otherReading, parseWeight, weightNeedsConfirmation, type ParsedWeight, type WeightUnit } from '../../../../shared/weight.js';
import type { Discount } from '../../../../shared/contract/sale.js';
import { discountInputText, parsePercent } from '../../../../shared/contract/cart.js';
import { Dialog, FieldError, SelectAllInput } from '../../kit/ui.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export type Entry =
  | { kind: 'quantity'; title: string; initial: string; onDone(milli: number): boolean }
  | { kind: 'weight'; title: string; initialMilli: number | null; unitPriceCents: number; unit: WeightUnit; plausibleMaxMilli: number; onDone(milli: number): boolean }
  | { kind: 'money'; title: string; initial: string; hint?: string; onDone(cents: number): boolean | Promise<boolean> }
  | { kind: 'discount'; title: string; initial: Discount | null; onDone(d: Discount | null): boolean };

function initialText(entry: Entry): string {
  if (entry.kind === 'discount') return discountInputText(entry.initial);
  if (entry.kind === 'weight') {
    if (entry.initialMilli === null) return '';
    return entry.unit === 'g' ? String(entry.initialMilli) : formatWeight(entry.initialMilli).replace(' kg', '');
  }
  return entry.initial;
}

export function EntryDialog({ entry, onClose, error }: { entry: Entry; onClose: () => void; error: ErrorInfo | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => initialText(entry));
  const [mode, setMode] = useState<'amount' | 'percent'>(entry.kind === 'discount' && entry.initial?.kind === 'percent' ? 'percent' : 'amount');
  const [unit, setUnit] = useState<WeightUnit>(entry.kind === 'weight' ? entry.unit : 'kg');
  const [invalid, setInvalid] = useState(false);
  /** A weight above the plausible maximum, waiting for the cashier to say which they meant. */
  const [doubt, setDoubt] = useState<ParsedWeight | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let ok = false;
    if (entry.kind === 'quantity') {
      const q = parseQuantity(text);
      if (q === null || q <= 0) return setInvalid(true);
      ok = entry.onDone(q);
    } else if (entry.kind === 'weight') {
      const w = parseWeight(text, unit);
      if (w === null) return setInvalid(true);
      if (weightNeedsConfirmation(w.milli, entry.plausibleMaxMilli)) return setDoubt(w);
      ok = entry.onDone(w.milli);
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

  if (entry.kind === 'weight' && doubt) {
    const other = otherReading(doubt);
    const choose = (milli: number) => { if (entry.onDone(milli)) onClose(); };
    return (
      <Dialog title={t('entry.weightCheckTitle')} onClose={() => setDoubt(null)} testId="weight-confirm">
        <p data-testid="weight-confirm-text">{t('entry.weightCheck', { weight: formatWeight(doubt.milli), amount: formatEuro(lineAmount(doubt.milli, entry.unitPriceCents)) })}</p>
        <FieldError error={error} />
        <div className="dialog-actions dialog-actions-stack">
          <button type="button" className="btn btn-plain" onClick={() => setDoubt(null)}><span className="kbd">Esc</span> {t('common.back')}</button>
          <button type="button" className="btn btn-plain" onClick={() => choose(doubt.milli)} data-testid="weight-keep">{t('entry.weightKeep', { weight: formatWeight(doubt.milli) })}</button>
          {other && !weightNeedsConfirmation(other.milli, entry.plausibleMaxMilli) ? (
            <button type="button" className="btn btn-primary" onClick={() => choose(other.milli)} data-testid="weight-other">
              {t('entry.weightOther', { weight: `${other.number} ${other.unit}`, amount: formatEuro(lineAmount(other.milli, entry.unitPriceCents)) })}
            </button>
          ) : null}
        </div>
      </Dialog>
    );
  }

  const weight = entry.kind === 'weight' ? parseWeight(text, unit) : null;
  const hint = entry.kind === 'quantity' ? t('entry.quantityHint')
    : entry.kind === 'weight' ? (unit === 'kg' ? t('entry.weightHintKg') : t('entry.weightHintG'))
      : entry.kind === 'money' ? entry.hint ?? t('entry.moneyHint') : mode === 'amount' ? t('entry.moneyHint') : t('entry.percentHint');
  return (
    <Dialog title={entry.title} onClose={onClose} testId="entry-dialog">
      <form onSubmit={submit} className="entry-form">
        {entry.kind === 'discount' ? (
          <div className="segmented" role="group">
            <button type="button" className={mode === 'amount' ? 'on' : ''} onClick={() => setMode('amount')}>€</button>
            <button type="button" className={mode === 'percent' ? 'on' : ''} onClick={() => setMode('percent')}>%</button>
          </div>
        ) : null}
        <div className="entry-row">
          <SelectAllInput className="entry-input" value={text} inputMode="decimal" autoFocus data-testid="entry-input" data-scan="dialog"
            onChange={(e) => { setText(e.target.value); setInvalid(false); }} />
          {entry.kind === 'weight' ? (
            <div className="segmented unit-switch" role="group" aria-label={t('entry.unit')}>
              {(['kg', 'g'] as const).map((u) => (
                <button key={u} type="button" className={unit === u ? 'on' : ''} aria-pressed={unit === u} data-testid={`unit-${u}`} onClick={() => { setUnit(u); setInvalid(false); }}>{u}</button>
              ))}
            </div>
          ) : null}
        </div>
        {entry.kind === 'weight' && weight ? (
          <div className="entry-preview" data-testid="weight-preview">{formatWeight(weight.milli)} × {formatEuro(entry.unitPriceCents)}/kg = <strong>{formatEuro(lineAmount(weight.milli, entry.unitPriceCents))}</strong></div>
        ) : null}
        <div className="muted">{hint}</div>
        {invalid ? <div className="field-error" role="alert">{t('entry.invalid')}</div> : <FieldError error={error} testId="entry-error" />}
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.back')}</button>
          <button type="submit" className="btn btn-primary" data-testid="entry-ok"><span className="kbd">↵</span> {t('common.ok')}</button>
        </div>
      </form>
    </Dialog>
  );
}
