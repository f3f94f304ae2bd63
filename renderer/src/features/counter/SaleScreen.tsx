// The counter: search or scan, the cart, the totals, favourites and department keys, park/resume.
import { vatShort } from '../../../../shared/receipt.js';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSale } from './sale-store.js';
import { Cart } from './Cart.js';
import { SearchBox } from './SearchBox.js';
import { EntryDialog, type Entry } from './EntryDialog.js';
import { tryPreviewCart, formatDiscount } from '../../../../shared/contract/cart.js';
import { formatAmount, formatEuro, formatQuantity } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import type { DepartmentOut } from '../../../../shared/contract/common.js';
import { useKeys } from '../../kit/keys.js';
import { Dialog, ErrorBanner, KeyButton, Money } from '../../kit/ui.js';
import { navigate, park, resume, startPayment } from './counter.js';
import { CustomerPicker } from './CustomerPicker.js';
import { InvoiceBanner } from './InvoiceBanner.js';
import { usePayment } from './payment-store.js';
import './sale.css';

function Totals({ onPay }: { onPay: () => void }) {
  const { t } = useTranslation();
  const lines = useSale((s) => s.lines);
  const saleDiscount = useSale((s) => s.saleDiscount);
  const cashRounding = useSale((s) => s.cashRounding);
  const { preview } = useMemo(() => tryPreviewCart({ lines, saleDiscount }, cashRounding), [lines, saleDiscount, cashRounding]);
  const tt = preview?.totals;
  return (
    <div className="totals" data-testid="totals">
      <div className="totals-row"><span>{t('sale.items', { count: lines.length })}</span><span>{tt ? formatEuro(tt.subtotalCents) : formatEuro(0)}</span></div>
      {tt && tt.lineDiscountCents > 0 ? <div className="totals-row"><span>{t('sale.lineDiscounts')}</span><span>{formatAmount(-tt.lineDiscountCents)}</span></div> : null}
      {tt && tt.complimentaryCents > 0 ? <div className="totals-row"><span>{t('sale.complimentaryTotal')}</span><span>{formatAmount(-tt.complimentaryCents)}</span></div> : null}
      {tt && saleDiscount ? <div className="totals-row"><span>{t('sale.saleDiscount', { discount: formatDiscount(saleDiscount) })}</span><span>{formatAmount(-tt.saleDiscountCents)}</span></div> : null}
      <div className="totals-total"><span>{t('sale.total')}</span><Money cents={tt?.totalCents ?? 0} className="total-amount" /></div>
      {preview && preview.cashRoundingCents !== 0 ? (
        <div className="totals-row muted" data-testid="cash-rounding">
          <span>{t('sale.cashDue', { rounding: formatAmount(preview.cashRoundingCents) })}</span>
          <span>{formatEuro(preview.cashDueCents)}</span>
        </div>
      ) : null}
      <KeyButton k="+" label={t('sale.pay')} variant="big" onClick={onPay} disabled={lines.length === 0} testId="pay-button" />
    </div>
  );
}

// Memoised: a scan re-renders the cart and the totals, not the 48 favourite tiles.
const SidePanel = memo(function SidePanel({ onDepartment }: { onDepartment: (d: DepartmentOut) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'favourites' | 'departments'>('favourites');
  const favourites = useSale((s) => s.favourites);
  const departments = useSale((s) => s.departments);
  return (
    <div className="side-panel">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'favourites'} className={tab === 'favourites' ? 'on' : ''} onClick={() => setTab('favourites')}>{t('sale.favourites')}</button>
        <button type="button" role="tab" aria-selected={tab === 'departments'} className={tab === 'departments' ? 'on' : ''} onClick={() => setTab('departments')}>{t('sale.departments')}</button>
      </div>
      <div className="tile-grid">
        {tab === 'favourites'
          ? favourites.map((p) => (
            <button key={p.id} type="button" className="tile" onClick={() => useSale.getState().addProduct(p)} data-testid="favourite">
              <span className="tile-name">{p.description}</span>
              <span className="tile-price">{formatEuro(p.priceCents)}{p.soldByWeight ? '/kg' : ''}</span>
            </button>
          ))
          : departments.map((d) => (
            <button key={d.id} type="button" className="tile tile-dept" onClick={() => onDepartment(d)} data-testid="department">
              <span className="tile-name">{d.name}</span>
              <span className="tile-price muted">{t('sale.vat', { code: vatShort(d.vatCode) })}</span>
            </button>
          ))}
        {tab === 'favourites' && favourites.length === 0 ? <div className="muted">{t('sale.noFavourites')}</div> : null}
        {tab === 'departments' && departments.length === 0 ? <div className="muted">{t('sale.noDepartments')}</div> : null}
      </div>
    </div>
  );
});

/**
 * Money already taken for this cart (a card charged on the POS, then back to the sale to add an item):
 * always in sight on the sale screen, with a way to take it off if the customer is refunded.
 */
function PaymentsTaken() {
  const { t } = useTranslation();
  const payments = usePayment((s) => s.payments);
  const result = usePayment((s) => s.result);
  if (result || payments.length === 0) return null;
  return (
    <div className="payments-taken" role="status" data-testid="payments-taken">
      <span>{t('sale.paymentsTaken')}</span>
      {payments.map((p, i) => (
        <span key={i} className="tag">
          {t(`payment.method.${p.method}`)} {formatEuro(p.amountCents)}
          <button type="button" className="btn btn-plain btn-small" aria-label={t('payment.remove')} onClick={() => usePayment.getState().removePayment(i)}>✕</button>
        </span>
      ))}
    </div>
  );
}

function ParkedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const parked = useSale((s) => s.parked);
  return (
    <Dialog title={t('sale.parkedTitle')} onClose={onClose} testId="parked-dialog">
      {parked.length === 0 ? <p className="muted">{t('sale.noParked')}</p> : null}
      <div className="parked-list">
        {parked.map((p) => (
          <div key={p.id} className="parked-row">
            <div>
              <div className="cart-title">{p.label}</div>
              <div className="muted">{romeDateTimeLabel(p.createdAt)} · {p.operatorName ?? ''} · {t('sale.items', { count: p.lineCount })}</div>
            </div>
            <Money cents={p.totalCents} />
            <span className="parked-actions">
              <button type="button" className="btn btn-plain btn-danger" onClick={() => void useSale.getState().discardParked(p.id)}>{t('sale.discardParked')}</button>
              <button type="button" className="btn btn-primary" onClick={async () => { if (await resume(p.id)) onClose(); }}>{t('sale.resume')}</button>
            </span>
          </div>
        ))}
      </div>
      <div className="dialog-actions"><button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.close')}</button></div>
    </Dialog>
  );
}

export function SaleScreen() {
  const { t } = useTranslation();
  const lines = useSale((s) => s.lines);
  const selectedKey = useSale((s) => s.selectedKey);
  const error = useSale((s) => s.error);
  const parked = useSale((s) => s.parked);
  const pendingWeight = useSale((s) => s.pendingWeight);
  const pendingPrice = useSale((s) => s.pendingPrice);
  const weightEntryUnit = useSale((s) => s.weightEntryUnit);
  const plausibleWeightMaxMilli = useSale((s) => s.plausibleWeightMaxMilli);
  const saleDiscount = useSale((s) => s.saleDiscount);
  const cashRounding = useSale((s) => s.cashRounding);
  const sale = useSale.getState();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [showParked, setShowParked] = useState(false);
  const [picking, setPicking] = useState(false);
  const invoiceTo = useSale((s) => s.invoiceTo);
  const search = useRef<HTMLInputElement>(null);
  const { preview } = useMemo(() => tryPreviewCart({ lines, saleDiscount }, cashRounding), [lines, saleDiscount, cashRounding]);
  const selected = lines.find((l) => l.key === selectedKey) ?? null;
  const dialogOpen = entry !== null || showParked || picking || pendingWeight !== null || pendingPrice !== null;

  // Once per visit of the screen (favourites, departments, parked sales, rounding setting).
  useEffect(() => { void useSale.getState().loadBasics(); }, []);
  useEffect(() => { if (!dialogOpen) search.current?.focus(); }, [dialogOpen]);

  const pay = () => { void startPayment(); };
  const weightEntry = (name: string, unitPriceCents: number, initialMilli: number | null, onDone: (milli: number) => boolean): Entry => ({
    kind: 'weight', title: t('sale.weightOf', { name, price: formatEuro(unitPriceCents) }), initialMilli, unitPriceCents,
    unit: weightEntryUnit, plausibleMaxMilli: plausibleWeightMaxMilli, onDone,
  });
  const editQuantity = () => selected && setEntry(selected.soldByWeight
    ? weightEntry(selected.description, selected.unitPriceCents, selected.quantityMilli, (q) => sale.setQuantity(selected.key, q))
    : { kind: 'quantity', title: t('sale.quantityOf', { name: selected.description }), initial: formatQuantity(selected.quantityMilli), onDone: (q) => sale.setQuantity(selected.key, q) });
  const editPrice = () => selected && setEntry({
    kind: 'money', title: t('sale.priceOf', { name: selected.description }), initial: formatAmount(selected.unitPriceCents), onDone: (c) => sale.setPrice(selected.key, c),
  });
  const editDiscount = () => selected && setEntry({
    kind: 'discount', title: t('sale.discountOf', { name: selected.description }), initial: selected.discount, onDone: (d) => sale.setLineDiscount(selected.key, d),
  });
  const editSaleDiscount = () => lines.length > 0 && setEntry({ kind: 'discount', title: t('sale.saleDiscountTitle'), initial: saleDiscount, onDone: (d) => sale.setSaleDiscount(d) });
  const openDepartment = useCallback((d: DepartmentOut) => setEntry({ kind: 'money', title: t('sale.departmentPrice', { name: d.name }), initial: '', onDone: (c) => useSale.getState().addOpenPrice(d, c) }), [t]);

  useKeys({
    F2: () => { editQuantity(); },
    F3: () => { editPrice(); },
    F4: () => { editDiscount(); },
    'Shift+F4': () => { editSaleDiscount(); },
    'Shift+F2': () => { void park(); },
    'Shift+F3': () => { void sale.refreshParked(); setShowParked(true); },
    'Shift+F1': () => { setPicking(true); },
    Delete: () => { if (selected) sale.voidLine(selected.key); },
    '+': () => { void pay(); },
    Enter: () => { void pay(); },
    ArrowUp: () => sale.moveSelection(-1),
    ArrowDown: () => sale.moveSelection(1),
    Escape: () => { if (error) sale.clearError(); else return false; },
  }, { enabled: !dialogOpen });

  return (
    <div className="sale-screen" data-testid="sale-screen">
      <section className="sale-main">
        <SearchBox ref={search} onPay={pay} />
        <ErrorBanner error={error} onClose={() => sale.clearError()} testId="sale-error" />
        <InvoiceBanner removable />
        <PaymentsTaken />
        <Cart preview={preview} />
        <div className="line-actions">
          <KeyButton k="F2" label={selected?.soldByWeight ? t('sale.weight') : t('sale.quantity')} onClick={editQuantity} disabled={!selected} testId="btn-quantity" />
          <KeyButton k="F3" label={t('sale.price')} onClick={editPrice} disabled={!selected} testId="btn-price" />
          <KeyButton k="F4" label={t('sale.discount')} onClick={editDiscount} disabled={!selected} testId="btn-discount" />
          <KeyButton label={t('sale.complimentary')} onClick={() => selected && sale.setComplimentary(selected.key, !selected.complimentary)} disabled={!selected} />
          <KeyButton k={t('keys.delete')} label={t('sale.voidLine')} onClick={() => selected && sale.voidLine(selected.key)} disabled={!selected} variant="danger" testId="btn-void-line" />
        </div>
      </section>
      <aside className="sale-side">
        <Totals onPay={pay} />
        <div className="sale-tools">
          <KeyButton k="Shift+F4" label={t('sale.saleDiscountShort')} onClick={editSaleDiscount} disabled={lines.length === 0} />
          <KeyButton k="Shift+F2" label={t('sale.park')} onClick={() => void park()} disabled={lines.length === 0} testId="btn-park" />
          <KeyButton k="Shift+F3" label={t('sale.resumeCount', { count: parked.length })} onClick={() => { void sale.refreshParked(); setShowParked(true); }} testId="btn-resume" />
          <KeyButton k="Shift+F1" label={invoiceTo ? t('counterInvoice.keyChange') : t('counterInvoice.key')} onClick={() => setPicking(true)} testId="btn-invoice" />
        </div>
        <SidePanel onDepartment={openDepartment} />
      </aside>
      {entry ? <EntryDialog entry={entry} error={error} onClose={() => { setEntry(null); sale.clearError(); }} /> : null}
      {pendingWeight ? (
        <EntryDialog
          entry={weightEntry(pendingWeight.description, pendingWeight.priceCents, null, (q) => sale.confirmWeight(q))}
          error={error}
          onClose={() => sale.cancelWeight()}
        />
      ) : null}
      {pendingPrice ? (
        <EntryDialog
          entry={{ kind: 'money', title: t('sale.priceNeeded', { name: pendingPrice.description }), initial: '', onDone: (c) => sale.confirmPrice(c) }}
          error={error}
          onClose={() => sale.cancelPrice()}
        />
      ) : null}
      {showParked ? <ParkedDialog onClose={() => setShowParked(false)} /> : null}
      {picking ? (
        <CustomerPicker
          current={invoiceTo}
          onPick={(c) => { sale.setInvoiceTo(c); setPicking(false); }}
          onRemove={() => { sale.setInvoiceTo(null); setPicking(false); }}
          onNewCustomer={() => { setPicking(false); navigate('customers'); }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </div>
  );
}
